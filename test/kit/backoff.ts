// A client's retry clock for tests: every backoff recorded in `delays` and never slept, the monotonic clock moved by
// exactly those waits, and a fixed jitter, so a test can assert the exact waits a retry policy chose.

/** `sleep`, `monotonicNow` and `random` for a client's options; `delays` receives each wait, in order. */
export function recordedBackoff(delays: number[] = []): { sleep: (ms: number) => Promise<void>; monotonicNow: () => number; random: () => number } {
  let clock = 0;
  return {
    sleep: async (ms) => {
      delays.push(ms);
      clock += ms;
    },
    monotonicNow: () => clock,
    random: () => 0.5,
  };
}
