import { fcRuntimeSettings } from "../../contracts/alicloud";
import type { FunctionCode, FunctionSpec } from "../core/runtime";
import type { Reader } from "../core/store";
import { fc3Error } from "./errors";
import { functionAt, resolveQualifier } from "./lookup";

/** A function version as the runtime needs it. */
export interface Runnable {
  spec: FunctionSpec;
  code: FunctionCode;
  /** The qualifier as resolved: `LATEST` when the request named none. */
  qualifier: string;
}

/**
 * Resolves function + qualifier to the code to run; throws the cloud's not-found codes, NotSupportedByEmulator for
 * what only the cloud runs. The function sees FC's Node.js context and `FC_*` variables with an empty service
 * (FC 3.0 has none); its warm instances are pooled apart from any 2.0 function's.
 */
export function resolveRunnable(r: Reader, region: string, accountId: string, functionName: string, qualifier: string | undefined): Runnable {
  const at = resolveQualifier(r, functionName, qualifier);
  const fn = functionAt(r, functionName, at);
  if (!/^nodejs\d+(\.\d+)?$/.test(fn.runtime)) {
    throw fc3Error("NotSupportedByEmulator", `function '${functionName}' has runtime '${fn.runtime}'; the emulator runs only Node.js (nodejs*) functions`);
  }
  const zipBase64 = fn.codeZipBase64;
  if (zipBase64 === undefined) throw fc3Error("NotSupportedByEmulator", `function '${functionName}' has no code package to run (OSS code locations are not fetched)`);
  const settings = fcRuntimeSettings({
    accountId,
    region,
    serviceName: "",
    functionName,
    qualifier: at.qualifier,
    versionId: at.kind === "LATEST" ? "" : at.versionId,
    runtime: fn.runtime,
    handler: fn.handler,
    memorySize: fn.memorySize,
    timeout: fn.timeout,
    environmentVariables: fn.environmentVariables,
  });
  return {
    spec: { accountId, poolKey: JSON.stringify(["fc3", accountId, functionName, at.qualifier]), ...settings },
    code: { checksum: fn.codeChecksum, zip: () => Buffer.from(zipBase64, "base64") },
    qualifier: at.qualifier,
  };
}
