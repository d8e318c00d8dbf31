import { parseOrThrow } from "../../fc2/validation/parse";
import { fc3Error, fromShared } from "../errors";
import { fc3Target, resolveRunnable } from "../engine";
import { requireFunction } from "../lookup";
import type { Fc3Request, Fc3Response, QualifierQuery } from "../operation";
import { presentTask } from "../present";
import { invokeHeaders, MAX_ASYNC_PAYLOAD_BYTES, type ListTasksQuery } from "../validation";

/**
 * InvokeFunction (sync, and async with `x-fc-invocation-type: Async`) and the async task operations
 * GetAsyncTask, ListAsyncTasks and StopAsyncTask (`PUT …/async-tasks/{taskId}/stop`).
 *
 * An async invocation is queued on FC 3.0's engine and answered 202 at once. It is a task — listed, read and
 * stoppable by id — when the invoked qualifier's config has `asyncTask: true`; `x-fc-async-task-id` names it
 * (otherwise the request id does), and the answer carries the id back in the same header.
 */

const LOG_TAIL_BYTES = 4096;
const fnName = (req: Fc3Request<unknown, unknown>) => req.params["functionName"] as string;

export async function invokeFunction(req: Fc3Request<undefined, QualifierQuery>): Promise<Fc3Response> {
  const functionName = fnName(req);
  const headers = parseOrThrow(invokeHeaders, relevantHeaders(req.headers), "body");
  const runnable = resolveRunnable(req.env.store.reader(req.accountId), req.env.region, req.accountId, functionName, req.query.qualifier);

  if (headers["x-fc-invocation-type"] === "Async") {
    if (req.rawBody.length > MAX_ASYNC_PAYLOAD_BYTES) throw fc3Error("EntityTooLarge", MAX_ASYNC_PAYLOAD_BYTES);
    try {
      const enqueued = req.env.engine.enqueue({
        target: fc3Target(req.accountId, req.env.region, functionName, runnable.qualifier),
        payload: req.rawBody,
        requestId: req.requestId,
        invocationId: headers["x-fc-async-task-id"],
      });
      return { status: 202, headers: enqueued.invocationId === undefined ? {} : { "x-fc-async-task-id": enqueued.invocationId } };
    } catch (error) {
      const code = fromShared(error)?.code;
      if (code === "AsyncTaskAlreadyExists") throw fc3Error("AsyncTaskAlreadyExists", headers["x-fc-async-task-id"] ?? "", functionName);
      throw error;
    }
  }

  const result = await req.env.runtime.invoke(runnable.spec, runnable.code, { requestId: req.requestId, event: req.rawBody });
  if (result.kind === "aborted") throw fc3Error("InternalServerError");
  const responseHeaders: Record<string, string> = { "x-fc-code-checksum": runnable.code.checksum, "x-fc-invocation-duration": String(result.durationMs) };
  if (headers["x-fc-log-type"] === "Tail") {
    const log = Buffer.from(`FC Invoke Start RequestId: ${req.requestId}\n${result.logs}FC Invoke End RequestId: ${req.requestId}\n`, "utf8");
    responseHeaders["x-fc-log-result"] = log.subarray(Math.max(0, log.length - LOG_TAIL_BYTES)).toString("base64");
  }
  if (result.kind === "functionError") responseHeaders["x-fc-error-type"] = result.errorType;
  return { status: 200, body: result.payload, headers: responseHeaders };
}

function relevantHeaders(headers: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(invokeHeaders.shape)) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The function must exist, as for every function sub-resource; its tasks are looked up after. */
function scope(req: Fc3Request<unknown, unknown>) {
  requireFunction(req.env.store.reader(req.accountId), fnName(req));
  return { accountId: req.accountId, serviceName: "", functionName: fnName(req) };
}

/** The engine's not-found, in FC 3.0's words. */
function taskCall<T>(req: Fc3Request<unknown, unknown>, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (fromShared(error)?.code === "AsyncTaskNotFound") throw fc3Error("AsyncTaskNotFound", req.params["taskId"] as string, fnName(req));
    throw error;
  }
}

export function getAsyncTask(req: Fc3Request<undefined, QualifierQuery>): Fc3Response {
  const task = taskCall(req, () => req.env.engine.getTask(scope(req), req.params["taskId"] as string, req.query.qualifier));
  return { status: 200, body: presentTask(task, req.env.region, req.accountId) };
}

/** Stopping a task that already ended changes nothing; the answer has no body. */
export function stopAsyncTask(req: Fc3Request<undefined, QualifierQuery>): Fc3Response {
  taskCall(req, () => req.env.engine.stopTask(scope(req), req.params["taskId"] as string, req.query.qualifier));
  return { status: 200 };
}

export function listAsyncTasks(req: Fc3Request<undefined, ListTasksQuery>): Fc3Response {
  const { status, prefix, ...rest } = req.query;
  // `Dequeued` is a filter the API takes; the emulator's tasks go straight from Enqueued to Running.
  if (status === "Dequeued") return { status: 200, body: { tasks: [] } };
  const { invocations, nextToken } = req.env.engine.listTasks(scope(req), { ...rest, status, invocationIdPrefix: prefix });
  return { status: 200, body: { tasks: invocations.map((t) => presentTask(t, req.env.region, req.accountId)), ...(nextToken !== undefined && { nextToken }) } };
}
