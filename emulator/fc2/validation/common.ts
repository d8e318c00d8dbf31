import { z } from "zod";
import {
  NAME_PATTERN,
  NAME_REQUIREMENT,
  QUALIFIER_PATTERN,
  QUALIFIER_REQUIREMENT,
  VERSION_ID_PATTERN,
  type IntRange,
} from "../../../contracts/fc2";
import { intInRange } from "../../core/schemas";

export { intInRange, opaqueObject } from "../../core/schemas";

/** Schemas shared by several operations: names, numeric ranges, list paging. The rules are the contract's. */

/** Service, function and alias names. */
export const resourceName = z.string({ error: `must be a string that ${NAME_REQUIREMENT}` }).regex(NAME_PATTERN, { error: NAME_REQUIREMENT });

/** A published version number as the API spells it: digits, no sign. */
export const versionId = z
  .union([z.string(), z.number()], { error: "must be a version number" })
  .transform((v) => String(v))
  .pipe(z.string().regex(VERSION_ID_PATTERN, { error: "must be a published version number (1, 2, …)" }));

/** `LATEST`, a version number or an alias name. */
export const qualifier = z.string().regex(QUALIFIER_PATTERN, { error: QUALIFIER_REQUIREMENT });

/** An integer setting in the contract's range (the default is the handler's business, not validation's). */
export function intInContractRange(range: IntRange): z.ZodNumber {
  return intInRange(range.min, range.max);
}


export const description = z.string({ error: "must be a string" }).max(256, { error: "must be at most 256 characters" });


/** Query parameters arrive as strings; `limit` must be a whole number in 1–100 (default 20). */
export const limitParam = z
  .string()
  .regex(/^[0-9]+$/, { error: "must be an integer from 1 to 100" })
  .transform(Number)
  .pipe(intInRange(1, 100))
  .optional();

export const nextTokenParam = z.string().min(1, { error: "must not be empty" }).optional();

/** The paging parameters every List operation takes. */
export const pagingQuery = z.object({
  limit: limitParam,
  nextToken: nextTokenParam,
});

/** Lists of named resources also filter by prefix and start at a key. */
export const namedListQuery = pagingQuery.extend({
  prefix: z.string().max(128).optional(),
  startKey: z.string().max(128).optional(),
});
