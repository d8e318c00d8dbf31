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
