/**
 * Async invoke configuration: Update (PUT, create or replace), Show, Delete (204), and the seed's List of every
 * version's config with `marker`/`limit`. Ranges, destination params and paging rules come from the contract.
 * GET/DELETE of a function that has no config: 404 `FSS.0404` (no source names the cloud's code; see the contract).
 */
import type { z } from "zod";
import {
  CONFIG_LIST_LIMIT,
  formatConfigTime,
  formatUrn,
  MARKER_MAX_LENGTH,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  parseQualifier,
  parseWireDestination,
  type WireDestination,
} from "../../../contracts/functiongraph";
import type { RecordOf } from "../../core/store";
import { fgError } from "../errors";
import { functionOf, resolve, type Target } from "../lookup";
import type { FgRequest, FgResponse } from "../operation";
import type { asyncConfigBody, listConfigsQuery } from "../validation";

type ConfigRecord = Readonly<RecordOf<"fgAsyncConfigs">>;

function present(t: Target, qualifierKey: string, c: ConfigRecord): Record<string, unknown> {
  const parsed = parseQualifier(qualifierKey);
  const qualifier = parsed.ok ? parsed.qualifier : t.qualifier;
  const destination_config: Record<string, WireDestination> = {};
  if (c.onSuccess) destination_config["on_success"] = c.onSuccess;
  if (c.onFailure) destination_config["on_failure"] = c.onFailure;
  return {
    func_urn: formatUrn({ ...t, qualifier }),
    max_async_event_age_in_seconds: c.maxAsyncEventAgeInSeconds,
    max_async_retry_attempts: c.maxAsyncRetryAttempts,
    destination_config,
    created_time: formatConfigTime(c.createdAt),
    last_modified: formatConfigTime(c.lastModified),
    enable_async_status_log: c.enableAsyncStatusLog,
  };
}

function inRange(name: string, value: number | undefined, range: { min: number; max: number; default: number }): number {
  if (value === undefined) return range.default;
  if (value < range.min || value > range.max) throw fgError("FSS.0400", `Invalid parameter: ${name} must be from ${range.min} to ${range.max}; got ${value}`);
  return value;
}

function destination(side: "on_success" | "on_failure", d: WireDestination | null | undefined): WireDestination | null {
  if (d === undefined || d === null) return null;
  const checked = parseWireDestination(d);
  if (!checked.ok) throw fgError("FSS.0400", `Invalid parameter: destination_config.${side}.${checked.field} ${checked.reason}`);
  return { destination: d.destination, param: d.param };
}

export function updateAsyncInvokeConfig(req: FgRequest<z.infer<typeof asyncConfigBody>, undefined>): FgResponse {
  const t = req.target as Target;
  const b = req.body;
  const now = req.env.clock.now().getTime();
  const settings = {
    maxAsyncEventAgeInSeconds: inRange("max_async_event_age_in_seconds", b.max_async_event_age_in_seconds, MAX_ASYNC_EVENT_AGE_IN_SECONDS),
    maxAsyncRetryAttempts: inRange("max_async_retry_attempts", b.max_async_retry_attempts, MAX_ASYNC_RETRY_ATTEMPTS),
    enableAsyncStatusLog: b.enable_async_status_log ?? false,
    onSuccess: destination("on_success", b.destination_config?.on_success),
    onFailure: destination("on_failure", b.destination_config?.on_failure),
  };
  const saved = req.env.store.transact(req.identity.accountId, (tx) => {
    resolve(tx, t);
    const key = [t.package, t.name, t.qualifierKey];
    const existing = tx.get("fgAsyncConfigs", key);
    const record = { ...settings, createdAt: existing?.createdAt ?? now, lastModified: now };
    tx.put("fgAsyncConfigs", key, record);
    return record;
  });
  return { status: 200, body: present(t, t.qualifierKey, saved) };
}

export function showAsyncInvokeConfig(req: FgRequest<undefined, undefined>): FgResponse {
  const t = req.target as Target;
  const reader = req.env.store.reader(req.identity.accountId);
  resolve(reader, t);
  const c = reader.get("fgAsyncConfigs", [t.package, t.name, t.qualifierKey]);
  if (c === undefined) throw fgError("FSS.0404", `Resource not found: no async invoke config for ${formatUrn(t)}`);
  return { status: 200, body: present(t, t.qualifierKey, c) };
}

export function deleteAsyncInvokeConfig(req: FgRequest<undefined, undefined>): FgResponse {
  const t = req.target as Target;
  req.env.store.transact(req.identity.accountId, (tx) => {
    resolve(tx, t);
    const key = [t.package, t.name, t.qualifierKey];
    if (tx.get("fgAsyncConfigs", key) === undefined) throw fgError("FSS.0404", `Resource not found: no async invoke config for ${formatUrn(t)}`);
    tx.delete("fgAsyncConfigs", key);
  });
  return { status: 204 };
}

/** `limit`: default 10, 0 → 10, above 100 → 100, negative or not a number → FSS.1001. `marker`: a numeric offset. */
export function parsePaging(query: { marker?: string | undefined; limit?: string | undefined }, limits: { default: number; max: number }): { offset: number; limit: number } {
  let limit = limits.default;
  if (query.limit !== undefined && query.limit !== "") {
    if (!/^-?\d+$/.test(query.limit) || Number(query.limit) < 0) throw fgError("FSS.1001", `Invalid query parameter: limit must be a whole number from 0 to ${limits.max}; got ${query.limit}`);
    const n = Number(query.limit);
    limit = n === 0 ? limits.default : Math.min(n, limits.max);
  }
  let offset = 0;
  if (query.marker !== undefined && query.marker !== "") {
    if (query.marker.length > MARKER_MAX_LENGTH || !/^\d+$/.test(query.marker)) throw fgError("FSS.1001", `Invalid query parameter: marker must be the next_marker of a previous page (a number)`);
    offset = Number(query.marker);
  }
  return { offset, limit };
}

export function listAsyncInvokeConfigs(req: FgRequest<undefined, z.infer<typeof listConfigsQuery>>): FgResponse {
  const t = req.target as Target;
  const { offset, limit } = parsePaging(req.query, CONFIG_LIST_LIMIT);
  const reader = req.env.store.reader(req.identity.accountId);
  functionOf(reader, t);
  // latest first, then versions and aliases in name order.
  const rows = reader.list("fgAsyncConfigs", [t.package, t.name]).sort((a, b) => rank(a.key[2]) - rank(b.key[2]) || ((a.key[2] ?? "") < (b.key[2] ?? "") ? -1 : 1));
  const page = rows.slice(offset, offset + limit);
  return {
    status: 200,
    body: {
      async_invoke_configs: page.map((row) => present(t, row.key[2] as string, row.value)),
      count: rows.length,
      page_info: { next_marker: offset + page.length, previous_marker: offset, current_count: page.length },
    },
  };
}

const rank = (q: string | undefined) => (q === "latest" ? 0 : 1);
