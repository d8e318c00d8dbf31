import { describe, expect, test } from "vitest";
import { ApiError, NetworkError } from "../../../provider/shared/errors";
import { describeProgress } from "../../../provider/shared/progress";
import {
  DEFAULT_RETRY_POLICY,
  nextRetryDelay,
  parseRetryAfter,
  retryPolicyFromSettings,
  sleep,
  withRetry,
  type RetryInfo,
  type RetryInput,
} from "../../../provider/shared/retry";

const http = (status: number, retryAfterMs?: number) =>
  new ApiError({ code: `E${status}`, message: "m", operation: "Op", status, retryAfterMs });
const network = () => new NetworkError({ code: "ECONNRESET", message: "reset", operation: "Op" });

const base: RetryInput = { method: "GET", error: http(503), attempt: 1, elapsedMs: 0, random: 0.5, policy: DEFAULT_RETRY_POLICY };

describe("nextRetryDelay", () => {
  test.each<[string, Partial<RetryInput>, number | undefined]>([
    // full jitter: random × min(cap, base·2^(attempt-1)), base 200 ms, cap 20000 ms
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
    ["409 ConcurrentUpdateError is retried: the other write ends", { error: new ApiError({ code: "ConcurrentUpdateError", message: "m", operation: "Op", status: 409 }) }, 100],
    ["400 InvalidArgument is not retried", { error: new ApiError({ code: "InvalidArgument", message: "m", operation: "Op", status: 400 }) }, undefined],
    ["403 InvalidAccessKeyId is not retried", { error: new ApiError({ code: "InvalidAccessKeyId", message: "m", operation: "Op", status: 403 }) }, undefined],
    ["the cap: attempt 20 waits at most 20 s", { attempt: 20, random: 0.5 }, 10_000],
    ["501 is not retried", { error: http(501) }, undefined],
    ["a plain Error is a bug, not a transient failure", { error: new Error("boom") }, undefined],
    ["attempts exhausted", { attempt: 100 }, undefined],
    ["attempts not exhausted at 99", { attempt: 99, random: 0 }, 0],
    ["budget (5 min): a wait that would cross it", { elapsedMs: 299_950 }, undefined],
    ["budget (5 min): a wait that just fits", { elapsedMs: 299_900 }, 100],
    ["budget (5 min): a Retry-After beyond it", { error: http(503, 301_000) }, undefined],
    ["budget (5 min): a Retry-After of a minute fits", { error: http(429, 60_000), elapsedMs: 120_000 }, 60_000],
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
      withRetry(scripted([http(503), http(503), http(503), last, "ok"]), {
        method: "GET",
        policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 4 },
        sleep: r.sleep,
        now: r.now,
        random: () => 1,
      }),
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

  test("a throttling storm of two minutes is waited out under the default budget", async () => {
    const r = recorder();
    const attempt = async () => {
      // The account is throttled for the first 120 s of (recorded) time.
      if (r.now() < 120_000) throw http(429);
      return "done";
    };
    const progress: RetryInfo[] = [];
    const result = await withRetry(attempt, { method: "PUT", sleep: r.sleep, now: r.now, random: () => 0.9, onProgress: (i) => progress.push(i) });
    expect(result).toBe("done");
    // 0.9 × 200·2^n capped at 20 s: 180, 360, 720, 1440, 2880, 5760, 11520, 18000 × 6 = 130860 ms in total.
    expect(r.delays).toEqual([180, 360, 720, 1440, 2880, 5760, 11520, 18000, 18000, 18000, 18000, 18000, 18000]);
    // Progress starts once 10 s have passed: from the seventh retry, scheduled at 11340 ms elapsed.
    expect(progress.map((p) => p.elapsedMs)).toEqual([11_340, 22_860, 40_860, 58_860, 76_860, 94_860, 112_860]);
    expect(progress[0]).toMatchObject({ attempt: 7, delayMs: 11_520, budgetMs: 300_000 });
  });

  test("a storm longer than the budget ends with the last throttling error", async () => {
    const r = recorder();
    await expect(
      withRetry(async () => Promise.reject(http(503)), { method: "GET", policy: { ...DEFAULT_RETRY_POLICY, budgetMs: 60_000 }, sleep: r.sleep, now: r.now, random: () => 1 }),
    ).rejects.toMatchObject({ status: 503 });
    expect(r.delays.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
    expect(r.delays).toEqual([200, 400, 800, 1600, 3200, 6400, 12_800, 20_000]);
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

describe("retryPolicyFromSettings", () => {
  const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

  test.each<[string, Record<string, string>, Record<string, string>, Record<string, number>]>([
    ["nothing set: the defaults", {}, {}, {}],
    ["stack config", { "pulumi-async-invoke:retryBudgetSeconds": "600" }, {}, { budgetMs: 600_000 }],
    ["environment", {}, { PULUMI_ASYNC_INVOKE_RETRY_BUDGET_SECONDS: "45" }, { budgetMs: 45_000 }],
    ["stack config wins over the environment", { "pulumi-async-invoke:retryBudgetSeconds": "30" }, { PULUMI_ASYNC_INVOKE_RETRY_BUDGET_SECONDS: "45" }, { budgetMs: 30_000 }],
    ["0 turns retries off", { "pulumi-async-invoke:retryBudgetSeconds": "0" }, {}, { budgetMs: 0, maxAttempts: 1 }],
    ["the upper bound, an hour", {}, { PULUMI_ASYNC_INVOKE_RETRY_BUDGET_SECONDS: "3600" }, { budgetMs: 3_600_000 }],
  ])("%s", (_name, values, env, expected) => {
    expect(retryPolicyFromSettings(config(values), env)).toEqual(expected);
  });

  test.each([["-1"], ["1.5"], ["3601"], ["5m"], ["1e3"]])("refuses %j naming the setting and the range", (value) => {
    expect(() => retryPolicyFromSettings(config({ "pulumi-async-invoke:retryBudgetSeconds": value }), {})).toThrow(
      `pulumi-async-invoke:retryBudgetSeconds must be a whole number of seconds from 0 to 3600 (0 turns retries off); got ${JSON.stringify(value)}`,
    );
  });
});

describe("describeProgress", () => {
  test("names the operation, the target, the cause and the way to change the budget", () => {
    const line = describeProgress("PutFunctionAsyncInvokeConfig", "services/shop.LATEST/functions/orders/async-invoke-config", {
      attempt: 7,
      delayMs: 14_400,
      elapsedMs: 12_300,
      budgetMs: 300_000,
      error: new ApiError({ code: "ResourceExhausted", message: "m", operation: "PutFunctionAsyncInvokeConfig", status: 429 }),
    });
    expect(line).toBe(
      "pulumi-async-invoke: PutFunctionAsyncInvokeConfig services/shop.LATEST/functions/orders/async-invoke-config: still retrying after 12 s " +
        "(HTTP 429 ResourceExhausted, attempt 7); next try in 14 s, giving up after 300 s (set pulumi-async-invoke:retryBudgetSeconds to change)",
    );
  });

  test("a reset has no status", () => {
    expect(describeProgress("GetFunctionAsyncInvokeConfig", "x", { attempt: 2, delayMs: 500, elapsedMs: 10_000, budgetMs: 60_000, error: network() })).toContain(
      "(no response ECONNRESET, attempt 2)",
    );
  });
});
