/**
 * FunctionGraph's error catalogue in the emulator: the codes and HTTP statuses of `contracts/functiongraph`, the body
 * `{"error_code","error_msg","request_id"}` (as the APIG gateway writes it), the request id in `X-Request-Id`, and
 * core's problems in FunctionGraph's words.
 */
import { FG_ERRORS, type FgErrorCode } from "../../contracts/functiongraph";
import { ApiError, type CoreProblem } from "../core/errors";
import type { HandlerResponse } from "../core/operation";

export const API_NAME = "functiongraph";

export class FgError extends ApiError {
  override readonly code: FgErrorCode;
  constructor(code: FgErrorCode, message?: string, headers: Record<string, string> = {}) {
    super(API_NAME, code, FG_ERRORS[code].status, message ?? FG_ERRORS[code].message, headers);
    this.name = "FgError";
    this.code = code;
  }
}

export const fgError = (code: FgErrorCode, message?: string) => new FgError(code, message);

export function fgErrorFor(problem: CoreProblem, headers: Record<string, string> = {}): FgError {
  switch (problem.kind) {
    case "InvalidArgument":
      return new FgError("FSS.0400", `Invalid parameter: ${problem.message}`, headers);
    case "PathNotSupported":
      return new FgError("FSS.0404", `Resource not found: ${problem.method} ${problem.path} is not a FunctionGraph operation the emulator serves`, headers);
    case "EntityTooLarge":
      return new FgError("FSS.0400", `Invalid parameter: the body is larger than ${problem.maxBytes} bytes`, { connection: "close", ...headers });
    case "Throttled":
      return new FgError("FSS.0429", `Too many requests: ${problem.detail}`, headers);
    case "Unavailable":
    case "InternalError":
      return new FgError("FSS.0500", "Internal error", headers);
  }
}

export function renderError(error: ApiError, requestId: string): HandlerResponse {
  const fg = error instanceof FgError ? error : new FgError("FSS.0500", error.message);
  return { status: fg.status, body: { error_code: fg.code, error_msg: fg.message, request_id: requestId } };
}
