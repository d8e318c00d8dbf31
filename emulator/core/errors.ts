/**
 * Errors, API-neutral. Each API folder has its own catalogue (codes, statuses, wording, body shape);
 * core code never names a cloud code. It says what went wrong in its own terms — a `CoreProblem` — and
 * the API that owns the request words it (`ApiModule.error`). Errors an API's handlers throw are
 * `ApiError`s already and are rendered as they are by that API.
 */

/** An error in one API's own words: its code, HTTP status and message. Each API's catalogue subclasses it. */
export class ApiError extends Error {
  /** The API whose catalogue this error comes from (`ApiModule.name`). */
  readonly api: string;
  readonly code: string;
  readonly status: number;
  /** Extra response headers, e.g. `Retry-After` on an injected 429. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(api: string, code: string, status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "ApiError";
    this.api = api;
    this.code = code;
    this.status = status;
    this.headers = headers;
  }
}

/** What core code can find wrong with a request, before or around an API's handler. */
export type CoreProblem =
  /** A value the request (or the control surface's caller) sent is not acceptable; `message` names the field. */
  | { kind: "InvalidArgument"; message: string }
  /** No operation answers this method and path. */
  | { kind: "PathNotSupported"; method: string; path: string }
  /** The body is larger than the emulator takes. */
  | { kind: "EntityTooLarge"; maxBytes: number }
  /** A 429 (the fault injector's). */
  | { kind: "Throttled"; detail: string }
  /** A 503 (the fault injector's). */
  | { kind: "Unavailable"; detail: string }
  /** A 500: an injected fault, or an emulator bug (logged with its request id). */
  | { kind: "InternalError" };

/** A `CoreProblem` thrown; the pipeline has the owning API word it. */
export class CoreError extends Error {
  readonly problem: CoreProblem;
  readonly headers: Readonly<Record<string, string>>;

  constructor(problem: CoreProblem, headers: Record<string, string> = {}) {
    super(problem.kind === "InvalidArgument" ? problem.message : problem.kind);
    this.name = "CoreError";
    this.problem = problem;
    this.headers = headers;
  }
}

export function invalidArgument(message: string): CoreError {
  return new CoreError({ kind: "InvalidArgument", message });
}

/** An unexpected error as the emulator logs it: its stack when it has one. Callers add ids beside it, never a header, a signature or a body. */
export function describeUnexpected(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
