/**
 * Typed errors for every cloud API this package calls.
 *
 * One base class, `ApiError`, carries what a person needs to act on a failure and what support needs to
 * trace it: the service's own error code, the request id, the HTTP status and the operation. Subclasses
 * exist only where callers branch on them (not found, network). Messages are built from the service's
 * reply with every known credential value redacted, because Pulumi prints provider errors verbatim
 * (`${error}: ${error.stack}`) and a service that echoes its string-to-sign would otherwise leak an STS token.
 */

/** What an `ApiError` is built from. */
export interface ApiErrorDetails {
  /** The service's error code (FC: `ErrorCode`, e.g. `AsyncConfigNotExists`), or a local code for failures without a reply. */
  readonly code: string;
  /** The service's explanation, already redacted. */
  readonly message: string;
  /** The operation that failed, e.g. `GetFunctionAsyncInvokeConfig`. */
  readonly operation: string;
  /** HTTP status, absent when no response arrived. */
  readonly status?: number | undefined;
  /** The service's request id (FC: header `X-Fc-Request-Id`), absent when no response arrived. */
  readonly requestId?: string | undefined;
  /** Milliseconds the service asked us to wait (`Retry-After`), read by the retry policy. */
  readonly retryAfterMs?: number | undefined;
  readonly cause?: unknown;
}

const API_ERROR = Symbol.for("pulumi-async-invoke.ApiError");

/** A failed call to a cloud API. Use `isApiError` rather than `instanceof`: two copies of this package may be loaded. */
export class ApiError extends Error {
  readonly code: string;
  readonly operation: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** The service's own explanation, without the operation/status/request-id decoration of `message`. */
  readonly serviceMessage: string;

  constructor(details: ApiErrorDetails) {
    super(formatMessage(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "ApiError";
    this.code = details.code;
    this.operation = details.operation;
    this.status = details.status;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
    this.serviceMessage = details.message;
    Object.defineProperty(this, API_ERROR, { value: true });
  }
}

/** The addressed resource (service, function, version, alias, config, task) does not exist: HTTP 404. */
export class NotFoundError extends ApiError {
  constructor(details: ApiErrorDetails) {
    super(details);
    this.name = "NotFoundError";
  }
}

/** No usable HTTP response: connection refused or reset, DNS failure, or the per-request timeout elapsed. */
export class NetworkError extends ApiError {
  constructor(details: Omit<ApiErrorDetails, "status" | "requestId" | "retryAfterMs">) {
    super(details);
    this.name = "NetworkError";
  }
}

/** True for an `ApiError` from any loaded copy of this package. */
export function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[API_ERROR] === true;
}

/** True for an `ApiError` with HTTP status 404. */
export function isNotFoundError(value: unknown): value is NotFoundError {
  return isApiError(value) && value.status === 404;
}

/** True for an `ApiError` that got no HTTP response. */
export function isNetworkError(value: unknown): value is NetworkError {
  return isApiError(value) && value.status === undefined;
}

/** Replaces every occurrence of each secret (ignoring empty ones) with `***`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real keys and tokens are long.
    if (secret !== undefined && secret.length >= 8) out = out.split(secret).join("***");
  }
  return out;
}

function formatMessage(d: ApiErrorDetails): string {
  const where = d.status === undefined ? d.operation : `${d.operation} (HTTP ${d.status})`;
  const request = d.requestId === undefined ? "" : ` [request id ${d.requestId}]`;
  return `${where} failed: ${d.code}: ${d.message}${request}`;
}
