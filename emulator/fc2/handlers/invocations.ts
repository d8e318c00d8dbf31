import { FcAsyncTasks } from "../async/tasks";
import { resolveRunnable } from "../runnable";
import { fcErrorType } from "../../../contracts/alicloud";
import { fcError } from "../errors";
import type { HandlerRequest, HandlerResponse } from "../../core/operation";
import { MAX_ASYNC_PAYLOAD_BYTES, MAX_SYNC_PAYLOAD_BYTES, parseInvokeHeaders, type ListStatefulAsyncInvocationsQuery } from "../validation/invocations";
import { requireFunction } from "../lookup";

/**
 * InvokeFunction (sync and async) and the stateful async invocation ("asynchronous task") operations:
 * GetStatefulAsyncInvocation, StopStatefulAsyncInvocation, ListStatefulAsyncInvocations.
 *
 * A sync invocation runs the function's code now and answers its result: 200 with the payload, or
 * 200 with `X-Fc-Error-Type` and FC's error body for a function error. An async one is handed to the
 * engine and answered 202 at once; with the asynchronous-task feature on (the qualifier's config, or
 * `X-Fc-Stateful-Async-Invocation-Enable`) the answer names the task.
 */

type Req<B, Q = undefined> = HandlerRequest<B, Q>;

/** The cloud returns the last 4 KB of the invocation's log with `X-Fc-Log-Type: Tail`. */
const LOG_TAIL_BYTES = 4096;

function names(req: Req<unknown, unknown>): { serviceName: string; functionName: string } {
  return { serviceName: req.params["serviceName"] as string, functionName: req.params["functionName"] as string };
}

export async function invokeFunction(req: Req<undefined>): Promise<HandlerResponse> {
  const { serviceName, functionName } = names(req);
  const headers = parseInvokeHeaders(req.headers);
  const runnable = resolveRunnable(req.env.store.reader(req.accountId), req.env.region, req.accountId, serviceName, functionName, req.qualifier);

  if (headers["x-fc-invocation-type"] === "Async") {
    if (req.rawBody.length > MAX_ASYNC_PAYLOAD_BYTES) throw fcError("EntityTooLarge", MAX_ASYNC_PAYLOAD_BYTES);
    const enqueued = new FcAsyncTasks(req.env.invocations.engine).enqueue({
      target: { accountId: req.accountId, region: req.env.region, serviceName, qualifier: runnable.qualifier, functionName },
      payload: req.rawBody,
      requestId: req.requestId,
      invocationId: headers["x-fc-stateful-async-invocation-id"],
      stateful: headers["x-fc-stateful-async-invocation-enable"],
    });
    return {
      status: 202,
      headers: enqueued.invocationId === undefined ? {} : { "x-fc-stateful-async-invocation-id": enqueued.invocationId },
    };
  }

  if (req.rawBody.length > MAX_SYNC_PAYLOAD_BYTES) throw fcError("EntityTooLarge", MAX_SYNC_PAYLOAD_BYTES);
  const result = await req.env.invocations.runtime.invoke(runnable.spec, runnable.code, { requestId: req.requestId, event: req.rawBody });
  if (result.kind === "aborted") throw fcError("InternalServerError");
  const responseHeaders: Record<string, string> = {
    "x-fc-code-checksum": runnable.code.checksum,
    "x-fc-invocation-duration": String(result.durationMs),
  };
  if (headers["x-fc-log-type"] === "Tail") {
    const log = `FC Invoke Start RequestId: ${req.requestId}\n${result.logs}FC Invoke End RequestId: ${req.requestId}\n`;
    const bytes = Buffer.from(log, "utf8");
    responseHeaders["x-fc-log-result"] = bytes.subarray(Math.max(0, bytes.length - LOG_TAIL_BYTES)).toString("base64");
  }
  if (result.kind === "functionError") {
    // The body is FC's {errorMessage, errorType, stackTrace}; typed as JSON, so that @alicloud/fc2 and the
    // other SDKs hand the user the object, as the cloud's answer makes them do.
    responseHeaders["x-fc-error-type"] = fcErrorType(result.cause);
    responseHeaders["content-type"] = "application/json";
  }
  return { status: 200, body: result.payload, headers: responseHeaders };
}

function taskScope(req: Req<unknown, unknown>): { accountId: string; serviceName: string; functionName: string } {
  const { serviceName, functionName } = names(req);
  // The function must exist, as for every function sub-resource; its tasks are looked up after.
  requireFunction(req.env.store.reader(req.accountId), serviceName, functionName);
  return { accountId: req.accountId, serviceName, functionName };
}

export function getStatefulAsyncInvocation(req: Req<undefined>): HandlerResponse {
  const task = new FcAsyncTasks(req.env.invocations.engine).getTask(taskScope(req), req.params["invocationId"] as string, req.qualifier);
  return { status: 200, body: task };
}

export function stopStatefulAsyncInvocation(req: Req<undefined>): HandlerResponse {
  new FcAsyncTasks(req.env.invocations.engine).stopTask(taskScope(req), req.params["invocationId"] as string, req.qualifier);
  return { status: 200 };
}

export function listStatefulAsyncInvocations(req: Req<undefined, ListStatefulAsyncInvocationsQuery>): HandlerResponse {
  const { invocations, nextToken } = new FcAsyncTasks(req.env.invocations.engine).listTasks(taskScope(req), { ...req.query, qualifier: req.qualifier });
  return { status: 200, body: { invocations, ...(nextToken !== undefined && { nextToken }) } };
}
