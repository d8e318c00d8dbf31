import { describe, expect, test } from "vitest";
import { ApiError, NetworkError } from "../../../provider/shared/errors";
import { DEFAULT_RETRY_POLICY, nextRetryDelay, parseRetryAfter, sleep, withRetry, type RetryInput } from "../../../provider/shared/retry";

const http = (status: number, retryAfterMs?: number) =>
  new ApiError({ code: `E${status}`, message: "m", operation: "Op", status, retryAfterMs });
const network = () => new NetworkError({ code: "ECONNRESET", message: "reset", operation: "Op" });

const base: RetryInput = { method: "GET", error: http(503), attempt: 1, elapsedMs: 0, random: 0.5, policy: DEFAULT_RETRY_POLICY };

describe("nextRetryDelay", () => {
  test.each<[string, Partial<RetryInput>, number | undefined]>([
    // full jitter: random × min(cap, base·2^(attempt-1)), base 200 ms, cap 5000 ms
    ["503, first retry", {}, 100],
    ["503, second retry", { attempt: 2 }, 200],
    ["503, third retry", { attempt: 3 }, 400],
    ["jitter 0 waits nothing", { random: 0 }, 0],
    ["jitter close to 1", { random: 0.999, attempt: 3 }, 799],
    ["the cap bounds the exponential", { attempt: 3, policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 10, maxDelayMs: 300 } }, 150],
    ["429 with Retry-After: the service's wait wins", { error: http(429, 2000) }, 2000],
    ["429 without Retry-After", { error: http(429) }, 100],
    ["500", { error: http(500) }, 100],
    ["502", { error: http(502) }, 100],
    ["504", { error: http(504) }, 100],
    ["408", { error: http(408) }, 100],
    ["network error", { error: network() }, 100],
    ["PUT is idempotent", { method: "PUT" }, 100],
    ["DELETE is idempotent", { method: "DELETE" }, 100],
    ["lower-case method", { method: "get" }, 100],
    ["POST is never retried", { method: "POST" }, undefined],
    ["POST network error is never retried", { method: "POST", error: network() }, undefined],
    ["400 is not retried", { error: http(400) }, undefined],
    ["403 is not retried", { error: http(403) }, undefined],
    ["404 is not retried", { error: http(404) }, undefined],
    ["409 is not retried", { error: http(409) }, undefined],
    ["501 is not retried", { error: http(501) }, undefined],
    ["a plain Error is a bug, not a transient failure", { error: new Error("boom") }, undefined],
    ["attempts exhausted", { attempt: 4 }, undefined],
    ["budget: a wait that would cross it", { elapsedMs: 29_950 }, undefined],
    ["budget: a wait that just fits", { elapsedMs: 29_900 }, 100],
    ["budget: a Retry-After beyond it", { error: http(503, 31_000) }, undefined],
  ])("%s", (_name, override, expected) => {
    expect(nextRetryDelay({ ...base, ...override })).toBe(expected);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2024-01-01T00:00:00Z");
  test.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ["3", 3000],
    [" 0 ", 0],
    ["Mon, 01 Jan 2024 00:00:05 GMT", 5000],
    ["Sun, 31 Dec 2023 23:59:00 GMT", 0],
    ["soon", undefined],
    ["-1", undefined],
  ])("%j → %j", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe("withRetry", () => {
  function scripted(outcomes: (unknown | "ok")[]) {
    let n = 0;
    return async () => {
      const outcome = outcomes[n++];
      if (outcome === "ok") return `ok after ${n}`;
      throw outcome;
    };
  }

  function recorder(startMs = 0) {
    let clock = startMs;
    const delays: number[] = [];
    return {
      delays,
      now: () => clock,
      sleep: async (ms: number) => {
        delays.push(ms);
        clock += ms;
      },
    };
  }

  test("records the scheduled delays and returns the eventual success", async () => {
    const r = recorder();
    const result = await withRetry(scripted([http(503), http(429, 1500), network(), "ok"]), {
      method: "GET",
      sleep: r.sleep,
      now: r.now,
      random: () => 0.5,
    });
    expect(result).toBe("ok after 4");
    expect(r.delays).toEqual([100, 1500, 400]);
  });

  test("gives up after maxAttempts and rethrows the last error", async () => {
    const r = recorder();
    const last = http(503);
    await expect(
      withRetry(scripted([http(503), http(503), http(503), last, "ok"]), { method: "GET", sleep: r.sleep, now: r.now, random: () => 1 }),
    ).rejects.toBe(last);
    expect(r.delays).toEqual([200, 400, 800]);
  });

  test("gives up when the time budget is spent, counting time spent in attempts", async () => {
    let clock = 0;
    const delays: number[] = [];
    const attempt = async () => {
      clock += 9_000; // each attempt takes 9 s before failing
      throw http(503);
    };
    await expect(
      withRetry(attempt, {
        method: "PUT",
        policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 10, budgetMs: 20_000 },
        sleep: async (ms) => {
          delays.push(ms);
          clock += ms;
        },
        now: () => clock,
        random: () => 0.5,
      }),
    ).rejects.toMatchObject({ status: 503 });
    // 9000 + 100 → attempt 2 ends at 18100; 18100 + 200 fits; attempt 3 ends at 27300: over budget.
    expect(delays).toEqual([100, 200]);
  });

  test("POST is attempted once", async () => {
    const r = recorder();
    await expect(withRetry(scripted([http(503), "ok"]), { method: "POST", sleep: r.sleep, now: r.now })).rejects.toMatchObject({ status: 503 });
    expect(r.delays).toEqual([]);
  });

  test("an aborted signal stops before the first attempt", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    let attempts = 0;
    await expect(
      withRetry(async () => ++attempts, { method: "GET", signal: controller.signal }),
    ).rejects.toThrow("cancelled");
    expect(attempts).toBe(0);
  });

  test("aborting during the backoff rejects at once and clears the timer", async () => {
    const controller = new AbortController();
    let attempts = 0;
    const pending = withRetry(
      async () => {
        attempts++;
        throw http(503, 20_000);
      },
      { method: "GET", signal: controller.signal },
    );
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    expect(attempts).toBe(1);
  });
});

describe("sleep", () => {
  test("resolves after the delay", async () => {
    const started = performance.now();
    await sleep(5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(4);
  });

  test("an already aborted signal rejects with its reason", async () => {
    await expect(sleep(10_000, AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
  });

  test("abort clears the pending timer", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    expect(timers()).toBe(before + 1);
    controller.abort(new Error("cancelled"));
    await expect(pending).rejects.toThrow("cancelled");
    // A live 60 s timer would still be listed, keeping the process alive.
    expect(timers()).toBe(before);
  });
});
