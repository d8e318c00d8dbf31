// The control surface: seeded, repeatable faults (429/500/503, resets, latency, per-operation filter and a
// limit), request counts per operation, and reset — observed through the official SDKs.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Emulator } from "../../../../emulator";
import { $FcOpen, failure, fc2For, fcOpenFor, startEmulator, type Fc2Client } from "../../../support/emulator";

let fc: Emulator;
let fc2: Fc2Client;

beforeAll(async () => {
  fc = await startEmulator();
  fc2 = fc2For(fc);
});
afterAll(() => fc.close());
beforeEach(async () => {
  await fc.control.reset();
  await fc2.createService("svc");
  await fc.control.resetRequestCounts();
});

/** What each of `n` GetService calls came back as: "ok" or the error code. */
async function outcomes(n: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      await fc2.getService("svc");
      seen.push("ok");
    } catch (error) {
      seen.push(String((error as { code?: unknown }).code));
    }
  }
  return seen;
}

describe("faults", () => {
  test("the same seed replays the same sequence of faults", async () => {
    const config = { seed: 42, rates: { "429": 0.3, "500": 0.2, "503": 0.1 }, operations: ["GetService"] };
    await fc.control.setFaults(config);
    const first = await outcomes(30);
    const { stats } = await fc.control.faults();
    await fc.control.setFaults(config);
    const second = await outcomes(30);
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set(["ok", "ResourceExhausted", "InternalServerError", "ResourceThrottled"]));
    expect(stats.matched).toBe(30);
    expect(stats.injected["429"]).toBe(first.filter((o) => o === "ResourceExhausted").length);
    expect(stats.injected["500"]).toBe(first.filter((o) => o === "InternalServerError").length);
    expect(stats.injected["503"]).toBe(first.filter((o) => o === "ResourceThrottled").length);
  });

  test("injected errors carry the cloud's codes and statuses, and Retry-After when asked", async () => {
    await fc.control.setFaults({ rates: { "429": 1 }, retryAfterSeconds: 2, limit: 1 });
    const open = fcOpenFor(fc);
    try {
      await open.listServices(new $FcOpen.ListServicesRequest({}));
      expect.unreachable("the first call must be faulted");
    } catch (error) {
      const e = error as { statusCode: number; data: { ErrorCode: string } };
      expect([e.statusCode, e.data.ErrorCode]).toEqual([429, "ResourceExhausted"]);
    }
    // The limit is spent: the next call goes through.
    expect((await open.listServices(new $FcOpen.ListServicesRequest({}))).statusCode).toBe(200);

    await fc.control.setFaults({ rates: { "503": 1 }, retryAfterSeconds: 2 });
    const response = await fetch(`${fc.url}/2016-08-15/services`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(await response.json()).toEqual({ ErrorCode: "ResourceThrottled", ErrorMessage: "Resources throttled: fault injected by the emulator" });

    await fc.control.setFaults({ rates: { "500": 1 } });
    expect(await failure(fc2.getService("svc"))).toEqual({
      code: "InternalServerError",
      status: 500,
      message: "an internal error has occurred. Please retry.",
    });
  });

  test("a reset drops the connection without an answer", async () => {
    await fc.control.setFaults({ rates: { reset: 1 }, limit: 1 });
    await expect(fc2.getService("svc")).rejects.toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|EPIPE)$/) });
    expect((await fc2.getService("svc")).data["serviceName"]).toBe("svc");
  });

  test("only the listed operations are faulted, and never the control surface", async () => {
    await fc.control.setFaults({ rates: { "500": 1 }, operations: ["PutFunctionAsyncInvokeConfig"] });
    expect((await fc2.getService("svc")).data["serviceName"]).toBe("svc");
    await fc.control.setFaults({ rates: { "500": 1 } });
    expect((await fc.control.health()).status).toBe("ok");
    await fc.control.clearFaults();
    expect((await fc2.getService("svc")).data["serviceName"]).toBe("svc");
  });

  test("latency delays the answer by at least the configured time", async () => {
    await fc.control.setFaults({ latencyMs: 40, operations: ["GetService"] });
    const started = performance.now();
    await fc2.getService("svc");
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
  });

  test("a bad fault configuration is refused and names the problem", async () => {
    await expect(fc.control.setFaults({ rates: { "429": 0.7, "500": 0.7 } })).rejects.toThrow("the rates add up to more than 1");
    await expect(fc.control.setFaults({ operations: ["NoSuchOperation"] })).rejects.toThrow(
      "operations NoSuchOperation are not operations the emulator answers",
    );
  });
});

describe("request counts", () => {
  test("count every routed request by operation, failed ones included, and reset", async () => {
    await fc2.getService("svc");
    await fc2.getService("svc");
    await failure(fc2.getService("missing"));
    await fc2.putFunctionAsyncConfig("svc", "fn", undefined, {}).catch(() => undefined);
    await fcOpenFor(fc).listServices(new $FcOpen.ListServicesRequest({}));
    expect(await fc.control.requestCounts()).toEqual({ GetService: 3, ListServices: 1, PutFunctionAsyncInvokeConfig: 1 });
    await fc.control.resetRequestCounts();
    expect(await fc.control.requestCounts()).toEqual({});
  });
});

describe("reset", () => {
  test("forgets every resource, count and fault", async () => {
    await fc.control.setFaults({ latencyMs: 1 });
    await fc.control.reset();
    expect((await fc2.listServices()).data).toEqual({ services: [], nextToken: "" });
    expect(await fc.control.requestCounts()).toEqual({ ListServices: 1 });
    expect((await fc.control.faults()).config).toBeNull();
  });
});
