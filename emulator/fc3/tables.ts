import { z } from "zod";
import type { TableSchemas } from "../core/store/tables";

/**
 * What the store keeps for FC 3.0 (2023-03-30): no services, so versions, aliases and async configs hang off a
 * function. The records are FC 3.0's own model (`@alicloud/fc20230330`'s Function, Version, Alias): like 2.0's
 * but without what 3.0 does not have (instanceType, a top-level initializer, a version's service digest, an
 * alias's resolve and route policies); the tables are FC 3.0's own, so neither API sees the other's resources.
 * Async events are the engine's (`core/engine/tables.ts`), not kept here. Structure only: the cloud's rules on
 * names and ranges are `validation.ts`'s.
 */

const timestamp = z.string();
const looseObject = z.record(z.string(), z.unknown());
const destination = z.object({ destination: z.string() }).nullable();

export const functionRecord = z.object({
  functionId: z.string(),
  functionName: z.string(),
  description: z.string(),
  runtime: z.string(),
  handler: z.string(),
  timeout: z.number(),
  memorySize: z.number(),
  instanceConcurrency: z.number(),
  environmentVariables: z.record(z.string(), z.string()),
  layers: z.array(z.string()),
  /** The zip exactly as the client sent it (base64); absent for custom-container functions. */
  codeZipBase64: z.string().optional(),
  codeSize: z.number().int().nonnegative(),
  codeChecksum: z.string(),
  /** Further configuration blocks, echoed back unchanged (logConfig, vpcConfig, customContainerConfig, …). */
  extras: looseObject,
  createdTime: timestamp,
  lastModifiedTime: timestamp,
});

export const fc3FunctionRecord = functionRecord.extend({
  /** Highest version number ever published for this function: ids are never reused, even after a delete. */
  lastVersionId: z.number().int().nonnegative(),
});

export const fc3VersionRecord = z.object({
  versionId: z.string(),
  description: z.string(),
  /** The function as it was when the version was published: what the version runs. */
  function: functionRecord,
  createdTime: timestamp,
  lastModifiedTime: timestamp,
});

export const aliasRecord = z.object({
  aliasName: z.string(),
  versionId: z.string(),
  description: z.string(),
  additionalVersionWeight: z.record(z.string(), z.number()),
  createdTime: timestamp,
  lastModifiedTime: timestamp,
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
export type Fc3AliasRecord = z.infer<typeof aliasRecord>;
export type Fc3AsyncConfigRecord = z.infer<typeof fc3AsyncConfigRecord>;
export type FunctionRecord = z.infer<typeof functionRecord>;
export type AliasRecord = Fc3AliasRecord;

declare module "../core/store/tables" {
  interface TableRecords {
    fc3Functions: Fc3FunctionRecord;
    fc3Versions: Fc3VersionRecord;
    fc3Aliases: Fc3AliasRecord;
    fc3AsyncConfigs: Fc3AsyncConfigRecord;
  }
}
