// The service's error codes and the HTTP status each comes with (Function Compute 2.0 error-code tables).
// Body on the wire: `{"ErrorCode": "...", "ErrorMessage": "..."}`; the request id is in `X-Fc-Request-Id`.

/** Every code the emulator answers and the provider reads, with its HTTP status. */
export const FC_ERROR_STATUS = {
  InvalidArgument: 400,
  MissingRequiredHeader: 400,
  PathNotSupported: 400,
  EntityTooLarge: 400,
  ServiceNotEmpty: 400,
  AccessDenied: 403,
  SignatureNotMatch: 403,
  InvalidAccessKeyID: 403,
  /** FC's table has no skew code; this is the one OSS and KMS answer. */
  RequestTimeTooSkewed: 403,
  ServiceNotFound: 404,
  FunctionNotFound: 404,
  VersionNotFound: 404,
  AliasNotFound: 404,
  AsyncConfigNotExists: 404,
  StatefulAsyncInvocationNotFound: 404,
  ServiceAlreadyExists: 409,
  FunctionAlreadyExists: 409,
  AliasAlreadyExists: 409,
  ConcurrentUpdateError: 409,
  /** A reused `X-Fc-Stateful-Async-Invocation-Id` (seen in Alibaba's own samples). */
  StatefulAsyncInvocationAlreadyExists: 409,
  ResourceExhausted: 429,
  InternalServerError: 500,
  ResourceThrottled: 503,
} as const;

/** One of the service's error codes. */
export type FcErrorCode = keyof typeof FC_ERROR_STATUS;

/** The 404 codes that mean an async invoke config cannot exist any more: it, or what it belongs to, is gone. */
export const CONFIG_GONE_CODES: ReadonlySet<FcErrorCode> = new Set([
  "AsyncConfigNotExists",
  "ServiceNotFound",
  "FunctionNotFound",
  "VersionNotFound",
  "AliasNotFound",
]);
