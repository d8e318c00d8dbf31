/**
 * Functions, versions and aliases: enough of FunctionGraph for fixtures made through the official SDK — create,
 * show, delete, publish a version, alias it — and a synchronous invoke that runs Node.js code.
 */
import { createHash, randomUUID } from "node:crypto";
import type { z } from "zod";
import { formatConfigTime, formatUrn, functionUrnWithoutQualifier, VERSION_NAME } from "../../../contracts/functiongraph";
import type { RecordOf } from "../../core/store";
import { fgError } from "../errors";
import { functionOf, resolve, type Target } from "../lookup";
import type { FgRequest, FgResponse } from "../operation";
import { runSync } from "../runner";
import { parsePaging } from "./async-invoke-config";
import type { createAliasBody, createFunctionBody, createVersionBody, listFunctionsQuery } from "../validation";

type Fn = Readonly<RecordOf<"fgFunctions">>;

function presentFunction(fn: Fn, t: { region: string; projectId: string }, version: string): Record<string, unknown> {
  const urn = functionUrnWithoutQualifier({ region: t.region, projectId: t.projectId, package: fn.package, name: fn.funcName });
  return {
    func_id: fn.funcId,
    func_urn: `${urn}:${version}`,
    func_name: fn.funcName,
    domain_id: t.projectId,
    namespace: t.projectId,
    project_name: t.region,
    package: fn.package,
    runtime: fn.runtime,
    timeout: fn.timeout,
    handler: fn.handler,
    memory_size: fn.memorySize,
    code_type: fn.codeType,
    code_size: fn.codeZipBase64 === undefined ? 0 : Buffer.from(fn.codeZipBase64, "base64").length,
    digest: fn.codeSha256,
    version,
    description: fn.description,
    user_data: fn.userData,
    last_modified: formatConfigTime(fn.lastModified),
  };
}

export function createFunction(req: FgRequest<z.infer<typeof createFunctionBody>, undefined>): FgResponse {
  const b = req.body;
  const now = req.env.clock.now().getTime();
  const file = b.func_code?.file;
  if (b.code_type === "inline" || b.code_type === "zip") {
    if (file === undefined || file === "") throw fgError("FSS.0400", "Invalid parameter: func_code.file is required for code_type inline or zip (base64 zip)");
  }
  const zip = file === undefined ? undefined : Buffer.from(file, "base64");
  const fn: RecordOf<"fgFunctions"> = {
    funcId: randomUUID(),
    package: b.package,
    funcName: b.func_name,
    runtime: b.runtime,
    handler: b.handler,
    timeout: b.timeout,
    memorySize: b.memory_size,
    codeType: b.code_type,
    ...(zip !== undefined && { codeZipBase64: zip.toString("base64") }),
    codeSha256: createHash("sha256").update(zip ?? Buffer.alloc(0)).digest("hex"),
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

export function createFunctionVersion(req: FgRequest<z.infer<typeof createVersionBody>, undefined>): FgResponse {
  const t = req.target as Target;
  const now = req.env.clock.now().getTime();
  const published = req.env.store.transact(req.identity.accountId, (tx) => {
    const fn = functionOf(tx, t);
    let version = req.body.version;
    if (version === undefined) {
      const base = `v${new Date(now).toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}`;
      version = base;
      for (let n = 2; tx.get("fgVersions", [t.package, t.name, version]) !== undefined; n++) version = `${base}-${n}`;
    } else if (tx.get("fgVersions", [t.package, t.name, version]) !== undefined) {
      throw fgError("FSS.0409", `Resource already exists: version ${version}`);
    }
    if (!VERSION_NAME.test(version)) throw fgError("FSS.1015", `Invalid version: ${version}`);
    const record = { version, description: req.body.description ?? "", createdAt: now, function: { ...fn } };
    tx.put("fgVersions", [t.package, t.name, version], record);
    return record;
  });
  return { status: 200, body: presentFunction(published.function, t, published.version) };
}

export function listFunctionVersions(req: FgRequest<undefined, undefined>): FgResponse {
  const t = req.target as Target;
  const reader = req.env.store.reader(req.identity.accountId);
  const fn = functionOf(reader, t);
  const versions = [presentFunction(fn, t, "latest"), ...reader.list("fgVersions", [t.package, t.name]).map((row) => presentFunction(row.value.function, t, row.value.version))];
  return { status: 200, body: { versions, next_marker: versions.length, count: versions.length } };
}

function presentAlias(a: Readonly<RecordOf<"fgAliases">>, t: Target): Record<string, unknown> {
  return {
    name: a.name,
    version: a.version,
    description: a.description,
    last_modified: formatConfigTime(a.lastModified),
    alias_urn: formatUrn({ ...t, qualifier: { kind: "alias", name: a.name } }),
  };
}

export function createVersionAlias(req: FgRequest<z.infer<typeof createAliasBody>, undefined>): FgResponse {
  const t = req.target as Target;
  const now = req.env.clock.now().getTime();
  const alias = req.env.store.transact(req.identity.accountId, (tx) => {
    functionOf(tx, t);
    const { name, version } = req.body;
    if (version !== "latest" && tx.get("fgVersions", [t.package, t.name, version]) === undefined) throw fgError("FSS.1052", `Not found the version: ${version}`);
    if (tx.get("fgAliases", [t.package, t.name, name]) !== undefined) throw fgError("FSS.0409", `Resource already exists: alias ${name}`);
    const record = { name, version, description: req.body.description ?? "", createdAt: now, lastModified: now };
    tx.put("fgAliases", [t.package, t.name, name], record);
    return record;
  });
  return { status: 200, body: presentAlias(alias, t) };
}

function aliasOf(req: FgRequest<unknown, unknown>): { t: Target; name: string } {
  return { t: req.target as Target, name: req.params["alias_name"] as string };
}

export function showVersionAlias(req: FgRequest<undefined, undefined>): FgResponse {
  const { t, name } = aliasOf(req);
  const reader = req.env.store.reader(req.identity.accountId);
  functionOf(reader, t);
  const alias = reader.get("fgAliases", [t.package, t.name, name]);
  if (alias === undefined) throw fgError("FSS.1053", `Not found the alias: ${name}`);
  return { status: 200, body: presentAlias(alias, t) };
}

export function deleteVersionAlias(req: FgRequest<undefined, undefined>): FgResponse {
  const { t, name } = aliasOf(req);
  req.env.store.transact(req.identity.accountId, (tx) => {
    functionOf(tx, t);
    if (tx.get("fgAliases", [t.package, t.name, name]) === undefined) throw fgError("FSS.1053", `Not found the alias: ${name}`);
    tx.delete("fgAliases", [t.package, t.name, name]);
    tx.delete("fgAsyncConfigs", [t.package, t.name, `!${name}`]);
  });
  return { status: 204 };
}

export function listVersionAliases(req: FgRequest<undefined, undefined>): FgResponse {
  const t = req.target as Target;
  const reader = req.env.store.reader(req.identity.accountId);
  functionOf(reader, t);
  return { status: 200, body: reader.list("fgAliases", [t.package, t.name]).map((row) => presentAlias(row.value, t)) };
}

/** POST …/invocations: runs the code now and answers `{request_id, result, log, status}`. */
export async function invokeFunction(req: FgRequest<undefined, undefined>): Promise<FgResponse> {
  const t = req.target as Target;
  const outcome = await runSync(req.env, req.identity, t, req.requestId, req.rawBody.length === 0 ? Buffer.from("{}") : req.rawBody);
  return { status: 200, body: outcome };
}
