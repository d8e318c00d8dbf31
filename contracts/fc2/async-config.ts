// The settings of an async invoke config: their ranges and the defaults the service applies when a config (or a
// field of it) is absent.
//
// `maxAsyncEventAgeInSeconds`: the API's response tables and the Terraform provider bound it at 2592000; its
// request table says 604800. The wider bound is the contract, for provider and emulator alike.

/** A whole-number setting: its inclusive bounds and the service's default. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** How often a function error is retried: 0–8, default 3; `0` disables retries. */
export const MAX_ASYNC_RETRY_ATTEMPTS = { min: 0, max: 8, default: 3 } as const satisfies IntRange;
/** How long an event may wait, retries included, in seconds: 1–2592000 (30 days), default 86400 (one day). */
export const MAX_ASYNC_EVENT_AGE_IN_SECONDS = { min: 1, max: 2_592_000, default: 86_400 } as const satisfies IntRange;
/** Whether async invocations run as stateful tasks, when the config does not say. */
export const STATEFUL_INVOCATION_DEFAULT = false;

/** The service's defaults for a qualifier with no config, or a config that leaves a field out. */
export const ASYNC_CONFIG_DEFAULTS = {
  maxAsyncRetryAttempts: MAX_ASYNC_RETRY_ATTEMPTS.default,
  maxAsyncEventAgeInSeconds: MAX_ASYNC_EVENT_AGE_IN_SECONDS.default,
  statefulInvocation: STATEFUL_INVOCATION_DEFAULT,
} as const;

/** `an integer from {min} to {max}`: a range in words. */
export function rangeRule(range: IntRange): string {
  return `an integer from ${range.min} to ${range.max}`;
}
