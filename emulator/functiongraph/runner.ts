/**
 * FunctionGraph functions on the emulator's Node.js runtime (`../core/runtime`): `Node.js*` runtimes with zip
 * code only. A JSON event reaches the handler parsed (`eventAs: "json"`), as FunctionGraph's own Node.js runtime hands
 * it over; anything else arrives as the Buffer sent.
 */
import { randomUUID } from "node:crypto";
import type { FunctionCode, FunctionSpec } from "../core/runtime";
import type { Reader } from "../core/store";
import { fgError } from "./errors";
import { resolve, type Target } from "./lookup";
import type { FgEnv, FgIdentityRef } from "./operation";

export function runnable(reader: Reader, region: string, accountId: string, t: Target): { spec: FunctionSpec; code: FunctionCode } {
  const { fn, version } = resolve(reader, t);
  const major = /^Node\.js(\d+)/i.exec(fn.runtime)?.[1];
  if (major === undefined) throw fgError("FSS.0400", `Invalid parameter: the emulator runs only Node.js functions; ${fn.funcName} has runtime ${fn.runtime}`);
  const zip = fn.codeZipBase64;
  if (zip === undefined) throw fgError("FSS.0400", `Invalid parameter: function ${fn.funcName} has no zip code the emulator can run (OBS links are not fetched)`);
  let env: Record<string, string> = {};
  try {
    env = fn.userData === "" ? {} : (JSON.parse(fn.userData) as Record<string, string>);
  } catch {
    env = {};
  }
  const runtime = `nodejs${major}`;
  const qualifier = t.qualifierKey;
  return {
    spec: {
      accountId,
      poolKey: JSON.stringify(["functiongraph", accountId, fn.package, fn.funcName, qualifier]),
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
    code: { checksum: fn.codeSha256, zip: () => Buffer.from(zip, "base64") },
  };
}

/** A synchronous invocation's answer, in FunctionGraph's shape. */
export async function runSync(env: FgEnv, identity: FgIdentityRef, t: Target, requestId: string, event: Buffer) {
  const { spec, code } = runnable(env.store.reader(identity.accountId), env.region, identity.accountId, t);
  const result = await env.runtime.invoke(spec, code, { requestId: requestId || randomUUID(), event });
  const payload = result.kind === "aborted" ? "" : result.payload.toString("utf8");
  return {
    request_id: requestId,
    result: payload,
    log: result.logs,
    status: result.kind === "success" ? 200 : 500,
    is_error: result.kind !== "success",
  };
}
