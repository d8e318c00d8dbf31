import type { z } from "zod";
import { fcError } from "../errors";

/**
 * Turns a zod failure into the cloud's `InvalidArgument`, naming the field, what it must be and what
 * was sent: `maxAsyncRetryAttempts must be an integer from 0 to 8, got 9`.
 */

type Source = "body" | "query" | "path";

function describe(issue: z.core.$ZodIssue, source: Source): string {
  const field = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const where = field === "" ? `the request ${source}` : field;
    const keys = issue.keys.map((k) => `'${k}'`).join(", ");
    return `${where} has field(s) ${keys} that the FC API does not define`;
  }
  const subject = field === "" ? (source === "body" ? "the request body" : `the request ${source}`) : field;
  const input = (issue as { input?: unknown }).input;
  const got = input === undefined ? "" : `, got ${JSON.stringify(input)}`;
  return `${subject} ${issue.message}${got}`;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, source: Source): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw fcError("InvalidArgument", first ? describe(first, source) : `the request ${source} is invalid`);
}

/**
 * How deep a request body may nest. FC's own bodies nest 4 levels at most (destinationConfig.onSuccess.destination);
 * the limit only keeps a hostile body (200,000 `[`) from overflowing the stack of the schemas that walk it.
 */
export const MAX_JSON_DEPTH = 100;

/** The deepest nesting of objects and arrays in JSON text, brackets inside strings not counted; stops past `limit`. */
export function jsonDepth(body: Buffer, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return deepest;
}

/** A JSON request body, for the FC operations and the control surface alike; an empty body reads as `{}`. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  if (jsonDepth(body) > MAX_JSON_DEPTH) {
    throw fcError("InvalidArgument", `the request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep`);
  }
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw fcError("InvalidArgument", "the request body is not valid JSON");
  }
}
