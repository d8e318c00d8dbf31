/**
 * FC 3.0's error codes and HTTP statuses. The body is `{"Code","Message","RequestId"}` (PascalCase, the request
 * id in the body), unlike 2.0's `{ErrorCode, ErrorMessage}`.
 *
 * Codes the cloud documents or its callers test for: AsyncConfigNotExists, FunctionNotFound, InvalidArgument,
 * InvalidDestinationResources; from the shared 2021-04-06 backend: AliasNotFound, VersionNotFound,
 * ConcurrentUpdateError, AccessDenied, SignatureNotMatch, InvalidAccessKeyID. `AsyncTaskNotFound` and
 * `AsyncTaskAlreadyExists` are this project's names where the cloud's are not published.
 */
export const ERROR_STATUS = {
  InvalidArgument: 400,
  InvalidDestinationResources: 400,
  MissingRequiredHeader: 400,
  PathNotSupported: 400,
  EntityTooLarge: 400,
  NotSupportedByEmulator: 400,
  AccessDenied: 403,
  SignatureNotMatch: 403,
  InvalidAccessKeyID: 403,
  RequestTimeTooSkewed: 403,
  FunctionNotFound: 404,
  VersionNotFound: 404,
  AliasNotFound: 404,
  AsyncConfigNotExists: 404,
  AsyncTaskNotFound: 404,
  FunctionAlreadyExists: 409,
  AliasAlreadyExists: 409,
  AsyncTaskAlreadyExists: 409,
  ConcurrentUpdateError: 409,
  AsyncInvocationStopped: 412,
  ResourceExhausted: 429,
  InternalServerError: 500,
  ResourceThrottled: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Codes that mean an async invoke config cannot exist any more: read and delete treat them as "gone". */
export const GONE_CODES: ReadonlySet<string> = new Set<ErrorCode>(["AsyncConfigNotExists", "FunctionNotFound", "VersionNotFound", "AliasNotFound"]);
