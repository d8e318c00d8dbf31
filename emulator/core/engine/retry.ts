/** When the engine tries again. */

export interface RetrySchedule {
  /**
   * Delay before retry n (1-based) after a function error. The clouds do not document it; ours is
   * the throttling schedule (0.5 s, 1 s, 2 s …) so that local runs finish quickly and stay in order.
   */
  functionErrorDelayMs(retry: number): number;
  /** Delay before retry n after throttling: binary exponential backoff from 0.5 s (FC's). */
  throttleDelayMs(retry: number): number;
  /** How long throttled events are retried before they fail: FC's 5 hours. */
  throttleBudgetMs: number;
}

const doublingFromHalfSecond = (retry: number): number => 500 * 2 ** (retry - 1);

export const DEFAULT_RETRY_SCHEDULE: Readonly<RetrySchedule> = {
  functionErrorDelayMs: doublingFromHalfSecond,
  throttleDelayMs: doublingFromHalfSecond,
  throttleBudgetMs: 5 * 3600 * 1000,
};
