import type { z } from "zod";
import { parseJson, parseWith, type Source } from "../../core/parse";
import { fcError } from "../errors";
import { FC_RUNTIMES } from "../../../contracts/alicloud";

/**
 * Turns a zod failure into the cloud's `InvalidArgument`, naming the field, what it must be and what
 * was sent: `maxAsyncRetryAttempts must be an integer from 0 to 8, got 9`.
 */

const invalid = (message: string) => fcError("InvalidArgument", message);

/**
 * FC's own words for a runtime it does not know; the official Node.js SDK suite matches on them
 * ("createFunction with invalid runtime should fail": `Runtime is set to an invalid value`). The rest of the
 * sentence (the value sent, the valid ones) is the emulator's.
 */
export const INVALID_RUNTIME = "Runtime is set to an invalid value";

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, source: Source): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  const first = result.success ? undefined : result.error.issues[0];
  if (source === "body" && first?.path.length === 1 && first.path[0] === "runtime") {
    throw invalid(`${INVALID_RUNTIME}: ${JSON.stringify(first.input)}; it must be one of ${FC_RUNTIMES.join(", ")}`);
  }
  return parseWith(schema, value, source, "the FC API", invalid);
}

/** A JSON request body; an empty body reads as `{}`. */
export function parseJsonBody(body: Buffer): unknown {
  return parseJson(body, invalid);
}
