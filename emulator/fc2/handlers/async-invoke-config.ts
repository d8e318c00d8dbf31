import { fcTimestamp } from "../../core/clock";
import { fcError } from "../errors";
import type { HandlerRequest, HandlerResponse } from "../../core/operation";
import type { Reader, Writer } from "../../core/store";
import type { AsyncConfigRecord } from "../tables";
import { asyncConfigDefaults, type PutAsyncConfigBody } from "../validation/async-invoke-config";
import { functionAt, requireFunction, resolveQualifier, type ResolvedQualifier } from "../lookup";
import { lexicalAfter, paginate } from "../../core/paging/paginate";
import { presentAsyncConfig } from "./support/present";

/**
 * Put/Get/Delete/ListFunctionAsyncInvokeConfig(s). A config is keyed by service + function + qualifier;
 * the qualifier must be LATEST, a published version or an existing alias, and the function must exist
 * at that qualifier. A config on an alias and one on the version it points to are distinct.
 */

type Req<B, Q = undefined> = HandlerRequest<B, Q>;

function target(r: Reader, req: Req<unknown, unknown>): { service: string; fn: string; at: ResolvedQualifier } {
  const service = req.params["serviceName"] as string;
  const fn = req.params["functionName"] as string;
  const at = resolveQualifier(r, service, req.qualifier);
  functionAt(r, service, fn, at);
  return { service, fn, at };
}

/** The cloud names a config `service.qualifier:function` in its not-found message. */
function notFound(service: string, fn: string, qualifier: string) {
  return fcError("AsyncConfigNotExists", `${service}.${qualifier}`, fn);
}

/** A deleted version or alias takes its async invoke configs, of every function of the service, with it. */
export function deleteAsyncConfigsOn(tx: Writer, service: string, qualifier: string): void {
  for (const row of tx.list("asyncConfigs", [service])) {
    if (row.value.qualifier === qualifier) tx.delete("asyncConfigs", row.key);
  }
}

/**
 * Create or update. On create, absent fields take their defaults; on update, absent (or null) fields
 * keep their current values. `destinationConfig`, when present, is replaced as a whole.
 */
export function putFunctionAsyncInvokeConfig(req: Req<PutAsyncConfigBody>): HandlerResponse {
  const now = fcTimestamp(req.env.clock.now());
  const body = req.body;
  const saved = req.env.store.transact(req.accountId, (tx) => {
    const { service, fn, at } = target(tx, req);
    const key = [service, fn, at.qualifier];
    const current = tx.get("asyncConfigs", key);
    const base = current ?? {
      ...asyncConfigDefaults,
      destinationConfig: { onSuccess: null, onFailure: null },
      createdTime: now,
    };
    const record: AsyncConfigRecord = {
      service,
      function: fn,
      qualifier: at.qualifier,
      createdTime: base.createdTime,
      lastModifiedTime: now,
      destinationConfig: body.destinationConfig ?? base.destinationConfig,
      maxAsyncEventAgeInSeconds: body.maxAsyncEventAgeInSeconds ?? base.maxAsyncEventAgeInSeconds,
      maxAsyncRetryAttempts: body.maxAsyncRetryAttempts ?? base.maxAsyncRetryAttempts,
      statefulInvocation: body.statefulInvocation ?? base.statefulInvocation,
    };
    tx.put("asyncConfigs", key, record);
    return record;
  });
  return { status: 200, body: presentAsyncConfig(saved) };
}

export function getFunctionAsyncInvokeConfig(req: Req<undefined>): HandlerResponse {
  const r = req.env.store.reader(req.accountId);
  const { service, fn, at } = target(r, req);
  const found = r.get("asyncConfigs", [service, fn, at.qualifier]);
  if (!found) throw notFound(service, fn, at.qualifier);
  return { status: 200, body: presentAsyncConfig(found) };
}

export function deleteFunctionAsyncInvokeConfig(req: Req<undefined>): HandlerResponse {
  req.env.store.transact(req.accountId, (tx) => {
    const { service, fn, at } = target(tx, req);
    const key = [service, fn, at.qualifier];
    if (!tx.get("asyncConfigs", key)) throw notFound(service, fn, at.qualifier);
    tx.delete("asyncConfigs", key);
  });
  return { status: 204 };
}

/**
 * Every qualifier's config of one function, in qualifier order. A qualifier in the path (as the
 * 2016-08-15 reference example shows) narrows the list to that qualifier.
 */
export function listFunctionAsyncInvokeConfigs(
  req: Req<undefined, { limit?: number | undefined; nextToken?: string | undefined }>,
): HandlerResponse {
  const service = req.params["serviceName"] as string;
  const fn = req.params["functionName"] as string;
  const r = req.env.store.reader(req.accountId);
  requireFunction(r, service, fn);
  const only = req.qualifier === undefined ? undefined : resolveQualifier(r, service, req.qualifier).qualifier;
  const configs = r
    .list("asyncConfigs", [service, fn])
    .map((row) => row.value)
    .filter((c) => only === undefined || c.qualifier === only);
  const { page, nextToken } = paginate(
    configs,
    (c) => c.qualifier,
    lexicalAfter,
    { limit: req.query.limit, nextToken: req.query.nextToken, scope: [req.accountId, req.operation, service, fn, only ?? null] },
    req.env.pageTokens,
  );
  return { status: 200, body: { configs: page.map(presentAsyncConfig), nextToken: nextToken ?? "" } };
}
