import { fcRuntimeSettings, type FcFunction } from "../../contracts/alicloud";
import type { FunctionCode, FunctionSpec } from "../core/runtime";
import type { Reader } from "../core/store";
import { fcError } from "./errors";
import { functionAt, resolveQualifier } from "./lookup";
import type { ServiceRecord } from "./tables";

/** A function version as the runtime needs it. */
export interface Runnable {
  spec: FunctionSpec;
  code: FunctionCode;
  /** The qualifier as resolved: `LATEST` when the request named none. */
  qualifier: string;
}

/**
 * Resolves service + qualifier + function to the code to run: LATEST's function, or the copy published
 * with the version (an alias runs its main version; gray-release weights are not applied). Throws the
 * cloud's not-found codes, and NotSupportedByEmulator for what only the cloud can run.
 */
export function resolveRunnable(reader: Reader, region: string, accountId: string, serviceName: string, functionName: string, qualifier: string | undefined): Runnable {
  const at = resolveQualifier(reader, serviceName, qualifier);
  const fn = functionAt(reader, serviceName, functionName, at);
  const service = reader.get("services", [serviceName]) as Readonly<ServiceRecord>;
  if (!/^nodejs\d+(\.\d+)?$/.test(fn.runtime)) {
    throw fcError("NotSupportedByEmulator", `function '${functionName}' has runtime '${fn.runtime}'; the emulator runs only Node.js (nodejs*) functions`);
  }
  const zipBase64 = fn.codeZipBase64;
  if (zipBase64 === undefined) {
    throw fcError("NotSupportedByEmulator", `function '${functionName}' has no code package to run (OSS code locations are not fetched)`);
  }
  const log = service.logConfig ?? {};
  const spec: FunctionSpec = fcFunctionSpec({
    accountId,
    region,
    serviceName,
    functionName,
    qualifier: at.qualifier,
    versionId: at.kind === "LATEST" ? "" : at.versionId,
    runtime: fn.runtime,
    handler: fn.handler,
    memorySize: fn.memorySize,
    timeout: fn.timeout,
    environmentVariables: fn.environmentVariables,
    ...(fn.initializer !== undefined && { initializer: fn.initializer }),
    ...(fn.initializationTimeout !== undefined && { initializationTimeout: fn.initializationTimeout }),
    ...(typeof log["project"] === "string" && { logProject: log["project"] }),
    ...(typeof log["logstore"] === "string" && { logStore: log["logstore"] }),
  });
  return { spec, code: { checksum: fn.codeChecksum, zip: () => Buffer.from(zipBase64, "base64") }, qualifier: at.qualifier };
}

/**
 * An FC 2.0 function as the runtime runs it. What FC tells a function about itself (the Node.js `context`, the
 * `FC_*` variables) is FC's, shared with 3.0 (`contracts/alicloud/function-compute.ts`); FC 2.0 adds its pool:
 * one per account, service, qualifier and function.
 */
export function fcFunctionSpec(fn: FcFunction): FunctionSpec {
  return {
    accountId: fn.accountId,
    poolKey: JSON.stringify(["fc2", fn.accountId, fn.serviceName, fn.qualifier, fn.functionName]),
    ...fcRuntimeSettings(fn),
  };
}
