import { createHash } from "node:crypto";
import { fcTimestamp } from "../../core/clock";
import { fcError } from "../errors";
import type { HandlerRequest, HandlerResponse } from "../../core/operation";
import type { FunctionRecord, ServiceRecord, VersionRecord } from "../tables";
import { deleteAsyncConfigsOn } from "./async-invoke-config";
import { requireService, requireVersion } from "../lookup";
import { paginate } from "../../core/paging/paginate";
import { presentVersion } from "./support/present";

/** PublishServiceVersion, ListServiceVersions, DeleteServiceVersion. */

type Req<B, Q = undefined> = HandlerRequest<B, Q>;

/**
 * What a publish would capture: the service's settings and its LATEST functions, without timestamps,
 * so that only a change of content (not the mere passing of time) makes a new version publishable.
 */
function sourceFingerprint(service: Readonly<ServiceRecord>, functions: readonly Readonly<FunctionRecord>[]): string {
  const { createdTime: _c, lastModifiedTime: _m, lastVersionId: _v, ...settings } = service;
  const fns = functions.map(({ createdTime: _fc, lastModifiedTime: _fm, ...fn }) => fn);
  return createHash("sha256").update(JSON.stringify([settings, fns])).digest("hex");
}

/**
 * Publishing copies every LATEST function of the service under the new version number, so a version
 * (and an alias on it) keeps the code and settings it was published with while LATEST moves on.
 *
 * Publishing again when nothing changed since the newest existing version is refused, as the cloud
 * does (an FC maintainer, aliyun/fc-php-sdk#4: "between two publishes you need an UpdateService, at
 * least change the description, or the publish fails"; the Python suite's test_version expects an
 * error). The cloud's error code for it is not published: the emulator answers 400 InvalidArgument,
 * under both path prefixes.
 */
export function publishServiceVersion(req: Req<{ description?: string | undefined }>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const now = fcTimestamp(req.env.clock.now());
  const version = req.env.store.transact(req.accountId, (tx) => {
    const service = requireService(tx, serviceName);
    const functions = tx.list("functions", [serviceName]).map((row) => row.value);
    const fingerprint = sourceFingerprint(service, functions);
    const newest = tx
      .list("versions", [serviceName])
      .map((row) => row.value)
      .reduce<Readonly<VersionRecord> | undefined>((a, v) => (a === undefined || Number(v.versionId) > Number(a.versionId) ? v : a), undefined);
    if (newest?.sourceFingerprint === fingerprint) {
      throw fcError("InvalidArgument", `nothing changed in service '${serviceName}' since version ${newest.versionId}: update the service or a function before publishing`);
    }
    const versionId = String(service.lastVersionId + 1);
    const record = { versionId, description: req.body.description ?? "", sourceFingerprint: fingerprint, createdTime: now, lastModifiedTime: now };
    tx.put("versions", [serviceName, versionId], record);
    for (const row of tx.list("functions", [serviceName])) {
      tx.put("versionFunctions", [serviceName, versionId, row.value.functionName], row.value);
    }
    tx.put("services", [serviceName], { ...service, lastVersionId: service.lastVersionId + 1 });
    return record;
  });
  return { status: 200, body: presentVersion(version) };
}

interface ListVersionsQuery {
  limit?: number | undefined;
  nextToken?: string | undefined;
  startKey?: string | undefined;
  direction?: "FORWARD" | "BACKWARD" | undefined;
}

/** Newest first unless `direction=FORWARD`, as the cloud lists versions. */
export function listServiceVersions(req: Req<undefined, ListVersionsQuery>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const r = req.env.store.reader(req.accountId);
  requireService(r, serviceName);
  const direction = req.query.direction ?? "BACKWARD";
  const sign = direction === "FORWARD" ? 1 : -1;
  const startKey = req.query.startKey === undefined ? undefined : Number(req.query.startKey);
  const versions = r
    .list("versions", [serviceName])
    .map((row) => row.value)
    .filter((v) => startKey === undefined || sign * (Number(v.versionId) - startKey) >= 0)
    .sort((a, b) => sign * (Number(a.versionId) - Number(b.versionId)));
  const { page, nextToken } = paginate(
    versions,
    (v) => v.versionId,
    (key, position) => sign * (Number(key) - Number(position)) > 0,
    {
      limit: req.query.limit,
      nextToken: req.query.nextToken,
      scope: [req.accountId, req.operation, serviceName, direction, req.query.startKey ?? null],
    },
    req.env.pageTokens,
  );
  return { status: 200, body: { versions: page.map(presentVersion), direction, nextToken: nextToken ?? "" } };
}

/**
 * Deleting a version is allowed while aliases point to it, as the cloud does: "Deleting a version removes the
 * associated functions and configurations permanently, triggers or aliases pointing to this version will not be
 * removed. Functions under this version cannot be invoked after deletion." (Function Compute 2.0 docs, "Version",
 * doc-detail 96351), and the official Python SDK suite's tearDown deletes versions before the aliases on them.
 * The version's async invoke configs go with it; an alias left pointing at it answers VersionNotFound when used
 * (`lookup.ts`), until it is pointed elsewhere or deleted.
 */
export function deleteServiceVersion(req: Req<undefined>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const versionId = req.params["versionId"] as string;
  req.env.store.transact(req.accountId, (tx) => {
    requireService(tx, serviceName);
    requireVersion(tx, serviceName, versionId);
    tx.delete("versions", [serviceName, versionId]);
    for (const row of tx.list("versionFunctions", [serviceName, versionId])) tx.delete("versionFunctions", row.key);
    deleteAsyncConfigsOn(tx, serviceName, versionId);
  });
  return { status: 204 };
}
