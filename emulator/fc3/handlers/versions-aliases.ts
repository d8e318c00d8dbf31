import { timestamp } from "../../../contracts/fc3";
import { lexicalAfter, paginate } from "../../core/paging/paginate";
import type { Writer } from "../../core/store";
import type { Fc3AliasRecord } from "../tables";
import { fc3Error } from "../errors";
import { requireAlias, requireFunction } from "../lookup";
import type { Fc3Request, Fc3Response } from "../operation";
import { presentAlias, presentVersion } from "../present";
import type { CreateAliasBody, ListQuery, ListVersionsQuery, PublishVersionBody, UpdateAliasBody } from "../validation";

/**
 * PublishFunctionVersion, ListFunctionVersions, DeleteFunctionVersion; CreateAlias, GetAlias, UpdateAlias,
 * DeleteAlias, ListAliases. A version is a frozen copy of the function; an alias points at a version.
 * Deleting either takes its async invoke config with it.
 */

const fnName = (req: Fc3Request<unknown, unknown>) => req.params["functionName"] as string;

function deleteConfigOn(tx: Writer, fn: string, qualifier: string): void {
  if (tx.get("fc3AsyncConfigs", [fn, qualifier])) tx.delete("fc3AsyncConfigs", [fn, qualifier]);
}

export function publishFunctionVersion(req: Fc3Request<PublishVersionBody>): Fc3Response {
  const name = fnName(req);
  const now = timestamp(req.env.clock.now());
  const version = req.env.store.transact(req.accountId, (tx) => {
    const current = requireFunction(tx, name);
    const versionId = String(current.lastVersionId + 1);
    const { lastVersionId: _ignored, ...snapshot } = current;
    const record = { versionId, description: req.body.description ?? "", createdTime: now, lastModifiedTime: now, function: snapshot };
    tx.put("fc3Versions", [name, versionId], record);
    tx.put("fc3Functions", [name], { ...current, lastVersionId: current.lastVersionId + 1 });
    return record;
  });
  return { status: 200, body: presentVersion(version) };
}

/** Newest first by default (`BACKWARD`), as the console shows them; `FORWARD` is oldest first. */
export function listFunctionVersions(req: Fc3Request<undefined, ListVersionsQuery>): Fc3Response {
  const name = fnName(req);
  const r = req.env.store.reader(req.accountId);
  requireFunction(r, name);
  const direction = req.query.direction ?? "BACKWARD";
  const key = (v: { versionId: string }) => v.versionId.padStart(20, "0");
  const versions = r.list("fc3Versions", [name]).map((row) => row.value).sort((a, b) => (direction === "FORWARD" ? 1 : -1) * (key(a) < key(b) ? -1 : 1));
  const { page, nextToken } = paginate(
    versions,
    key,
    direction === "FORWARD" ? lexicalAfter : (k, position) => k < position,
    { limit: req.query.limit, nextToken: req.query.nextToken, scope: [req.accountId, req.operation, name, direction] },
    req.env.pageTokens,
  );
  return { status: 200, body: { versions: page.map(presentVersion), direction, ...(nextToken && { nextToken }) } };
}

export function deleteFunctionVersion(req: Fc3Request): Fc3Response {
  const name = fnName(req);
  const versionId = req.params["versionId"] as string;
  req.env.store.transact(req.accountId, (tx) => {
    requireFunction(tx, name);
    if (!tx.get("fc3Versions", [name, versionId])) throw fc3Error("VersionNotFound", versionId, name);
    const pointing = tx.list("fc3Aliases", [name]).find((row) => row.value.versionId === versionId);
    if (pointing) throw fc3Error("InvalidArgument", `version ${versionId} of function '${name}' is used by alias '${pointing.value.aliasName}'`);
    tx.delete("fc3Versions", [name, versionId]);
    deleteConfigOn(tx, name, versionId);
  });
  return { status: 204 };
}

function requireVersion(tx: Writer, fn: string, versionId: string): void {
  if (!tx.get("fc3Versions", [fn, versionId])) throw fc3Error("VersionNotFound", versionId, fn);
}

export function createAlias(req: Fc3Request<CreateAliasBody>): Fc3Response {
  const name = fnName(req);
  const body = req.body;
  const now = timestamp(req.env.clock.now());
  const alias = req.env.store.transact(req.accountId, (tx) => {
    requireFunction(tx, name);
    if (tx.get("fc3Aliases", [name, body.aliasName])) throw fc3Error("AliasAlreadyExists", body.aliasName, name);
    requireVersion(tx, name, body.versionId);
    const record: Fc3AliasRecord = {
      aliasName: body.aliasName,
      versionId: body.versionId,
      description: body.description ?? "",
      additionalVersionWeight: body.additionalVersionWeight ?? {},
      createdTime: now,
      lastModifiedTime: now,
    };
    tx.put("fc3Aliases", [name, body.aliasName], record);
    return record;
  });
  return { status: 200, body: presentAlias(alias) };
}

export function getAlias(req: Fc3Request): Fc3Response {
  const r = req.env.store.reader(req.accountId);
  requireFunction(r, fnName(req));
  return { status: 200, body: presentAlias(requireAlias(r, fnName(req), req.params["aliasName"] as string)) };
}

export function updateAlias(req: Fc3Request<UpdateAliasBody>): Fc3Response {
  const name = fnName(req);
  const aliasName = req.params["aliasName"] as string;
  const now = timestamp(req.env.clock.now());
  const alias = req.env.store.transact(req.accountId, (tx) => {
    requireFunction(tx, name);
    const current = requireAlias(tx, name, aliasName);
    if (req.body.versionId !== undefined) requireVersion(tx, name, req.body.versionId);
    const record: Fc3AliasRecord = {
      ...current,
      ...(req.body.versionId !== undefined && { versionId: req.body.versionId }),
      ...(req.body.description !== undefined && { description: req.body.description }),
      ...(req.body.additionalVersionWeight !== undefined && { additionalVersionWeight: req.body.additionalVersionWeight }),
      lastModifiedTime: now,
    };
    tx.put("fc3Aliases", [name, aliasName], record);
    return record;
  });
  return { status: 200, body: presentAlias(alias) };
}

export function deleteAlias(req: Fc3Request): Fc3Response {
  const name = fnName(req);
  const aliasName = req.params["aliasName"] as string;
  req.env.store.transact(req.accountId, (tx) => {
    requireFunction(tx, name);
    requireAlias(tx, name, aliasName);
    tx.delete("fc3Aliases", [name, aliasName]);
    deleteConfigOn(tx, name, aliasName);
  });
  return { status: 204 };
}

export function listAliases(req: Fc3Request<undefined, ListQuery>): Fc3Response {
  const name = fnName(req);
  const r = req.env.store.reader(req.accountId);
  requireFunction(r, name);
  const prefix = req.query.prefix ?? "";
  const aliases = r.list("fc3Aliases", [name]).map((row) => row.value).filter((a) => a.aliasName.startsWith(prefix));
  const { page, nextToken } = paginate(aliases, (a) => a.aliasName, lexicalAfter, { limit: req.query.limit, nextToken: req.query.nextToken, scope: [req.accountId, req.operation, name, prefix] }, req.env.pageTokens);
  return { status: 200, body: { aliases: page.map(presentAlias), ...(nextToken && { nextToken }) } };
}
