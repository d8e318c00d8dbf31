import type { z } from "zod";
import { invalidArgument } from "../errors";
import { parseJson, parseWith } from "../parse";

/** A control request's JSON body checked against its schema; InvalidArgument naming the field otherwise. */
export function parseControl<S extends z.ZodType>(schema: S, body: Buffer): z.output<S> {
  return parseWith(schema, parseJson(body, invalidArgument), "body", "the control surface", invalidArgument);
}
