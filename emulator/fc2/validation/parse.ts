import type { z } from "zod";
import { parseJson, parseWith, type Source } from "../../core/parse";
import { fcError } from "../errors";
import { invalidRuntimeMessage } from "../../../contracts/alicloud";

/**
 * Turns a zod failure into the cloud's `InvalidArgument`, naming the field, what it must be and what
 * was sent: `maxAsyncRetryAttempts must be an integer from 0 to 8, got 9`.
 */

const invalid = (message: string) => fcError("InvalidArgument", message);

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, source: Source): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  const first = result.success ? undefined : result.error.issues[0];
  if (source === "body" && first?.path.length === 1 && first.path[0] === "runtime") {
    // FC's own words for an unknown runtime (contracts/alicloud), not the generic sentence.
    throw invalid(invalidRuntimeMessage(first.input));
  }
  return parseWith(schema, value, source, "the FC API", invalid);
}

/** A JSON request body; an empty body reads as `{}`. */
export function parseJsonBody(body: Buffer): unknown {
  return parseJson(body, invalid);
}
