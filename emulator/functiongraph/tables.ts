import { z } from "zod";
import type { TableSchemas } from "../core/store/tables";

/**
 * What the store keeps for FunctionGraph v2 (structure only; the cloud's rules live in the contract and
 * `validation.ts`). Times are epoch ms; handlers format them. Keys are in each entry's comment.
 */

export const fgFunctionRecord = z.object({
  funcId: z.string(),
  package: z.string(),
  funcName: z.string(),
  runtime: z.string(),
  handler: z.string(),
  timeout: z.number().int(),
  memorySize: z.number().int(),
  /** `inline` or `zip` (`code.ts`); older data may hold `obs`, which has no code here. */
  codeType: z.string(),
  /** `code_filename`: the inline source's file (`index.js` for handler `index.handler`), or the zip's name as sent. */
  codeFilename: z.string().default(""),
  /** code_type zip: the package as sent (base64). */
  codeZipBase64: z.string().optional(),
  /** code_type inline: the handler's source text as sent (base64). */
  inlineSourceBase64: z.string().optional(),
  /** `digest`: SHA-256 of the code as sent (the zip, or the source text). */
  codeSha256: z.string(),
  description: z.string(),
  /** `user_data`: environment variables as a JSON object string. */
  userData: z.string(),
  createdAt: z.number().int(),
  lastModified: z.number().int(),
});

export const fgVersionRecord = z.object({
  version: z.string(),
  description: z.string(),
  createdAt: z.number().int(),
  /** The function as it was when the version was published. */
  function: fgFunctionRecord,
});

export const fgAliasRecord = z.object({
  name: z.string(),
  version: z.string(),
  description: z.string(),
  createdAt: z.number().int(),
  lastModified: z.number().int(),
});

const fgDestination = z.object({ destination: z.string(), param: z.string() }).nullable();

export const fgAsyncConfigRecord = z.object({
  maxAsyncEventAgeInSeconds: z.number().int(),
  maxAsyncRetryAttempts: z.number().int(),
  enableAsyncStatusLog: z.boolean(),
  onSuccess: fgDestination,
  onFailure: fgDestination,
  createdAt: z.number().int(),
  lastModified: z.number().int(),
});

export const functionGraphTables = {
  /** key: [package, function] — the latest function. */
  fgFunctions: fgFunctionRecord,
  /** key: [package, function, version] */
  fgVersions: fgVersionRecord,
  /** key: [package, function, alias] */
  fgAliases: fgAliasRecord,
  /** key: [package, function, qualifier as in URNs: `latest`, a version, `!alias`] */
  fgAsyncConfigs: fgAsyncConfigRecord,
} as const satisfies TableSchemas;

export type FgFunctionRecord = z.infer<typeof fgFunctionRecord>;

declare module "../core/store/tables" {
  interface TableRecords {
    fgFunctions: FgFunctionRecord;
    fgVersions: z.infer<typeof fgVersionRecord>;
    fgAliases: z.infer<typeof fgAliasRecord>;
    fgAsyncConfigs: z.infer<typeof fgAsyncConfigRecord>;
  }
}
