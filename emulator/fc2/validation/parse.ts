import type { z } from "zod";
import { parseJson, parseWith, type Source } from "../../core/parse";
import { fcError } from "../errors";

/**
 * Turns a zod failure into the cloud's `InvalidArgument`, naming the field, what it must be and what
 * was sent: `maxAsyncRetryAttempts must be an integer from 0 to 8, got 9`.
 */

const invalid = (message: string) => fcError("InvalidArgument", message);

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, source: Source): z.output<S> {
  return parseWith(schema, value, source, "the FC API", invalid);
}

/** A JSON request body; an empty body reads as `{}`. */
export function parseJsonBody(body: Buffer): unknown {
  return parseJson(body, invalid);
}
