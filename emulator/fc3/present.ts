import { functionArn } from "../../contracts/fc3";
import { withoutUndefined } from "../core/records";
import type { AliasRecord, Fc3AsyncConfigRecord, Fc3VersionRecord, FunctionRecord } from "./tables";

/**
 * Records as FC 3.0 answers them; field names follow `@alicloud/fc20230330`'s models (Function, Version, Alias,
 * AsyncConfig, AsyncTask). Fields the record lacks are left out rather than sent as null.
 */

export function presentFunction(f: Readonly<FunctionRecord>, region: string, accountId: string) {
  return withoutUndefined({
    functionId: f.functionId,
    functionName: f.functionName,
    functionArn: functionArn(region, accountId, f.functionName),
    description: f.description,
    runtime: f.runtime,
    handler: f.handler,
    timeout: f.timeout,
    memorySize: f.memorySize,
    instanceConcurrency: f.instanceConcurrency,
    environmentVariables: f.environmentVariables,
    layers: f.layers,
    codeSize: f.codeSize,
    codeChecksum: f.codeChecksum,
    state: "Active",
    lastUpdateStatus: "Successful",
    createdTime: f.createdTime,
    lastModifiedTime: f.lastModifiedTime,
    ...f.extras,
  });
}

export function presentVersion(v: Readonly<Fc3VersionRecord>) {
  return { versionId: v.versionId, description: v.description, createdTime: v.createdTime, lastModifiedTime: v.lastModifiedTime };
}

export function presentAlias(a: Readonly<AliasRecord>) {
  return withoutUndefined({
    aliasName: a.aliasName,
    versionId: a.versionId,
    description: a.description,
    additionalVersionWeight: a.additionalVersionWeight,
    createdTime: a.createdTime,
    lastModifiedTime: a.lastModifiedTime,
  });
}

/** An unset destination side is left out: the SDK's model has no place for `null`. */
export function presentAsyncConfig(c: Readonly<Fc3AsyncConfigRecord>, region: string, accountId: string) {
  const { onSuccess, onFailure } = c.destinationConfig;
  return {
    asyncTask: c.asyncTask,
    createdTime: c.createdTime,
    destinationConfig: { ...(onSuccess && { onSuccess: { destination: onSuccess.destination } }), ...(onFailure && { onFailure: { destination: onFailure.destination } }) },
    functionArn: functionArn(region, accountId, c.functionName, c.qualifier),
    lastModifiedTime: c.lastModifiedTime,
    maxAsyncEventAgeInSeconds: c.maxAsyncEventAgeInSeconds,
    maxAsyncRetryAttempts: c.maxAsyncRetryAttempts,
  };
}
