import { fcErrorType } from "../../../contracts/alicloud";
import { Fc3AsyncTasks } from "../async/tasks";
import { fc3Error } from "../errors";
import { requireFunction } from "../lookup";
import type { Fc3Request, Fc3Response, QualifierQuery } from "../operation";
import { resolveRunnable } from "../runnable";
import { invokeHeaders, MAX_ASYNC_PAYLOAD_BYTES, parseOrThrow, type ListTasksQuery } from "../validation";

/**
 * InvokeFunction (sync, and async with `x-fc-invocation-type: Async`) and the async task operations
 * GetAsyncTask, ListAsyncTasks and StopAsyncTask (`PUT …/async-tasks/{taskId}/stop`).
 *
 * An async invocation is queued on the emulator's one async engine and answered 202 at once. It is a task — listed, read and
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
    const taskId = new Fc3AsyncTasks(req.env.invocations.engine).enqueue({
      accountId: req.accountId,
      region: req.env.region,
      functionName,
      qualifier: runnable.qualifier,
      payload: req.rawBody,
      requestId: req.requestId,
      taskId: headers["x-fc-async-task-id"],
    });
    return { status: 202, headers: taskId === undefined ? {} : { "x-fc-async-task-id": taskId } };
  }

  const result = await req.env.invocations.runtime.invoke(runnable.spec, runnable.code, { requestId: req.requestId, event: req.rawBody });
  if (result.kind === "aborted") throw fc3Error("InternalServerError");
  const responseHeaders: Record<string, string> = { "x-fc-code-checksum": runnable.code.checksum, "x-fc-invocation-duration": String(result.durationMs) };
  if (headers["x-fc-log-type"] === "Tail") {
    const log = Buffer.from(`FC Invoke Start RequestId: ${req.requestId}\n${result.logs}FC Invoke End RequestId: ${req.requestId}\n`, "utf8");
    responseHeaders["x-fc-log-result"] = log.subarray(Math.max(0, log.length - LOG_TAIL_BYTES)).toString("base64");
  }
  if (result.kind === "functionError") responseHeaders["x-fc-error-type"] = fcErrorType(result.cause);
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
function tasksOf(req: Fc3Request<unknown, unknown>): Fc3AsyncTasks {
  requireFunction(req.env.store.reader(req.accountId), fnName(req));
  return new Fc3AsyncTasks(req.env.invocations.engine);
}

export function getAsyncTask(req: Fc3Request<undefined, QualifierQuery>): Fc3Response {
  return { status: 200, body: tasksOf(req).getTask(req.accountId, fnName(req), req.params["taskId"] as string, req.query.qualifier) };
}

/** Stopping a task that already ended changes nothing; the answer has no body. */
export function stopAsyncTask(req: Fc3Request<undefined, QualifierQuery>): Fc3Response {
  tasksOf(req).stopTask(req.accountId, fnName(req), req.params["taskId"] as string, req.query.qualifier);
  return { status: 200 };
}

export function listAsyncTasks(req: Fc3Request<undefined, ListTasksQuery>): Fc3Response {
  const { tasks, nextToken } = tasksOf(req).listTasks(req.accountId, fnName(req), req.query);
  return { status: 200, body: { tasks, ...(nextToken !== undefined && { nextToken }) } };
}
