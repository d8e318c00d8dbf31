import { LATEST } from "../../../contracts/alicloud";
import { fcTimestamp } from "../../core/clock";
import { fcError } from "../errors";
import type { HandlerRequest, HandlerResponse } from "../../core/operation";
import type { Reader } from "../../core/store";
import type { AliasRecord } from "../tables";
import type { CreateAliasBody, UpdateAliasBody } from "../validation/versions-aliases";
import { deleteAsyncConfigsOn } from "./async-invoke-config";
import { requireAlias, requireService, requireVersion } from "../lookup";
import { listNamed, type NamedListQuery } from "./support/named-list";
import { checkIfMatch, etagHeader } from "./support/etag";
import { presentAlias } from "./support/present";

/** CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases. */

type Req<B, Q = undefined> = HandlerRequest<B, Q>;

/**
 * The main version and every weighted one must exist. A weight may name the main version itself
 * (`{"1": 0.9}` on version 1): the official Python SDK suite (aliyun/fc-python-sdk `test/version_test.py`,
 * run against the cloud) creates and updates exactly such aliases and expects success, so the emulator
 * accepts them too. (ROS's `ALIYUN::FC::Alias` documents "the canary version cannot be the main version"
 * for its own two-field form; the API itself takes the map as sent.) Invocations run the main version.
 */
function checkRouting(r: Reader, serviceName: string, versionId: string, weights: Record<string, number>): void {
  requireVersion(r, serviceName, versionId);
  for (const weighted of Object.keys(weights)) requireVersion(r, serviceName, weighted);
}

export function createAlias(req: Req<CreateAliasBody>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const body = req.body;
  if (body.aliasName.toUpperCase() === LATEST) {
    // In any case: an alias `latest` could never be addressed, since a qualifier `latest` is refused (contracts/alicloud/qualifiers.ts).
    throw fcError("InvalidArgument", `aliasName '${body.aliasName}' is reserved: LATEST, in any case, names the unpublished code`);
  }
  const now = fcTimestamp(req.env.clock.now());
  const created = req.env.store.transact(req.accountId, (tx) => {
    requireService(tx, serviceName);
    if (tx.get("aliases", [serviceName, body.aliasName])) throw fcError("AliasAlreadyExists", body.aliasName, serviceName);
    const weights = body.additionalVersionWeight ?? {};
    checkRouting(tx, serviceName, body.versionId, weights);
    const record: AliasRecord = {
      aliasName: body.aliasName,
      versionId: body.versionId,
      description: body.description ?? "",
      additionalVersionWeight: weights,
      ...(body.resolvePolicy !== undefined && { resolvePolicy: body.resolvePolicy }),
      ...(body.routePolicy !== undefined && { routePolicy: body.routePolicy }),
      createdTime: now,
      lastModifiedTime: now,
    };
    tx.put("aliases", [serviceName, body.aliasName], record);
    return record;
  });
  const presented = presentAlias(created);
  return { status: 200, body: presented, headers: etagHeader(presented) };
}

export function getAlias(req: Req<undefined>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const r = req.env.store.reader(req.accountId);
  requireService(r, serviceName);
  const presented = presentAlias(requireAlias(r, serviceName, req.params["aliasName"] as string));
  return { status: 200, body: presented, headers: etagHeader(presented) };
}

export function updateAlias(req: Req<UpdateAliasBody>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const aliasName = req.params["aliasName"] as string;
  const now = fcTimestamp(req.env.clock.now());
  const updated = req.env.store.transact(req.accountId, (tx) => {
    requireService(tx, serviceName);
    const current = requireAlias(tx, serviceName, aliasName);
    checkIfMatch(req.headers, presentAlias(current));
    const defined = Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined));
    const record: AliasRecord = { ...current, ...defined, lastModifiedTime: now };
    checkRouting(tx, serviceName, record.versionId, record.additionalVersionWeight);
    tx.put("aliases", [serviceName, aliasName], record);
    return record;
  });
  const presented = presentAlias(updated);
  return { status: 200, body: presented, headers: etagHeader(presented) };
}

/** The alias's async invoke configs go with it. */
export function deleteAlias(req: Req<undefined>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const aliasName = req.params["aliasName"] as string;
  req.env.store.transact(req.accountId, (tx) => {
    requireService(tx, serviceName);
    checkIfMatch(req.headers, presentAlias(requireAlias(tx, serviceName, aliasName)));
    tx.delete("aliases", [serviceName, aliasName]);
    deleteAsyncConfigsOn(tx, serviceName, aliasName);
  });
  return { status: 204 };
}

export function listAliases(req: Req<undefined, NamedListQuery>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const r = req.env.store.reader(req.accountId);
  requireService(r, serviceName);
  const aliases = r.list("aliases", [serviceName]).map((row) => row.value);
  const { page, nextToken } = listNamed(req, aliases, (a) => a.aliasName, [serviceName]);
  return { status: 200, body: { aliases: page.map(presentAlias), nextToken: nextToken ?? "" } };
}
