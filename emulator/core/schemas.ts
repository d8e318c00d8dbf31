import { z } from "zod";

/**
 * zod schemas any API's validation builds on, worded so that an InvalidArgument reads as one sentence
 * (`core/parse.ts`): `timeout must be an integer from 1 to 86400, got 0`. The ranges and names themselves are each
 * API's contract.
 */

export function intInRange(min: number, max: number): z.ZodNumber {
  const rule = `must be an integer from ${min} to ${max}`;
  return z.number({ error: rule }).int({ error: rule }).min(min, { error: rule }).max(max, { error: rule });
}

/** A configuration block the emulator stores and echoes without interpreting it. */
export const opaqueObject = z.record(z.string(), z.unknown(), { error: "must be a JSON object" });

/** Base64 of a zip archive: every zip, even an empty one, starts with a `PK` signature. */
export const base64Zip = z
  .string({ error: "must be a base64-encoded zip file" })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: "must be a base64-encoded zip file" })
  .refine((b64) => b64.length % 4 === 0 && Buffer.from(b64, "base64").subarray(0, 2).toString("latin1") === "PK", {
    error: "must be a base64-encoded zip file",
  });
