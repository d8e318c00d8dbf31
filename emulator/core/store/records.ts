import { z } from "zod";
import { eventRecordSchema } from "../engine/model";

/**
 * What the store keeps, table by table. These schemas check structure only (they are what a journal
 * line must hold to be loaded back); the cloud's rules on names and ranges live in `validation/`,
 * which runs before anything reaches the store.
 *
 * A new table (as `asyncEvents` was for the async engine) is one more entry in `tables`
 * with its key layout documented beside it.
 */

const timestamp = z.string();
const looseObject = z.record(z.string(), z.unknown());

export const serviceRecord = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  description: z.string(),
  role: z.string(),
  internetAccess: z.boolean(),
  logConfig: looseObject.optional(),
  vpcConfig: looseObject.optional(),
  nasConfig: looseObject.optional(),
  ossMountConfig: looseObject.optional(),
  tracingConfig: looseObject.optional(),
  createdTime: timestamp,
  lastModifiedTime: timestamp,
  /** Highest version number ever published: version ids are never reused, even after a delete. */
  lastVersionId: z.number().int().nonnegative(),
});

export const functionRecord = z.object({
  functionId: z.string(),
  functionName: z.string(),
  description: z.string(),
  runtime: z.string(),
  handler: z.string(),
  timeout: z.number(),
  memorySize: z.number(),
  instanceConcurrency: z.number(),
  instanceType: z.string(),
  environmentVariables: z.record(z.string(), z.string()),
  initializer: z.string().optional(),
  initializationTimeout: z.number().optional(),
  layers: z.array(z.string()),
  /** The zip exactly as the client sent it (base64); absent for custom-container functions. */
  codeZipBase64: z.string().optional(),
  codeSize: z.number().int().nonnegative(),
  codeChecksum: z.string(),
  /** Further configuration blocks, echoed back unchanged (customContainerConfig, cpu, diskSize, …). */
  extras: looseObject,
  createdTime: timestamp,
  lastModifiedTime: timestamp,
});

export const versionRecord = z.object({
  versionId: z.string(),
  description: z.string(),
  createdTime: timestamp,
  lastModifiedTime: timestamp,
});

export const aliasRecord = z.object({
  aliasName: z.string(),
  versionId: z.string(),
  description: z.string(),
  additionalVersionWeight: z.record(z.string(), z.number()),
  resolvePolicy: z.string().optional(),
  routePolicy: looseObject.optional(),
  createdTime: timestamp,
  lastModifiedTime: timestamp,
});

const destination = z.object({ destination: z.string() }).nullable();

export const asyncConfigRecord = z.object({
  service: z.string(),
  function: z.string(),
  qualifier: z.string(),
  createdTime: timestamp,
  lastModifiedTime: timestamp,
  destinationConfig: z.object({ onSuccess: destination, onFailure: destination }),
  maxAsyncEventAgeInSeconds: z.number().int(),
  maxAsyncRetryAttempts: z.number().int(),
  statefulInvocation: z.boolean(),
});

// Function Compute 3.0 (2023-03-30): no services; versions and aliases belong to a function.

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

/** Every table, with its key layout (the account id is implicit: each account has its own tables). */
export const tables = {
  /** key: [service] */
  services: serviceRecord,
  /** key: [service, function] — the LATEST (editable) function. */
  functions: functionRecord,
  /** key: [service, versionId] */
  versions: versionRecord,
  /** key: [service, versionId, function] — the functions as they were when the version was published. */
  versionFunctions: functionRecord,
  /** key: [service, alias] */
  aliases: aliasRecord,
  /** key: [service, function, qualifier] */
  asyncConfigs: asyncConfigRecord,
  /**
   * key: [service, function, requestId] — async events the engine (`../engine`) has accepted and not
   * yet finished, and stateful tasks (finished or not), so that a 202 survives a restart like any write.
   */
  asyncEvents: eventRecordSchema,
  /** FC 3.0, key: [function] — the LATEST (editable) function. */
  fc3Functions: fc3FunctionRecord,
  /** FC 3.0, key: [function, versionId] */
  fc3Versions: fc3VersionRecord,
  /** FC 3.0, key: [function, alias] */
  fc3Aliases: aliasRecord,
  /** FC 3.0, key: [function, qualifier] */
  fc3AsyncConfigs: fc3AsyncConfigRecord,
  /** FC 3.0, key: [function, requestId] — the FC 3.0 engine's events and tasks, as `asyncEvents` for 2.0. */
  fc3AsyncEvents: eventRecordSchema,
} as const;

export type TableName = keyof typeof tables;
export type RecordOf<T extends TableName> = z.infer<(typeof tables)[T]>;

export type ServiceRecord = RecordOf<"services">;
export type FunctionRecord = RecordOf<"functions">;
export type VersionRecord = RecordOf<"versions">;
export type AliasRecord = RecordOf<"aliases">;
export type AsyncConfigRecord = RecordOf<"asyncConfigs">;
export type AsyncEventRecord = RecordOf<"asyncEvents">;
export type Fc3FunctionRecord = RecordOf<"fc3Functions">;
export type Fc3VersionRecord = RecordOf<"fc3Versions">;
export type Fc3AliasRecord = RecordOf<"fc3Aliases">;
export type Fc3AsyncConfigRecord = RecordOf<"fc3AsyncConfigs">;

export function isTableName(name: string): name is TableName {
  return Object.hasOwn(tables, name);
}
