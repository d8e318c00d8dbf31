import { ERROR_STATUS, type ErrorCode } from "../../contracts/fc3";
import { ApiError, type CoreProblem } from "../core/errors";

/**
 * FC 3.0's error catalogue: each code's HTTP status comes from the contract, its message from here, and every
 * error leaves as `{"Code","Message","RequestId"}` — the shape `@alicloud/openapi-core` reads its
 * `code`, `message` and `requestId` from.
 */

const messages = {
  InvalidArgument: (detail: string) => detail,
  InvalidDestinationResources: (detail: string) => `The destination resource is invalid: ${detail}`,
  PathNotSupported: (method: string, path: string) => `'${method}' against '${path}' is not supported`,
  EntityTooLarge: (maxBytes: number) => `payload size exceeds maximum allowed size (${maxBytes} bytes)`,
  NotSupportedByEmulator: (detail: string) => `not supported by the emulator: ${detail}`,
  FunctionNotFound: (fn: string) => `function '${fn}' does not exist`,
  VersionNotFound: (version: string, fn: string) => `version '${version}' of function '${fn}' does not exist`,
  AliasNotFound: (alias: string, fn: string) => `alias '${alias}' of function '${fn}' does not exist`,
  AsyncConfigNotExists: (fn: string, qualifier: string) => `AsyncConfig for ${fn}:${qualifier} does not exist.`,
  AsyncTaskNotFound: (taskId: string, fn: string) => `async task '${taskId}' of function '${fn}' does not exist`,
  FunctionAlreadyExists: (fn: string) => `function '${fn}' already exists`,
  AliasAlreadyExists: (alias: string, fn: string) => `alias '${alias}' of function '${fn}' already exists`,
  AsyncTaskAlreadyExists: (taskId: string, fn: string) => `async task '${taskId}' of function '${fn}' already exists`,
  ResourceExhausted: (detail: string) => `Resources exhausted: ${detail}`,
  ResourceThrottled: (detail: string) => `Resources throttled: ${detail}`,
  InternalServerError: () => "an internal error has occurred. Please retry.",
} satisfies Partial<Record<ErrorCode, (...args: never[]) => string>>;

type MessageCode = keyof typeof messages;

export class Fc3Error extends ApiError {
  declare readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super("fc3", code, ERROR_STATUS[code], message, headers);
    this.name = "Fc3Error";
  }
}

export function fc3Error<C extends MessageCode>(code: C, ...args: Parameters<(typeof messages)[C]>): Fc3Error {
  const format = messages[code] as (...a: Parameters<(typeof messages)[C]>) => string;
  return new Fc3Error(code, format(...args));
}

/**
 * Any error the pipeline hands FC 3.0 to render, in FC 3.0's terms: its own as they are; another API's ApiError
 * under the same code when FC 3.0 has that code, else InternalServerError.
 */
export function asFc3Error(error: ApiError): Fc3Error {
  if (error instanceof Fc3Error) return error;
  if (!Object.hasOwn(ERROR_STATUS, error.code)) return new Fc3Error("InternalServerError", messages.InternalServerError(), { ...error.headers });
  return new Fc3Error(error.code as ErrorCode, error.message, { ...error.headers });
}

export function errorBody(error: Fc3Error, requestId: string): { Code: string; Message: string; RequestId: string } {
  return { Code: error.code, Message: error.message, RequestId: requestId };
}

/** A problem core code found (see `core/errors.ts`), in FC 3.0's words. */
export function fc3ErrorFor(problem: CoreProblem, headers: Record<string, string> = {}): Fc3Error {
  const error = ((): Fc3Error => {
    switch (problem.kind) {
      case "InvalidArgument":
        return fc3Error("InvalidArgument", problem.message);
      case "PathNotSupported":
        return fc3Error("PathNotSupported", problem.method, problem.path);
      case "EntityTooLarge":
        return fc3Error("EntityTooLarge", problem.maxBytes);
      case "Throttled":
        return fc3Error("ResourceExhausted", problem.detail);
      case "Unavailable":
        return fc3Error("ResourceThrottled", problem.detail);
      case "InternalError":
        return fc3Error("InternalServerError");
    }
  })();
  return Object.keys(headers).length === 0 ? error : new Fc3Error(error.code, error.message, headers);
}
