/**
 * Versions and aliases: publish a version (a copy of the function as it is), list them with `latest` first, and
 * alias a version (or `latest`).
 */
import type { z } from "zod";
import { VERSION_NAME } from "../../../contracts/functiongraph";
import { fgError } from "../errors";
import { functionOf, type Target } from "../lookup";
import type { FgRequest, FgResponse } from "../operation";
import { presentAlias, presentFunction } from "../present";
import type { createAliasBody, createVersionBody } from "../validation";

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
