/**
 * FunctionGraph's error catalogue in the emulator: the codes and HTTP statuses of `contracts/functiongraph`, the body
 * `{"error_code","error_msg"}` (plus `request_id`, as the APIG gateway writes it), the request id in `X-Request-Id`.
 */
import { FG_ERRORS, type FgErrorCode } from "../../contracts/functiongraph";

export class FgError extends Error {
  readonly code: FgErrorCode;
  readonly status: number;
  constructor(code: FgErrorCode, message?: string) {
    super(message ?? FG_ERRORS[code].message);
    this.name = "FgError";
    this.code = code;
    this.status = FG_ERRORS[code].status;
  }
}

export const fgError = (code: FgErrorCode, message?: string) => new FgError(code, message);

export function errorBody(error: FgError, requestId: string): Record<string, string> {
  return { error_code: error.code, error_msg: error.message, request_id: requestId };
}

/** An unexpected failure, described without headers, bodies or secrets. */
export function describeUnexpected(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
