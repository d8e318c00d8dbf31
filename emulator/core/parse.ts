import type { z } from "zod";

/**
 * zod failures as one sentence naming the field, what it must be and what was sent
 * (`maxAsyncRetryAttempts must be an integer from 0 to 8, got 9`). Each API wraps these in its own
 * InvalidArgument; the control surface uses them as they are (`parseControl`).
 */

export type Source = "body" | "query" | "path";

/** `apiLabel` names whose definitions unknown fields are missing from: "the FC API", "the control surface". */
export function describeIssue(issue: z.core.$ZodIssue, source: Source, apiLabel: string): string {
  const field = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const where = field === "" ? `the request ${source}` : field;
    const keys = issue.keys.map((k) => `'${k}'`).join(", ");
    return `${where} has field(s) ${keys} that ${apiLabel} does not define`;
  }
  const subject = field === "" ? (source === "body" ? "the request body" : `the request ${source}`) : field;
  const input = (issue as { input?: unknown }).input;
  const got = input === undefined ? "" : `, got ${JSON.stringify(input)}`;
  return `${subject} ${issue.message}${got}`;
}

/** Parses `value`, or throws what `fail` makes of the first issue's sentence. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, source: Source, apiLabel: string, fail: (message: string) => Error): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw fail(first ? describeIssue(first, source, apiLabel) : `the request ${source} is invalid`);
}

/**
 * How deep a request body may nest. The cloud APIs' own bodies nest a handful of levels; the limit only keeps a
 * hostile body (200,000 `[`) from overflowing the stack of the schemas that walk it, which would end in a 500.
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

/** A JSON request body; an empty body reads as `{}`. Nesting past `MAX_JSON_DEPTH` is refused before parsing. */
export function parseJson(body: Buffer, fail: (message: string) => Error): unknown {
  if (body.length === 0) return {};
  if (jsonDepth(body) > MAX_JSON_DEPTH) throw fail(`the request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep`);
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw fail("the request body is not valid JSON");
  }
}
