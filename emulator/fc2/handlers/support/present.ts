import { withoutUndefined } from "../../../core/records";
import type { AliasRecord, AsyncConfigRecord, FunctionRecord, ServiceRecord, VersionRecord } from "../../tables";

/**
 * Records as the API answers them. Field names follow the official SDK response models
 * (`@alicloud/fc-open20210406` *ResponseBody classes); fields the record lacks are left out rather
 * than sent as null, which is what the SDKs' casts expect.
 */

/**
 * A service always answers its configuration blocks, unset ones with their empty values: the Go SDK
 * dereferences `LogConfig` (and its suite asserts it), the Python suite asserts `'logConfig' in service`,
 * and both suites read `tracingConfig.type`/`.params` as null after `tracingConfig: {}` turned tracing
 * off. What is stored is what the caller sent; these empty values fill in what it did not.
 */
export const emptyServiceConfig = {
  logConfig: { project: "", logstore: "", enableRequestMetrics: false, enableInstanceMetrics: false, logBeginRule: "None" },
  vpcConfig: { vpcId: "", vSwitchIds: [] as string[], securityGroupId: "" },
  nasConfig: { userId: -1, groupId: -1, mountPoints: [] as unknown[] },
  tracingConfig: { type: null, params: null },
} as const;

export function presentService(s: Readonly<ServiceRecord>) {
  return withoutUndefined({
    serviceId: s.serviceId,
    serviceName: s.serviceName,
    description: s.description,
    role: s.role,
    internetAccess: s.internetAccess,
    logConfig: { ...emptyServiceConfig.logConfig, ...s.logConfig },
    vpcConfig: { ...emptyServiceConfig.vpcConfig, ...s.vpcConfig },
    nasConfig: { ...emptyServiceConfig.nasConfig, ...s.nasConfig },
    ossMountConfig: s.ossMountConfig,
    tracingConfig: { ...emptyServiceConfig.tracingConfig, ...s.tracingConfig },
    createdTime: s.createdTime,
    lastModifiedTime: s.lastModifiedTime,
  });
}

export function presentFunction(f: Readonly<FunctionRecord>) {
  return withoutUndefined({
    functionId: f.functionId,
    functionName: f.functionName,
    description: f.description,
    runtime: f.runtime,
    handler: f.handler,
    timeout: f.timeout,
    memorySize: f.memorySize,
    instanceConcurrency: f.instanceConcurrency,
    instanceType: f.instanceType,
    environmentVariables: f.environmentVariables,
    initializer: f.initializer,
    initializationTimeout: f.initializationTimeout,
    layers: f.layers,
    codeSize: f.codeSize,
    codeChecksum: f.codeChecksum,
    createdTime: f.createdTime,
    lastModifiedTime: f.lastModifiedTime,
    ...f.extras,
  });
}

export function presentVersion(v: Readonly<VersionRecord>) {
  return { versionId: v.versionId, description: v.description, createdTime: v.createdTime, lastModifiedTime: v.lastModifiedTime };
}

export function presentAlias(a: Readonly<AliasRecord>) {
  return withoutUndefined({
    aliasName: a.aliasName,
    versionId: a.versionId,
    description: a.description,
    additionalVersionWeight: a.additionalVersionWeight,
    resolvePolicy: a.resolvePolicy,
    routePolicy: a.routePolicy,
    createdTime: a.createdTime,
    lastModifiedTime: a.lastModifiedTime,
  });
}

/**
 * The contract's shape (CONTRIBUTING.md): `service`/`function` as the 2021-04-06 SDK models name them,
 * plus `serviceName`/`functionName` as the 2016-08-15 reference pages show them.
 */
export function presentAsyncConfig(c: Readonly<AsyncConfigRecord>) {
  return {
    service: c.service,
    serviceName: c.service,
    function: c.function,
    functionName: c.function,
    qualifier: c.qualifier,
    createdTime: c.createdTime,
    lastModifiedTime: c.lastModifiedTime,
    destinationConfig: {
      onSuccess: c.destinationConfig.onSuccess,
      onFailure: c.destinationConfig.onFailure,
    },
    maxAsyncEventAgeInSeconds: c.maxAsyncEventAgeInSeconds,
    maxAsyncRetryAttempts: c.maxAsyncRetryAttempts,
    statefulInvocation: c.statefulInvocation,
  };
}
