import { fcTimestamp } from "../../core/clock";
import { fcError } from "../errors";
import type { HandlerRequest, HandlerResponse } from "../../core/operation";
import type { Reader } from "../../core/store";
import { deleteAsyncConfigsOn } from "./async-invoke-config";
import { requireService, requireVersion } from "../lookup";
import { paginate } from "../../core/paging/paginate";
import { presentVersion } from "./support/present";

/** PublishServiceVersion, ListServiceVersions, DeleteServiceVersion. */

type Req<B, Q = undefined> = HandlerRequest<B, Q>;

/**
 * Publishing copies every LATEST function of the service under the new version number, so a version
 * (and an alias on it) keeps the code and settings it was published with while LATEST moves on.
 */
export function publishServiceVersion(req: Req<{ description?: string | undefined }>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const now = fcTimestamp(req.env.clock.now());
  const version = req.env.store.transact(req.accountId, (tx) => {
    const service = requireService(tx, serviceName);
    const versionId = String(service.lastVersionId + 1);
    const record = { versionId, description: req.body.description ?? "", createdTime: now, lastModifiedTime: now };
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
  return { status: 200, body: { versions: page.map(presentVersion), direction, ...(nextToken && { nextToken }) } };
}

function aliasesPointingAt(r: Reader, serviceName: string, versionId: string): string[] {
  return r
    .list("aliases", [serviceName])
    .map((row) => row.value)
    .filter((a) => a.versionId === versionId || Object.hasOwn(a.additionalVersionWeight, versionId))
    .map((a) => a.aliasName);
}

/** Refused while an alias routes to the version; the version's async invoke configs go with it. */
export function deleteServiceVersion(req: Req<undefined>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const versionId = req.params["versionId"] as string;
  req.env.store.transact(req.accountId, (tx) => {
    requireService(tx, serviceName);
    requireVersion(tx, serviceName, versionId);
    const aliases = aliasesPointingAt(tx, serviceName, versionId);
    if (aliases.length > 0) {
      throw fcError(
        "InvalidArgument",
        `version '${versionId}' of service '${serviceName}' is used by alias(es) ${aliases.map((a) => `'${a}'`).join(", ")}; point them elsewhere or delete them first`,
      );
    }
    tx.delete("versions", [serviceName, versionId]);
    for (const row of tx.list("versionFunctions", [serviceName, versionId])) tx.delete("versionFunctions", row.key);
    deleteAsyncConfigsOn(tx, serviceName, versionId);
  });
  return { status: 204 };
}
