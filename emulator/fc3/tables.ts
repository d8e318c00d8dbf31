import { z } from "zod";
import type { TableSchemas } from "../core/store/tables";
import { aliasRecord, functionRecord, versionRecord, type AliasRecord, type FunctionRecord } from "../fc2/tables";

/**
 * What the store keeps for FC 3.0 (2023-03-30): no services, so versions, aliases and async configs hang off a
 * function. The function, version and alias records have FC 2.0's structure (the two APIs' function models
 * match field for field); the tables are FC 3.0's own, so neither API sees the other's resources. Async events
 * are the engine's (`core/engine/tables.ts`), not kept here.
 */

const timestamp = z.string();
const destination = z.object({ destination: z.string() }).nullable();

export const fc3FunctionRecord = functionRecord.extend({
  /** Highest version number ever published for this function: ids are never reused, even after a delete. */
  lastVersionId: z.number().int().nonnegative(),
});

export const fc3VersionRecord = versionRecord.extend({
  /** The function as it was when the version was published: what the version runs. */
  function: functionRecord,
});

export const fc3AsyncConfigRecord = z.object({
  functionName: z.string(),
  qualifier: z.string(),
  createdTime: timestamp,
  lastModifiedTime: timestamp,
  destinationConfig: z.object({ onSuccess: destination, onFailure: destination }),
  maxAsyncEventAgeInSeconds: z.number().int(),
  maxAsyncRetryAttempts: z.number().int(),
  asyncTask: z.boolean(),
});

/** Every FC 3.0 table, with its key layout (the account id is implicit: each account has its own tables). */
export const fc3Tables = {
  /** key: [function] — the LATEST (editable) function. */
  fc3Functions: fc3FunctionRecord,
  /** key: [function, versionId] */
  fc3Versions: fc3VersionRecord,
  /** key: [function, alias] */
  fc3Aliases: aliasRecord,
  /** key: [function, qualifier] */
  fc3AsyncConfigs: fc3AsyncConfigRecord,
} as const satisfies TableSchemas;

export type Fc3FunctionRecord = z.infer<typeof fc3FunctionRecord>;
export type Fc3VersionRecord = z.infer<typeof fc3VersionRecord>;
export type Fc3AliasRecord = AliasRecord;
export type Fc3AsyncConfigRecord = z.infer<typeof fc3AsyncConfigRecord>;
export type { AliasRecord, FunctionRecord };

declare module "../core/store/tables" {
  interface TableRecords {
    fc3Functions: Fc3FunctionRecord;
    fc3Versions: Fc3VersionRecord;
    fc3Aliases: Fc3AliasRecord;
    fc3AsyncConfigs: Fc3AsyncConfigRecord;
  }
}
