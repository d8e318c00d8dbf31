import { FC_ERROR_STATUS } from "../../contracts/fc2";
import { ApiError, type CoreProblem } from "../core/errors";

/**
 * The cloud's error catalogue, in one place: every error the emulator answers is built here, so the
 * HTTP status, the `ErrorCode` and the message wording of a code cannot drift apart between handlers.
 *
 * Codes and statuses are the contract's (contracts/fc2/errors.ts); message templates follow the Function
 * Compute 2.0 error-code tables
 * (see ../shared/REFERENCE.md "Errors"); where the cloud's wording is unknown the message says plainly
 * what is wrong. Body on the wire: `{"ErrorCode": "...", "ErrorMessage": "..."}`.
 */

const catalogue = {
  // 400
  InvalidArgument: { status: FC_ERROR_STATUS.InvalidArgument, message: (detail: string) => detail },
  /** Worded by authentication (`core/auth/alicloud/failures.ts`), the only place that answers it. */
  MissingRequiredHeader: { status: FC_ERROR_STATUS.MissingRequiredHeader, message: (detail: string) => detail },
  PathNotSupported: {
    status: FC_ERROR_STATUS.PathNotSupported,
    message: (method: string, path: string) => `'${method}' against '${path}' is not supported`,
  },
  EntityTooLarge: {
    status: FC_ERROR_STATUS.EntityTooLarge,
    message: (maxBytes: number) => `payload size exceeds maximum allowed size (${maxBytes} bytes)`,
  },
  /**
   * Not a cloud code: what the emulator answers for something the cloud does but it cannot, such as
   * running a Python function. 400, not 5xx, so that clients do not retry what can never succeed.
   */
  NotSupportedByEmulator: { status: 400, message: (detail: string) => `not supported by the emulator: ${detail}` },
  ServiceNotEmpty: {
    status: FC_ERROR_STATUS.ServiceNotEmpty,
    message: (service: string, what: string) => `service '${service}' is not empty: ${what}`,
  },
  // 403: authentication's refusals, worded once by `core/auth/alicloud/failures.ts` (shared with FC 3.0).
  // FC's table has no skew code; authentication answers RequestTimeTooSkewed as OSS and KMS do.
  AccessDenied: { status: FC_ERROR_STATUS.AccessDenied, message: (detail: string) => detail },
  SignatureNotMatch: { status: FC_ERROR_STATUS.SignatureNotMatch, message: (detail: string) => detail },
  InvalidAccessKeyID: { status: FC_ERROR_STATUS.InvalidAccessKeyID, message: (detail: string) => detail },
  RequestTimeTooSkewed: { status: FC_ERROR_STATUS.RequestTimeTooSkewed, message: (detail: string) => detail },
  // 404
  ServiceNotFound: {
    status: FC_ERROR_STATUS.ServiceNotFound,
    message: (service: string) => `service '${service}' does not exist`,
  },
  FunctionNotFound: {
    status: FC_ERROR_STATUS.FunctionNotFound,
    message: (fn: string, service: string) => `function '${fn}' does not exist in service '${service}'`,
  },
  VersionNotFound: {
    status: FC_ERROR_STATUS.VersionNotFound,
    message: (version: string, service: string) => `version '${version}' of service '${service}' does not exist`,
  },
  AliasNotFound: {
    status: FC_ERROR_STATUS.AliasNotFound,
    message: (alias: string, service: string) => `alias '${alias}' of service '${service}' does not exist`,
  },
  AsyncConfigNotExists: {
    status: FC_ERROR_STATUS.AsyncConfigNotExists,
    message: (serviceAndQualifier: string, fn: string) => `AsyncConfig for ${serviceAndQualifier}:${fn} does not exist.`,
  },
  StatefulAsyncInvocationNotFound: {
    status: FC_ERROR_STATUS.StatefulAsyncInvocationNotFound,
    message: (invocationId: string, fn: string) => `stateful async invocation '${invocationId}' of function '${fn}' does not exist`,
  },
  // 409
  ServiceAlreadyExists: {
    status: FC_ERROR_STATUS.ServiceAlreadyExists,
    message: (service: string) => `service '${service}' already exists`,
  },
  FunctionAlreadyExists: {
    status: FC_ERROR_STATUS.FunctionAlreadyExists,
    message: (fn: string, service: string) => `function '${fn}' already exists in service '${service}'`,
  },
  AliasAlreadyExists: {
    status: FC_ERROR_STATUS.AliasAlreadyExists,
    message: (alias: string, service: string) => `alias ${alias} of service ${service} already exists`,
  },
  ConcurrentUpdateError: { status: FC_ERROR_STATUS.ConcurrentUpdateError, message: (detail: string) => `ConcurrentUpdateError: ${detail}` },
  /** The code the cloud answers for a reused `X-Fc-Stateful-Async-Invocation-Id` (seen in Alibaba's own samples). */
  StatefulAsyncInvocationAlreadyExists: {
    status: FC_ERROR_STATUS.StatefulAsyncInvocationAlreadyExists,
    message: (invocationId: string, fn: string) => `stateful async invocation '${invocationId}' of function '${fn}' already exists`,
  },
  // 412: an If-Match that names no longer the resource's ETag (see handlers/support/etag.ts).
  PreconditionFailed: {
    status: 412,
    message: (ifMatch: string) => `the resource has changed: If-Match '${ifMatch}' does not match its current ETag`,
  },
  // 429 / 5xx: also what the fault injector answers with.
  ResourceExhausted: {
    status: FC_ERROR_STATUS.ResourceExhausted,
    message: (detail: string) => `Resources exhausted: ${detail}`,
  },
  InternalServerError: {
    status: FC_ERROR_STATUS.InternalServerError,
    message: () => "an internal error has occurred. Please retry.",
  },
  ResourceThrottled: {
    status: FC_ERROR_STATUS.ResourceThrottled,
    message: (detail: string) => `Resources throttled: ${detail}`,
  },
} as const satisfies Record<string, { status: number; message: (...args: never[]) => string }>;

export type ErrorCode = keyof typeof catalogue;
type MessageArgs<C extends ErrorCode> = Parameters<(typeof catalogue)[C]["message"]>;

/** An error the pipeline turns into the cloud's error response; anything else becomes InternalServerError. */
export class FcError extends ApiError {
  declare readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super("fc2", code, catalogue[code].status, message, headers);
    this.name = "FcError";
  }
}

/** Builds the error for `code` from the catalogue's template: `fcError("ServiceNotFound", "svc")`. */
export function fcError<C extends ErrorCode>(code: C, ...args: MessageArgs<C>): FcError {
  const format = catalogue[code].message as (...a: MessageArgs<C>) => string;
  return new FcError(code, format(...args));
}

/**
 * The wire body of an error response. Under /2016-08-15 it is `{ErrorCode, ErrorMessage}`, what
 * @alicloud/fc2 and the Python and Go SDKs read. Under /2021-04-06 the same body also carries `Code`,
 * `Message` and `RequestId`: @alicloud/openapi-client (behind @alicloud/fc-open20210406) builds its
 * error from exactly those (`code: ${Code}`, `code: ${status}, ${Message} request id: ${RequestId}`),
 * and without them its users read `undefined: code: 409, undefined request id: undefined`.
 */
export function errorBody(
  error: FcError,
  context: { requestId?: string; pathname?: string } = {},
): { ErrorCode: ErrorCode; ErrorMessage: string; Code?: ErrorCode; Message?: string; RequestId?: string } {
  const body = { ErrorCode: error.code, ErrorMessage: error.message };
  if (!context.pathname?.startsWith("/2021-04-06/")) return body;
  return { ...body, Code: error.code, Message: error.message, ...(context.requestId !== undefined && { RequestId: context.requestId }) };
}

/** A problem core code found (see `core/errors.ts`), in FC 2.0's words. */
export function fcErrorFor(problem: CoreProblem, headers: Record<string, string> = {}): FcError {
  const error = ((): FcError => {
    switch (problem.kind) {
      case "InvalidArgument":
        return fcError("InvalidArgument", problem.message);
      case "PathNotSupported":
        return fcError("PathNotSupported", problem.method, problem.path);
      case "EntityTooLarge":
        return fcError("EntityTooLarge", problem.maxBytes);
      case "Throttled":
        return fcError("ResourceExhausted", problem.detail);
      case "Unavailable":
        return fcError("ResourceThrottled", problem.detail);
      case "InternalError":
        return fcError("InternalServerError");
    }
  })();
  return Object.keys(headers).length === 0 ? error : new FcError(error.code, error.message, headers);
}
