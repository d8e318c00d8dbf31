import { ASYNC_TASK_DEFAULT, MAX_ASYNC_EVENT_AGE_IN_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS, timestamp } from "../../../contracts/fc3";
import { paginate } from "../../core/paging/paginate";
import type { Reader } from "../../core/store";
import type { Fc3AsyncConfigRecord } from "../tables";
import { fc3Error } from "../errors";
import { functionAt, requireFunction, resolveQualifier } from "../lookup";
import type { Fc3Request, Fc3Response, QualifierQuery } from "../operation";
import { presentAsyncConfig } from "../present";
import { destinationProblem, type ListConfigsQuery, type PutAsyncConfigBody } from "../validation";

/**
 * PutAsyncInvokeConfig, GetAsyncInvokeConfig, DeleteAsyncInvokeConfig, ListAsyncInvokeConfigs. A config is
 * keyed by function + qualifier (`?qualifier=`, LATEST when absent); the qualifier must name LATEST, a
 * published version or an existing alias. A config on an alias and one on its version are distinct.
 */

type Destination = { destination: string } | null;

function target(r: Reader, req: Fc3Request<unknown, QualifierQuery>): { fn: string; qualifier: string } {
  const fn = req.params["functionName"] as string;
  const at = resolveQualifier(r, fn, req.query.qualifier);
  functionAt(r, fn, at);
  return { fn, qualifier: at.qualifier };
}

/** A side as sent: absent or null clears it; an object must carry a destination FC 3.0 accepts. */
function sideOf(value: { destination?: string | null | undefined } | null | undefined): Destination {
  if (value === undefined || value === null) return null;
  const problem = destinationProblem(value.destination);
  if (problem !== undefined) throw fc3Error("InvalidDestinationResources", problem);
  return { destination: value.destination as string };
}

/**
 * Create or update. On create, absent fields take their defaults; on update, absent (or null) fields keep
 * their values — the cloud's merge, which Terraform's partial updates rely on. `destinationConfig`, when
 * present, replaces the stored one as a whole.
 */
export function putAsyncInvokeConfig(req: Fc3Request<PutAsyncConfigBody, QualifierQuery>): Fc3Response {
  const now = timestamp(req.env.clock.now());
  const body = req.body;
  const destinations = body.destinationConfig ? { onSuccess: sideOf(body.destinationConfig.onSuccess), onFailure: sideOf(body.destinationConfig.onFailure) } : undefined;
  const saved = req.env.store.transact(req.accountId, (tx) => {
    const { fn, qualifier } = target(tx, req);
    const current = tx.get("fc3AsyncConfigs", [fn, qualifier]);
    const record: Fc3AsyncConfigRecord = {
      functionName: fn,
      qualifier,
      createdTime: current?.createdTime ?? now,
      lastModifiedTime: now,
      destinationConfig: destinations ?? current?.destinationConfig ?? { onSuccess: null, onFailure: null },
      maxAsyncEventAgeInSeconds: body.maxAsyncEventAgeInSeconds ?? current?.maxAsyncEventAgeInSeconds ?? MAX_ASYNC_EVENT_AGE_IN_SECONDS.default,
      maxAsyncRetryAttempts: body.maxAsyncRetryAttempts ?? current?.maxAsyncRetryAttempts ?? MAX_ASYNC_RETRY_ATTEMPTS.default,
      asyncTask: body.asyncTask ?? current?.asyncTask ?? ASYNC_TASK_DEFAULT,
    };
    tx.put("fc3AsyncConfigs", [fn, qualifier], record);
    return record;
  });
  return { status: 200, body: presentAsyncConfig(saved, req.env.region, req.accountId) };
}

export function getAsyncInvokeConfig(req: Fc3Request<undefined, QualifierQuery>): Fc3Response {
  const r = req.env.store.reader(req.accountId);
  const { fn, qualifier } = target(r, req);
  const found = r.get("fc3AsyncConfigs", [fn, qualifier]);
  if (!found) throw fc3Error("AsyncConfigNotExists", fn, qualifier);
  return { status: 200, body: presentAsyncConfig(found, req.env.region, req.accountId) };
}

export function deleteAsyncInvokeConfig(req: Fc3Request<undefined, QualifierQuery>): Fc3Response {
  req.env.store.transact(req.accountId, (tx) => {
    const { fn, qualifier } = target(tx, req);
    if (!tx.get("fc3AsyncConfigs", [fn, qualifier])) throw fc3Error("AsyncConfigNotExists", fn, qualifier);
    tx.delete("fc3AsyncConfigs", [fn, qualifier]);
  });
  return { status: 204 };
}

/** Every config of one function (`functionName`) or of the whole account, by function then qualifier. */
export function listAsyncInvokeConfigs(req: Fc3Request<undefined, ListConfigsQuery>): Fc3Response {
  const r = req.env.store.reader(req.accountId);
  const only = req.query.functionName;
  if (only !== undefined) requireFunction(r, only);
  const configs = r.list("fc3AsyncConfigs", only === undefined ? [] : [only]).map((row) => row.value);
  const { page, nextToken } = paginate(
    configs,
    (c) => JSON.stringify([c.functionName, c.qualifier]),
    (key, position) => key > position,
    { limit: req.query.limit, nextToken: req.query.nextToken, scope: [req.accountId, req.operation, only ?? null] },
    req.env.pageTokens,
  );
  return { status: 200, body: { configs: page.map((c) => presentAsyncConfig(c, req.env.region, req.accountId)), ...(nextToken && { nextToken }) } };
}
