// FunctionGraph async destinations on the emulator's one engine, driven by the official SDK: a failed event's record
// reaches an OBS destination (kept as a message on the control surface) in the reference's exact shape, and a
// succeeded one invokes a FunctionGraph-function destination with that record as its event. Handlers get a JSON
// event parsed, as FunctionGraph's Node.js runtime gives it. Virtual time: nothing sleeps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock, type Emulator } from "../../../emulator";
import { functionGraphSdk, urnOf, type HuaweiFgClient } from "../../../scripts/lib/huawei-sdk";
import { functionZip } from "../../kit/function-zip";
import { startEmulator } from "../../kit/emulator";

const WORKER = `
exports.handler = async (event) => {
  const e = Buffer.isBuffer(event) ? JSON.parse(event.toString() || "{}") : event;
  if (e.fail) throw new Error("asked to fail");
  return { echoed: e.value ?? null, parsed: !Buffer.isBuffer(event) };
};
`;
const ZIP = Buffer.from(functionZip({ "index.js": WORKER })).toString("base64");
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const clock = new VirtualClock();
let emu: Emulator;
let sdk: HuaweiFgClient;

async function createFunction(name: string): Promise<void> {
  const r = await sdk.createFunction({
    body: { func_name: name, package: "default", runtime: "Node.js18.15", handler: "index.handler", timeout: 30, memory_size: 128, code_type: "zip", func_code: { file: ZIP } },
  });
  expect(r.httpStatusCode).toBe(200);
}

async function messagesOf(destination: string): Promise<unknown[]> {
  const kept = (await emu.control.destinations()).find((d) => d.destination === destination);
  return (kept?.messages ?? []).map((m) => JSON.parse(m.body) as unknown);
}

beforeAll(async () => {
  emu = await startEmulator({ asyncScheduler: clock });
  sdk = functionGraphSdk(emu);
  await createFunction("flaky");
  await createFunction("audit");
  const obs = (prefix: string) => ({ destination: "OBS", param: JSON.stringify({ bucket: "fg-records", prefix, expires: 0 }) });
  await sdk.updateFunctionAsyncInvokeConfig({
    function_urn: urnOf(emu, "flaky"),
    body: {
      max_async_retry_attempts: 1,
      max_async_event_age_in_seconds: 3600,
      destination_config: { on_success: { destination: "FunctionGraph", param: JSON.stringify({ func_urn: urnOf(emu, "audit") }) }, on_failure: obs("failed/") },
    },
  });
  // The destination function passes what it received on to OBS, so the test can read the event it got.
  await sdk.updateFunctionAsyncInvokeConfig({ function_urn: urnOf(emu, "audit"), body: { max_async_retry_attempts: 0, destination_config: { on_success: obs("audit/") } } });
});
afterAll(async () => {
  await emu.close();
});

describe("async destinations", () => {
  it("delivers a failed event's record to OBS in the reference's shape, after every retry", async () => {
    const bad = await sdk.asyncInvokeFunction({ function_urn: urnOf(emu, "flaky"), body: { fail: true } });
    await clock.runUntilIdle();
    const messages = await messagesOf("obs://fg-records/failed/");
    expect(messages).toHaveLength(1);
    const record = messages[0] as Record<string, unknown>;
    expect(record).toEqual({
      timestamp: expect.stringMatching(ISO),
      request_context: { request_id: bad["request_id"], function_urn: urnOf(emu, "flaky"), condition: "UnhandledInvocationError", approximate_invoke_count: 2 },
      request_payload: '{"fail":true}',
      response_context: { status_code: 200, function_error: "Unhandled" },
      response_payload: expect.any(String),
    });
    expect(JSON.parse(record["response_payload"] as string)).toMatchObject({ errorMessage: "asked to fail" });
    const records = await sdk.listAsyncInvocations({ function_urn: urnOf(emu, "flaky"), request_id: bad["request_id"] as string });
    expect(records["invocations"]).toEqual([expect.objectContaining({ status: "FAIL", error_code: 1, error_message: "UnhandledInvocationError" })]);
  });

  it("invokes a FunctionGraph-function destination with the success record as its event", async () => {
    const ok = await sdk.asyncInvokeFunction({ function_urn: urnOf(emu, "flaky"), body: { value: 7 } });
    await clock.runUntilIdle();
    const audit = await sdk.listAsyncInvocations({ function_urn: urnOf(emu, "audit") });
    expect(audit["count"]).toBe(1);
    expect(audit["invocations"]).toEqual([expect.objectContaining({ status: "SUCCESS", error_code: 0 })]);
    const passedOn = (await messagesOf("obs://fg-records/audit/")) as Array<{ request_payload: string }>;
    expect(passedOn).toHaveLength(1);
    expect(JSON.parse(passedOn[0]?.request_payload ?? "")).toEqual({
      timestamp: expect.stringMatching(ISO),
      request_context: { request_id: ok["request_id"], function_urn: urnOf(emu, "flaky"), condition: "", approximate_invoke_count: 1 },
      request_payload: '{"value":7}',
      response_context: { status_code: 200, function_error: "" },
      response_payload: '{"echoed":7,"parsed":true}',
    });
  });
});

describe("durability", () => {
  it("a queued FunctionGraph event survives a restart with a data directory and runs after it", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dataDir = mkdtempSync(join(tmpdir(), "fg-durable-"));
    const paused = new VirtualClock();
    try {
      const first = await startEmulator({ asyncScheduler: paused, dataDir });
      const client = functionGraphSdk(first);
      const r = await client.createFunction({
        body: { func_name: "later", package: "default", runtime: "Node.js18.15", handler: "index.handler", timeout: 30, memory_size: 128, code_type: "zip", func_code: { file: ZIP } },
      });
      expect(r.httpStatusCode).toBe(200);
      const queued = await client.asyncInvokeFunction({ function_urn: urnOf(first, "later"), body: { value: 1 } });
      const before = await client.listAsyncInvocations({ function_urn: urnOf(first, "later"), request_id: queued["request_id"] as string });
      expect(before["invocations"]).toEqual([expect.objectContaining({ status: "WAIT", end_time: "" })]);
      await first.close();
      const resumed = new VirtualClock();
      const second = await startEmulator({ asyncScheduler: resumed, dataDir });
      try {
        await resumed.runUntilIdle();
        const list = await functionGraphSdk(second).listAsyncInvocations({ function_urn: urnOf(second, "later"), request_id: queued["request_id"] as string });
        expect(list["invocations"]).toEqual([expect.objectContaining({ status: "SUCCESS", error_code: 0 })]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
