/**
 * Functions: create (the code types of `code.ts`), show, delete, update the code, and a synchronous invoke that runs
 * the Node.js code and answers `{request_id, result, log, status, is_error}`.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { RecordOf } from "../../core/store";
import { nodeRuntimeOf, storedCode } from "../code";
import { fgError } from "../errors";
import { functionOf, resolve, type Target } from "../lookup";
import type { FgRequest, FgResponse } from "../operation";
import { presentFunction } from "../present";
import { runnable } from "../runnable";
import { parsePaging } from "./async-invoke-config";
import type { createFunctionBody, listFunctionsQuery, updateCodeBody } from "../validation";

export function createFunction(req: FgRequest<z.infer<typeof createFunctionBody>, undefined>): FgResponse {
  const b = req.body;
  const now = req.env.clock.now().getTime();
  // Refused here, not at the first invocation: a runtime or code the emulator cannot run (code.ts).
  nodeRuntimeOf(b.runtime);
  const fn: RecordOf<"fgFunctions"> = {
    funcId: randomUUID(),
    package: b.package,
    funcName: b.func_name,
    runtime: b.runtime,
    handler: b.handler,
    timeout: b.timeout,
    memorySize: b.memory_size,
    ...storedCode(b, b.handler),
    description: b.description ?? "",
    userData: b.user_data ?? "",
    createdAt: now,
    lastModified: now,
  };
  req.env.store.transact(req.identity.accountId, (tx) => {
    if (tx.get("fgFunctions", [fn.package, fn.funcName]) !== undefined) throw fgError("FSS.0409", `Resource already exists: function ${fn.package}:${fn.funcName}`);
    tx.put("fgFunctions", [fn.package, fn.funcName], fn);
  });
  return { status: 200, body: presentFunction(fn, { region: req.env.region, projectId: req.identity.projectId }, "latest") };
}

/**
 * PUT …/code: new code for the function's latest (published versions keep theirs), with the same code types and
 * checks as CreateFunction. Answers the SDK's `UpdateFunctionCodeResponse` fields.
 */
export function updateFunctionCode(req: FgRequest<z.infer<typeof updateCodeBody>, undefined>): FgResponse {
  const t = req.target as Target;
  if (t.qualifier.kind !== "latest") throw fgError("FSS.0400", `Invalid parameter: function code is updated on latest; ${t.qualifierKey} is a published version or an alias`);
  const now = req.env.clock.now().getTime();
  const updated = req.env.store.transact(req.identity.accountId, (tx) => {
    const fn = functionOf(tx, t);
    const { codeZipBase64: _zip, inlineSourceBase64: _inline, ...rest } = fn;
    const next: RecordOf<"fgFunctions"> = { ...rest, ...storedCode(req.body, fn.handler), lastModified: now };
    tx.put("fgFunctions", [t.package, t.name], next);
    return next;
  });
  const shown = presentFunction(updated, t, "latest");
  return {
    status: 200,
    body: {
      func_urn: shown["func_urn"],
      func_name: updated.funcName,
      domain_id: t.projectId,
      runtime: updated.runtime,
      code_type: updated.codeType,
      code_url: "",
      code_filename: updated.codeFilename,
      code_size: shown["code_size"],
      digest: updated.codeSha256,
      last_modified: shown["last_modified"],
      func_code: {},
      depend_version_list: [],
    },
  };
}

/** The ListFunctions page size: 400 when `maxitems` is absent or 0, at most 400 (FunctionGraph's documented bounds). */
export const FUNCTION_LIST_LIMIT = { default: 400, max: 400 } as const;

/** GET …/fgs/functions: the project's functions (their `latest`), by package then name, `marker` a numeric offset. */
export function listFunctions(req: FgRequest<undefined, z.infer<typeof listFunctionsQuery>>): FgResponse {
  const { offset, limit } = parsePaging({ marker: req.query.marker, limit: req.query.maxitems }, FUNCTION_LIST_LIMIT);
  const t = { region: req.env.region, projectId: req.identity.projectId };
  const all = req.env.store
    .reader(req.identity.accountId)
    .list("fgFunctions", [])
    .map((row) => row.value)
    .filter((fn) => req.query.package_name === undefined || fn.package === req.query.package_name);
  const page = all.slice(offset, offset + limit);
  return { status: 200, body: { functions: page.map((fn) => presentFunction(fn, t, "latest")), next_marker: offset + page.length, count: all.length } };
}

export function showFunctionConfig(req: FgRequest<undefined, undefined>): FgResponse {
  const t = req.target as Target;
  const { fn, version } = resolve(req.env.store.reader(req.identity.accountId), t);
  return { status: 200, body: presentFunction(fn, t, version) };
}

/** A URN with `latest` (or none) deletes the function with its versions, aliases and async configs; with a version, only that version. */
export function deleteFunction(req: FgRequest<undefined, undefined>): FgResponse {
  const t = req.target as Target;
  req.env.store.transact(req.identity.accountId, (tx) => {
    functionOf(tx, t);
    if (t.qualifier.kind === "alias") throw fgError("FSS.0400", "Invalid parameter: delete an alias with DeleteVersionAlias");
    if (t.qualifier.kind === "version") {
      const version = t.qualifier.name;
      if (tx.get("fgVersions", [t.package, t.name, version]) === undefined) throw fgError("FSS.1052", `Not found the version: ${version}`);
      const aliased = tx.list("fgAliases", [t.package, t.name]).find((row) => row.value.version === version);
      if (aliased) throw fgError("FSS.0400", `Invalid parameter: version ${version} is used by alias ${aliased.value.name}`);
      tx.delete("fgVersions", [t.package, t.name, version]);
      tx.delete("fgAsyncConfigs", [t.package, t.name, version]);
      return;
    }
    for (const table of ["fgVersions", "fgAliases", "fgAsyncConfigs"] as const) {
      for (const row of tx.list(table, [t.package, t.name])) tx.delete(table, row.key);
    }
    tx.delete("fgFunctions", [t.package, t.name]);
  });
  return { status: 204 };
}

/** POST …/invocations: runs the code now and answers `{request_id, result, log, status}`. */
export async function invokeFunction(req: FgRequest<undefined, undefined>): Promise<FgResponse> {
  const t = req.target as Target;
  const { spec, code } = runnable(req.env.store.reader(req.identity.accountId), req.identity.accountId, t);
  const event = req.rawBody.length === 0 ? Buffer.from("{}") : req.rawBody;
  const result = await req.env.runtime.invoke(spec, code, { requestId: req.requestId || randomUUID(), event });
  const payload = result.kind === "aborted" ? "" : result.payload.toString("utf8");
  return { status: 200, body: { request_id: req.requestId, result: payload, log: result.logs, status: result.kind === "success" ? 200 : 500, is_error: result.kind !== "success" } };
}
