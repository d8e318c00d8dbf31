/**
 * Retry policy for idempotent API calls.
 *
 * `nextRetryDelay` is a pure function (clock and randomness are arguments), so tests assert the exact delays a
 * policy schedules instead of sleeping. `withRetry` is the loop around it; its `sleep` is injectable and a
 * cancelled `AbortSignal` clears the pending timer at once.
 *
 * Defaults follow what ky and the AWS SDKs settled on: exponential backoff with *full* jitter (a random delay in
 * [0, min(cap, base·2^n)]), which spreads the retries of many clients hit by the same throttling burst; a
 * `Retry-After` from the service wins over the computed delay; both an attempt count and a total time budget
 * bound the work, so a Pulumi operation never hangs for hours on a sick endpoint.
 */
import { isApiError } from "./errors";

/** What is retried, how often, and for how long. */
export interface RetryPolicy {
  /** Total attempts including the first. Default 4. */
  readonly maxAttempts: number;
  /** Backoff base: the cap of the first retry's delay, in ms. Default 200. */
  readonly baseDelayMs: number;
  /** Upper bound of any single computed delay, in ms. Default 5000. */
  readonly maxDelayMs: number;
  /** Total time from the first attempt's start after which no retry is scheduled, in ms. Default 30000. */
  readonly budgetMs: number;
  /** HTTP statuses worth retrying. Default 408, 429, 500, 502, 503, 504. */
  readonly retryStatuses: readonly number[];
  /** HTTP methods that are safe to repeat. Default GET, HEAD, PUT, DELETE, OPTIONS. */
  readonly idempotentMethods: readonly string[];
}

/** The policy every cloud call uses unless told otherwise (the defaults documented on `RetryPolicy`). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  budgetMs: 30_000,
  retryStatuses: Object.freeze([408, 429, 500, 502, 503, 504]),
  idempotentMethods: Object.freeze(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]),
});

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
  if (error.status !== undefined && !policy.retryStatuses.includes(error.status)) return undefined;

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
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
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
      const delayMs = nextRetryDelay({
        method: options.method,
        error,
        attempt: n,
        elapsedMs: now() - started,
        random: random(),
        policy,
      });
      if (delayMs === undefined) throw error;
      options.onRetry?.({ attempt: n, delayMs, error });
      await wait(delayMs, options.signal);
    }
  }
}
