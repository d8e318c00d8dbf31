/**
 * The retry policy every cloud client of this package uses (FC 2.0, FC 3.0, FunctionGraph): one options type,
 * `RetryPolicy`, one loop, `withRetry`.
 *
 * What is retried: idempotent methods (GET, PUT, DELETE, ...) that ended in throttling (429, or a code listed in
 * `retryCodes`), a 5xx from `retryStatuses`, or no response at all (connection refused or reset, per-attempt
 * timeout). A 4xx that cannot succeed later (400, 403, 404, 409 other than a listed code) fails at once. POST is
 * never repeated: an invocation could run twice.
 *
 * How long: exponential backoff with *full* jitter (a random delay in [0, min(cap, base·2^n)]), which spreads the
 * retries of many clients hit by the same throttling burst; a `Retry-After` from the service wins over the computed
 * delay. A time budget of minutes bounds the whole call, like the Terraform providers' five minutes for throttled
 * calls: infrastructure tools wait throttling out rather than fail a deployment half-way. The budget is set per
 * stack (`pulumi-async-invoke:retryBudgetSeconds`) or per environment (`PULUMI_ASYNC_INVOKE_RETRY_BUDGET_SECONDS`),
 * see `retryPolicyFromSettings`. A call that has been retrying for `progressAfterMs` reports it (`onProgress`), so
 * a long wait on a throttled account is visible instead of looking like a hang.
 *
 * `nextRetryDelay` is a pure function (clock and randomness are arguments), so tests assert the exact delays a
 * policy schedules instead of sleeping. `withRetry` is the loop around it; its `sleep` is injectable and a
 * cancelled `AbortSignal` clears the pending timer at once.
 */
import { z } from "zod";
import { isApiError } from "./errors";

/** The one options type of the retry policy; clients take `Partial<RetryPolicy>` overrides of `DEFAULT_RETRY_POLICY`. */
export interface RetryPolicy {
  /** Total attempts including the first. Default 100: the time budget, not the count, normally ends the retries. */
  readonly maxAttempts: number;
  /** Backoff base: the cap of the first retry's delay, in ms. Default 200. */
  readonly baseDelayMs: number;
  /** Upper bound of any single computed delay, in ms. Default 20000. */
  readonly maxDelayMs: number;
  /** Total time from the first attempt's start after which no retry is scheduled, in ms. Default 300000 (5 min). */
  readonly budgetMs: number;
  /** HTTP statuses worth retrying. Default 408, 429, 500, 502, 503, 504. */
  readonly retryStatuses: readonly number[];
  /** Service error codes worth retrying whatever their status (a busy resource, throttling sent as a 4xx). */
  readonly retryCodes: readonly string[];
  /** HTTP methods that are safe to repeat. Default GET, HEAD, PUT, DELETE, OPTIONS. */
  readonly idempotentMethods: readonly string[];
  /** After this long in retries (ms), each further retry is reported through `onProgress`. Default 10000. */
  readonly progressAfterMs: number;
}

/** The policy every cloud call uses unless told otherwise (the defaults documented on `RetryPolicy`). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 100,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  budgetMs: 300_000,
  retryStatuses: Object.freeze([408, 429, 500, 502, 503, 504]),
  // FC: ConcurrentUpdateError (409, a config being written by another request); FC 3.0 and FunctionGraph spell
  // throttling in their codes too.
  retryCodes: Object.freeze(["ConcurrentUpdateError", "Throttling", "ResourceThrottled", "ResourceExhausted", "FSS.0429"]),
  idempotentMethods: Object.freeze(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]),
  progressAfterMs: 10_000,
});

/** Stack config key and environment variable of the retry budget, in whole seconds (0 turns retries off). */
export const RETRY_BUDGET_CONFIG_KEY = "pulumi-async-invoke:retryBudgetSeconds";
export const RETRY_BUDGET_ENV = "PULUMI_ASYNC_INVOKE_RETRY_BUDGET_SECONDS";
/** The largest budget accepted: an hour. */
export const MAX_RETRY_BUDGET_SECONDS = 3600;

const BudgetSecondsSchema = z.coerce.number().int().min(0).max(MAX_RETRY_BUDGET_SECONDS);

/**
 * The policy overrides a stack asks for: `pulumi-async-invoke:retryBudgetSeconds` in stack config, else
 * `PULUMI_ASYNC_INVOKE_RETRY_BUDGET_SECONDS` in the environment, else none (the default five minutes).
 * A bad value throws, naming the setting and the allowed range.
 */
export function retryPolicyFromSettings(
  config: { get(key: string): string | undefined } | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Partial<RetryPolicy> {
  const fromConfig = config?.get(RETRY_BUDGET_CONFIG_KEY)?.trim();
  const fromEnv = env[RETRY_BUDGET_ENV]?.trim();
  const [source, raw] = fromConfig ? [RETRY_BUDGET_CONFIG_KEY, fromConfig] : fromEnv ? [RETRY_BUDGET_ENV, fromEnv] : [undefined, undefined];
  if (source === undefined || raw === undefined) return {};
  const parsed = BudgetSecondsSchema.safeParse(raw);
  if (!parsed.success || !/^\d+$/.test(raw)) {
    throw new RangeError(`${source} must be a whole number of seconds from 0 to ${MAX_RETRY_BUDGET_SECONDS} (0 turns retries off); got ${JSON.stringify(raw)}`);
  }
  return parsed.data === 0 ? { budgetMs: 0, maxAttempts: 1 } : { budgetMs: parsed.data * 1000 };
}

/** What `nextRetryDelay` decides from. */
export interface RetryInput {
  readonly method: string;
  /** The error the attempt ended with. */
  readonly error: unknown;
  /** Attempts made so far, counting the one that just failed (1 after the first). */
  readonly attempt: number;
  /** Time since the first attempt started, in ms. */
  readonly elapsedMs: number;
  /** A number in [0, 1): `Math.random` in production, fixed in tests. */
  readonly random: number;
  readonly policy: RetryPolicy;
}

/** The delay before the next attempt in ms, or `undefined` to give up and surface the error. */
export function nextRetryDelay(input: RetryInput): number | undefined {
  const { policy, error } = input;
  if (!policy.idempotentMethods.includes(input.method.toUpperCase())) return undefined;
  if (input.attempt >= policy.maxAttempts) return undefined;
  if (!isApiError(error)) return undefined;
  // No status means no response (connection refused/reset, timeout): always worth another try for idempotent calls.
  const retryable = error.status === undefined || policy.retryStatuses.includes(error.status) || policy.retryCodes.includes(error.code);
  if (!retryable) return undefined;

  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (input.attempt - 1));
  const delay = error.retryAfterMs ?? Math.floor(input.random * ceiling);
  // A retry whose wait alone would cross the budget cannot finish inside it.
  if (input.elapsedMs + delay > policy.budgetMs) return undefined;
  return delay;
}

/**
 * Parses a `Retry-After` header: delta-seconds or an HTTP date. Returns ms from `nowMs`, never negative;
 * `undefined` when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only an IMF-fixdate ("Wed, 21 Oct 2015 07:28:00 GMT"): Date.parse would also take "-1" as a year.
  if (!/^[A-Za-z]{3}, /.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Waits `ms`; injectable so tests record delays instead of sleeping. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** `setTimeout` as a promise; an abort rejects with the signal's reason and clears the timer. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** How `withRetry` runs one call: its method (only idempotent ones repeat), policy, abort signal and clock. */
export interface RetryOptions {
  readonly method: string;
  readonly policy?: RetryPolicy;
  readonly signal?: AbortSignal | undefined;
  readonly sleep?: Sleep;
  /** Monotonic clock in ms. Default `performance.now`. */
  readonly now?: () => number;
  readonly random?: () => number;
  /** Called before each wait, e.g. to log or record the schedule. */
  readonly onRetry?: (info: RetryInfo) => void;
  /** Called before each wait once the call has been retrying for `policy.progressAfterMs`: tell the user. */
  readonly onProgress?: (info: RetryInfo) => void;
}

/** One scheduled retry: the attempt that failed, its error, the wait before the next and the time spent so far. */
export interface RetryInfo {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
  readonly elapsedMs: number;
  readonly budgetMs: number;
}

/** Runs `attempt` until it succeeds or `nextRetryDelay` gives up; the last error is rethrown. */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const now = options.now ?? (() => performance.now());
  const random = options.random ?? Math.random;
  const wait = options.sleep ?? sleep;
  const started = now();
  for (let n = 1; ; n++) {
    options.signal?.throwIfAborted();
    try {
      return await attempt(n);
    } catch (error) {
      // A caller's cancellation is final, whatever the attempt reported.
      if (options.signal?.aborted) throw error;
      const elapsedMs = now() - started;
      const delayMs = nextRetryDelay({ method: options.method, error, attempt: n, elapsedMs, random: random(), policy });
      if (delayMs === undefined) throw error;
      const info: RetryInfo = { attempt: n, delayMs, error, elapsedMs, budgetMs: policy.budgetMs };
      options.onRetry?.(info);
      if (elapsedMs >= policy.progressAfterMs) options.onProgress?.(info);
      await wait(delayMs, options.signal);
    }
  }
}
