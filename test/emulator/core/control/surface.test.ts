// The control surface: seeded, repeatable faults (429/500/503, resets, latency, per-operation filter and a
// limit), request counts per operation, and reset — observed through the official SDKs.
import { beforeEach, describe, expect, test } from "vitest";
import { failure, $FcOpen, fcOpenFor, useEmulator } from "../../../kit/emulator";

const t = useEmulator();

beforeEach(async () => {
  await t.fc2.createService("svc");
  await t.fc.control.resetRequestCounts();
});

/** What each of `n` GetService calls came back as: "ok" or the error code. */
async function outcomes(n: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      await t.fc2.getService("svc");
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
    await t.fc.control.setFaults(config);
    const first = await outcomes(30);
    const { stats } = await t.fc.control.faults();
    await t.fc.control.setFaults(config);
    const second = await outcomes(30);
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set(["ok", "ResourceExhausted", "InternalServerError", "ResourceThrottled"]));
    expect(stats.matched).toBe(30);
    expect(stats.injected["429"]).toBe(first.filter((o) => o === "ResourceExhausted").length);
    expect(stats.injected["500"]).toBe(first.filter((o) => o === "InternalServerError").length);
    expect(stats.injected["503"]).toBe(first.filter((o) => o === "ResourceThrottled").length);
  });

  test("injected errors carry the cloud's codes and statuses, and Retry-After when asked", async () => {
    await t.fc.control.setFaults({ rates: { "429": 1 }, retryAfterSeconds: 2, limit: 1 });
    const open = fcOpenFor(t.fc);
    try {
      await open.listServices(new $FcOpen.ListServicesRequest({}));
      expect.unreachable("the first call must be faulted");
    } catch (error) {
      const e = error as { statusCode: number; data: { ErrorCode: string } };
      expect([e.statusCode, e.data.ErrorCode]).toEqual([429, "ResourceExhausted"]);
    }
    // The limit is spent: the next call goes through.
    expect((await open.listServices(new $FcOpen.ListServicesRequest({}))).statusCode).toBe(200);

    await t.fc.control.setFaults({ rates: { "503": 1 }, retryAfterSeconds: 2 });
    const response = await fetch(`${t.fc.url}/2016-08-15/services`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(await response.json()).toEqual({ ErrorCode: "ResourceThrottled", ErrorMessage: "Resources throttled: fault injected by the emulator" });

    await t.fc.control.setFaults({ rates: { "500": 1 } });
    expect(await failure(t.fc2.getService("svc"))).toEqual({
      code: "InternalServerError",
      status: 500,
      message: "an internal error has occurred. Please retry.",
    });
  });

  test("a reset drops the connection without an answer", async () => {
    await t.fc.control.setFaults({ rates: { reset: 1 }, limit: 1 });
    await expect(t.fc2.getService("svc")).rejects.toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|EPIPE)$/) });
    expect((await t.fc2.getService("svc")).data["serviceName"]).toBe("svc");
  });

  test("only the listed operations are faulted, and never the control surface", async () => {
    await t.fc.control.setFaults({ rates: { "500": 1 }, operations: ["PutFunctionAsyncInvokeConfig"] });
    expect((await t.fc2.getService("svc")).data["serviceName"]).toBe("svc");
    await t.fc.control.setFaults({ rates: { "500": 1 } });
    expect((await t.fc.control.health()).status).toBe("ok");
    await t.fc.control.clearFaults();
    expect((await t.fc2.getService("svc")).data["serviceName"]).toBe("svc");
  });

  test("latency delays the answer by at least the configured time", async () => {
    await t.fc.control.setFaults({ latencyMs: 40, operations: ["GetService"] });
    const started = performance.now();
    await t.fc2.getService("svc");
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
  });

  test("a bad fault configuration is refused and names the problem", async () => {
    await expect(t.fc.control.setFaults({ rates: { "429": 0.7, "500": 0.7 } })).rejects.toThrow("the rates add up to more than 1");
    await expect(t.fc.control.setFaults({ operations: ["NoSuchOperation"] })).rejects.toThrow(
      "operations NoSuchOperation are not operations the emulator answers",
    );
  });
});

describe("request counts", () => {
  test("count every routed request by operation, failed ones included, and reset", async () => {
    await t.fc2.getService("svc");
    await t.fc2.getService("svc");
    await failure(t.fc2.getService("missing"));
    await t.fc2.putFunctionAsyncConfig("svc", "fn", undefined, {}).catch(() => undefined);
    await fcOpenFor(t.fc).listServices(new $FcOpen.ListServicesRequest({}));
    expect(await t.fc.control.requestCounts()).toEqual({ GetService: 3, ListServices: 1, PutFunctionAsyncInvokeConfig: 1 });
    await t.fc.control.resetRequestCounts();
    expect(await t.fc.control.requestCounts()).toEqual({});
  });
});

describe("reset", () => {
  test("forgets every resource, count and fault", async () => {
    await t.fc.control.setFaults({ latencyMs: 1 });
    await t.fc.control.reset();
    expect((await t.fc2.listServices()).data).toEqual({ services: [], nextToken: "" });
    expect(await t.fc.control.requestCounts()).toEqual({ ListServices: 1 });
    expect((await t.fc.control.faults()).config).toBeNull();
  });
});
