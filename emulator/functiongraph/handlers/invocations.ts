/**
 * Async invocations: `invocations-async` (202 `{request_id}`), the records list (status, time window — default the
 * last hour of the engine's clock —, `marker`/`limit` default 100 max 500), and cancel (200, empty body).
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { parseRecordTime, RECORD_DEFAULT_WINDOW_MS, RECORD_LIST_LIMIT } from "../../../contracts/functiongraph";
import { fgError } from "../errors";
import { resolve, type Target } from "../lookup";
import type { FgRequest, FgResponse } from "../operation";
import type { cancelBody, listInvocationsQuery } from "../validation";
import { parsePaging } from "./async-invoke-config";

export function asyncInvokeFunction(req: FgRequest<undefined, undefined>): FgResponse {
  const t = req.target as Target;
  resolve(req.env.store.reader(req.identity.accountId), t);
  if (req.rawBody.length > 0) {
    try {
      JSON.parse(req.rawBody.toString("utf8"));
    } catch {
      throw fgError("FSS.0400", "Invalid parameter: the event must be JSON");
    }
  }
  const requestId = randomUUID();
  req.env.engine.enqueue(req.identity.accountId, t, requestId, req.rawBody.length === 0 ? Buffer.from("{}") : req.rawBody);
  return { status: 202, body: { request_id: requestId } };
}

function time(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const ms = parseRecordTime(value);
  if (ms === undefined) throw fgError("FSS.1001", `Invalid query parameter: ${name} must be YYYY-MM-DDTHH:mm:ss (UTC); got ${value}`);
  return ms;
}

export function listAsyncInvocations(req: FgRequest<undefined, z.infer<typeof listInvocationsQuery>>): FgResponse {
  const t = req.target as Target;
  resolve(req.env.store.reader(req.identity.accountId), t);
  const q = req.query;
  if (q.limit !== undefined && /^\d+$/.test(q.limit) && Number(q.limit) > RECORD_LIST_LIMIT.max) {
    throw fgError("FSS.1001", `Invalid query parameter: limit must be at most ${RECORD_LIST_LIMIT.max}; got ${q.limit}`);
  }
  const { offset, limit } = parsePaging(q, RECORD_LIST_LIMIT);
  const end = time("query_end_time", q.query_end_time) ?? req.env.engine.now();
  const begin = time("query_begin_time", q.query_begin_time) ?? end - RECORD_DEFAULT_WINDOW_MS;
  const matching = req.env.engine
    .records(req.identity.accountId, t.package, t.name)
    .filter((r) => r.qualifier === t.qualifierKey)
    .filter((r) => q.request_id === undefined || r.request_id === q.request_id)
    .filter((r) => q.status === undefined || r.status === q.status)
    // Times are written to the second: compare at that precision.
    .filter((r) => Math.floor(r.startedAt / 1000) * 1000 >= begin && Math.floor(r.startedAt / 1000) * 1000 <= end)
    .reverse();
  const page = matching.slice(offset, offset + limit);
  return {
    status: 200,
    body: {
      invocations: page.map(({ qualifier: _q, startedAt: _s, ...wire }) => wire),
      count: matching.length,
      next_marker: offset + page.length,
    },
  };
}

export function cancelAsyncInvocation(req: FgRequest<z.infer<typeof cancelBody>, undefined>): FgResponse {
  const t = req.target as Target;
  resolve(req.env.store.reader(req.identity.accountId), t);
  if (!req.env.engine.cancel(req.identity.accountId, t.package, t.name, req.body.request_id)) {
    throw fgError("FSS.0400", `Invalid RequestId: ${req.body.request_id}`);
  }
  // No body: the SDK's model says "null", but its core sets `httpStatusCode` on whatever object it parsed and
  // fails on a JSON `null` (typeof null === "object"); an empty 200 is what it can read.
  return { status: 200, headers: { "content-length": "0" } };
}
