import { ApiError } from "../errors";
import type { FunctionCode, FunctionErrorCause, FunctionSpec, NodeRuntime } from "../runtime";
import type { AttemptOutcome, AttemptRequest } from "./ports";

/**
 * One attempt of an async event, the same for every API (each `EngineApi.run` is this with its own lookup and
 * words): resolve the function as it is now, run it on the shared runtime, and say how it ended.
 *
 * `resolve` throws the API's own error (an `ApiError`) when the function or its qualifier is gone or cannot run
 * here: the event is then invalid, with that error's code as the reason. `errorType` names a function error in
 * the API's words (FC's `UnhandledInvocationError`, FunctionGraph's `Unhandled`).
 */
export async function runAttempt(
  runtime: NodeRuntime,
  request: AttemptRequest,
  resolve: () => { spec: FunctionSpec; code: FunctionCode },
  errorType: (cause: FunctionErrorCause) => string,
): Promise<AttemptOutcome> {
  let runnable;
  try {
    runnable = resolve();
  } catch (error) {
    if (error instanceof ApiError) return { kind: "invalid", reason: error.code };
    throw error;
  }
  const result = await runtime.invoke(runnable.spec, runnable.code, { requestId: request.requestId, event: request.payload, signal: request.signal, onStarted: request.onStarted });
  switch (result.kind) {
    case "success":
      return { kind: "success", payload: result.payload, durationMs: result.durationMs, instanceId: result.instanceId };
    case "functionError":
      return {
        kind: "functionError",
        handled: result.cause === "handled",
        errorType: errorType(result.cause),
        payload: result.payload,
        durationMs: result.durationMs,
        instanceId: result.instanceId,
      };
    case "aborted":
      return { kind: "aborted", durationMs: result.durationMs };
  }
}

/** Whether `lookup` finds the function: false when it throws the API's own not-found (an `ApiError`). */
export function resolves(lookup: () => unknown): boolean {
  try {
    lookup();
    return true;
  } catch (error) {
    if (error instanceof ApiError) return false;
    throw error;
  }
}
