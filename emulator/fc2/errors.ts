import { ApiError, type CoreProblem } from "../core/errors";

/**
 * The cloud's error catalogue, in one place: every error the emulator answers is built here, so the
 * HTTP status, the `ErrorCode` and the message wording of a code cannot drift apart between handlers.
 *
 * Codes, statuses and message templates follow the Function Compute 2.0 error-code tables
 * (see ../shared/REFERENCE.md "Errors"); where the cloud's wording is unknown the message says plainly
 * what is wrong. Body on the wire: `{"ErrorCode": "...", "ErrorMessage": "..."}`.
 */

const catalogue = {
  // 400
  InvalidArgument: { status: 400, message: (detail: string) => detail },
  MissingRequiredHeader: {
    status: 400,
    message: (header: string) => `required HTTP header ${header} was not specified`,
  },
  PathNotSupported: {
    status: 400,
    message: (method: string, path: string) => `'${method}' against '${path}' is not supported`,
  },
  EntityTooLarge: {
    status: 400,
    message: (maxBytes: number) => `payload size exceeds maximum allowed size (${maxBytes} bytes)`,
  },
  AdditionalVersionContainsMajorVersion: {
    status: 400,
    message: (weights: string, version: string) => `additionalVersionWeight ${weights} should not contain major version ${version}`,
  },
  /**
   * Not a cloud code: what the emulator answers for something the cloud does but it cannot, such as
   * running a Python function. 400, not 5xx, so that clients do not retry what can never succeed.
   */
  NotSupportedByEmulator: { status: 400, message: (detail: string) => `not supported by the emulator: ${detail}` },
  ServiceNotEmpty: {
    status: 400,
    message: (service: string, what: string) => `service '${service}' is not empty: ${what}`,
  },
  // 403
  AccessDenied: { status: 403, message: (detail: string) => detail },
  SignatureNotMatch: {
    status: 403,
    message: () =>
      "The request signature we calculated does not match the signature you provided. Check your access key and signing method",
  },
  InvalidAccessKeyID: {
    status: 403,
    message: (accessKeyId: string) => `invalid access key ID '${accessKeyId}'`,
  },
  // FC's table has no skew code; `emulator/fc2/auth` answers RequestTimeTooSkewed as OSS and KMS do.
  RequestTimeTooSkewed: { status: 403, message: (detail: string) => detail },
  // 404
  ServiceNotFound: {
    status: 404,
    message: (service: string) => `service '${service}' does not exist`,
  },
  FunctionNotFound: {
    status: 404,
    message: (fn: string, service: string) => `function '${fn}' does not exist in service '${service}'`,
  },
  VersionNotFound: {
    status: 404,
    message: (version: string, service: string) => `version '${version}' of service '${service}' does not exist`,
  },
  AliasNotFound: {
    status: 404,
    message: (alias: string, service: string) => `alias '${alias}' of service '${service}' does not exist`,
  },
  AsyncConfigNotExists: {
    status: 404,
    message: (serviceAndQualifier: string, fn: string) => `AsyncConfig for ${serviceAndQualifier}:${fn} does not exist.`,
  },
  StatefulAsyncInvocationNotFound: {
    status: 404,
    message: (invocationId: string, fn: string) => `stateful async invocation '${invocationId}' of function '${fn}' does not exist`,
  },
  // 409
  ServiceAlreadyExists: {
    status: 409,
    message: (service: string) => `service '${service}' already exists`,
  },
  FunctionAlreadyExists: {
    status: 409,
    message: (fn: string, service: string) => `function '${fn}' already exists in service '${service}'`,
  },
  AliasAlreadyExists: {
    status: 409,
    message: (alias: string, service: string) => `alias ${alias} of service ${service} already exists`,
  },
  ConcurrentUpdateError: { status: 409, message: (detail: string) => `ConcurrentUpdateError: ${detail}` },
  /** The code the cloud answers for a reused `X-Fc-Stateful-Async-Invocation-Id` (seen in Alibaba's own samples). */
  StatefulAsyncInvocationAlreadyExists: {
    status: 409,
    message: (invocationId: string, fn: string) => `stateful async invocation '${invocationId}' of function '${fn}' already exists`,
  },
  // 429 / 5xx: also what the fault injector answers with.
  ResourceExhausted: {
    status: 429,
    message: (detail: string) => `Resources exhausted: ${detail}`,
  },
  InternalServerError: {
    status: 500,
    message: () => "an internal error has occurred. Please retry.",
  },
  ResourceThrottled: {
    status: 503,
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

/** The wire body of an error response. */
export function errorBody(error: FcError): { ErrorCode: ErrorCode; ErrorMessage: string } {
  return { ErrorCode: error.code, ErrorMessage: error.message };
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
