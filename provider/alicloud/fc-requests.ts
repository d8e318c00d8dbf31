// What the Function Compute 2.0 and 3.0 clients share on their side of the wire: the shape of one request, the
// filters of a task listing, and the name checks that turn an odd path part into a clear error instead of a 403.

/** One call as a client describes it before it is addressed and signed. */
export interface RequestSpec {
  readonly operation: string;
  readonly method: "GET" | "PUT" | "DELETE" | "POST";
  /** Path segments after the version prefix, unencoded. */
  readonly segments: readonly string[];
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: Buffer;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The paging and filters both task listings (ListStatefulAsyncInvocations, ListAsyncTasks) take. */
export interface TaskListFilters {
  /** 1–100; the service's default is 20. */
  readonly limit?: number | undefined;
  readonly nextToken?: string | undefined;
  /** Only tasks in this status (the API's own list). */
  readonly status?: string | undefined;
  /** Only tasks started at or after this time, ms since the epoch. */
  readonly startedTimeBegin?: number | undefined;
  /** Only tasks started at or before this time, ms since the epoch (inclusive, like the emulator). */
  readonly startedTimeEnd?: number | undefined;
  /** By start time; the service's default order applies when omitted. */
  readonly sortOrderByTime?: "asc" | "desc" | undefined;
  /** Include each task's payload. Default false. */
  readonly includePayload?: boolean | undefined;
}

/** What both invoke calls take besides the function's address and the task id. */
export interface InvokeOptions {
  /** The event; strings are sent as UTF-8. */
  readonly payload?: string | Buffer | undefined;
  /** `Sync` (default) waits for the result; `Async` queues the event and returns 202. */
  readonly invocationType?: "Sync" | "Async" | undefined;
}

/** What both invoke calls answer besides the task id. */
export interface InvokeOutcome {
  readonly status: number;
  readonly requestId: string | undefined;
  /** Set when a synchronous invocation ended in a function error (`x-fc-error-type`, e.g. `UnhandledInvocationError`). */
  readonly functionError: string | undefined;
  /** The function's response for synchronous calls; empty for asynchronous ones. */
  readonly payload: Buffer;
}

/** The `InvokeOutcome` of an invoke response (both APIs name the headers alike). */
export function invokeOutcome(response: { status: number; headers: Readonly<Record<string, string>>; body: Buffer }): InvokeOutcome {
  return { status: response.status, requestId: response.headers["x-fc-request-id"], functionError: response.headers["x-fc-error-type"], payload: response.body };
}

/** `name` if `pattern` takes it; else a TypeError naming `what` and the rule. */
export function checkName(pattern: RegExp, name: string, what: string): string {
  if (!pattern.test(name)) throw new TypeError(`${what} must start with a letter or '_' and contain only letters, digits, '_' and '-' (1-128); got ${JSON.stringify(name)}`);
  return name;
}

/** `qualifier` if `pattern` takes it; else a TypeError saying what a qualifier may be. */
export function checkQualifier(pattern: RegExp, qualifier: string): string {
  if (!pattern.test(qualifier)) throw new TypeError(`qualifier must be LATEST, a version number or an alias name; got ${JSON.stringify(qualifier)}`);
  return qualifier;
}
