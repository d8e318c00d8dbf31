import { z } from "zod";
import type { TableSchemas } from "../core/store/tables";

/**
 * What the store keeps for FC 2.0, table by table. These schemas check structure only (they are what a
 * journal line must hold to be loaded back); the cloud's rules on names and ranges live in
 * `validation/`, which runs before anything reaches the store.
 *
 * A new table is one more entry in `fc2Tables` with its key layout documented beside it, and one
 * more line in the `TableRecords` augmentation at the bottom.
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
  /** What the service and its functions were when the version was published (an opaque digest). */
  sourceFingerprint: z.string().optional(),
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

/** Every FC 2.0 table, with its key layout (the account id is implicit: each account has its own tables). */
export const fc2Tables = {
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
} as const satisfies TableSchemas;

export type ServiceRecord = z.infer<typeof serviceRecord>;
export type FunctionRecord = z.infer<typeof functionRecord>;
export type VersionRecord = z.infer<typeof versionRecord>;
export type AliasRecord = z.infer<typeof aliasRecord>;
export type AsyncConfigRecord = z.infer<typeof asyncConfigRecord>;

declare module "../core/store/tables" {
  interface TableRecords {
    services: ServiceRecord;
    functions: FunctionRecord;
    versions: VersionRecord;
    versionFunctions: FunctionRecord;
    aliases: AliasRecord;
    asyncConfigs: AsyncConfigRecord;
  }
}
