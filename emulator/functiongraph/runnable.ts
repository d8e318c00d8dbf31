/**
 * FunctionGraph functions on the emulator's Node.js runtime (`../core/runtime`): what a resolved target runs with.
 * A JSON event reaches the handler parsed (`eventAs: "json"`), as FunctionGraph's own Node.js runtime hands it over;
 * anything else arrives as the Buffer sent. The region is the one the target names (the API's, from the start
 * options), the project the caller's.
 */
import type { FunctionCode, FunctionSpec } from "../core/runtime";
import type { Reader } from "../core/store";
import { nodeRuntimeOf, runtimeCode } from "./code";
import { fgError } from "./errors";
import { resolve, type Target } from "./lookup";

export function runnable(reader: Reader, accountId: string, t: Target): { spec: FunctionSpec; code: FunctionCode } {
  const { fn, version } = resolve(reader, t);
  // CreateFunction refuses both; a record written by an older emulator may still hold them.
  const runtime = nodeRuntimeOf(fn.runtime);
  const code = runtimeCode(fn);
  if (code === undefined) throw fgError("FSS.0400", `Invalid parameter: function ${fn.funcName} has no code the emulator can run (code_type ${fn.codeType}; OBS code is not fetched)`);
  let env: Record<string, string> = {};
  try {
    env = fn.userData === "" ? {} : (JSON.parse(fn.userData) as Record<string, string>);
  } catch {
    env = {};
  }
  const { region } = t;
  return {
    spec: {
      accountId,
      poolKey: JSON.stringify(["functiongraph", accountId, fn.package, fn.funcName, t.qualifierKey]),
      runtime,
      handler: fn.handler,
      memorySize: fn.memorySize,
      timeout: fn.timeout,
      eventAs: "json",
      // What FunctionGraph's runtime sets (RUNTIME_* names), then the function's own variables (which win).
      environment: (codeDir) => ({
        RUNTIME_CODE_ROOT: codeDir,
        RUNTIME_FUNC_NAME: fn.funcName,
        RUNTIME_FUNC_VERSION: version,
        RUNTIME_PACKAGE: fn.package,
        RUNTIME_HANDLER: fn.handler,
        RUNTIME_TIMEOUT: String(fn.timeout),
        RUNTIME_MEMORY: String(fn.memorySize),
        RUNTIME_PROJECT_ID: t.projectId,
        RUNTIME_REGION: region,
        ...env,
      }),
      context: (requestId) => ({
        requestId,
        functionName: fn.funcName,
        functionVersion: version,
        packageName: fn.package,
        projectId: t.projectId,
        memorySize: fn.memorySize,
        timeout: fn.timeout,
        region,
      }),
    },
    code,
  };
}
