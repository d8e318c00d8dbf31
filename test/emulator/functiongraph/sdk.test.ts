// FunctionGraph v2 in the emulator, judged by the official SDK (@huaweicloud/huaweicloud-sdk-functiongraph 3.1.211)
// unchanged: every operation the issue names, with exact status codes and error codes. The SDK's log4js logger is
// switched off and it is given a customUserAgent by scripts/lib/huawei-sdk.ts (it would otherwise print request
// headers on errors and write to the home directory). The engine's time is a VirtualClock: nothing sleeps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock, type Emulator } from "../../../emulator";
import { functionGraphSdk, sdkFailure, urnOf, type HuaweiFgClient } from "../../../scripts/lib/huawei-sdk";
import { functionZip } from "../../kit/function-zip";
import { startEmulator } from "../../kit/emulator";

const WORKER = `
exports.handler = async (event, context) => {
  const e = Buffer.isBuffer(event) ? JSON.parse(event.toString() || "{}") : event;
  if (e.fail) throw new Error("asked to fail");
  return { echoed: e.value ?? null };
};
`;
const ZIP = Buffer.from(functionZip({ "index.js": WORKER })).toString("base64");

const clock = new VirtualClock();
let emu: Emulator;
let sdk: HuaweiFgClient;
let P: string;

async function createFunction(name: string): Promise<void> {
  const r = await sdk.createFunction({
    body: { func_name: name, package: "default", runtime: "Node.js18.15", handler: "index.handler", timeout: 30, memory_size: 128, code_type: "zip", func_code: { file: ZIP } },
  });
  expect(r.httpStatusCode).toBe(200);
}

beforeAll(async () => {
  emu = await startEmulator({ asyncScheduler: clock });
  sdk = functionGraphSdk(emu);
  P = emu.projectId;
  await createFunction("orders");
  await sdk.createFunctionVersion({ function_urn: urnOf(emu, "orders"), body: { version: "1", description: "first" } });
  await sdk.createVersionAlias({ function_urn: urnOf(emu, "orders"), body: { name: "prod", version: "1" } });
});
afterAll(async () => {
  await emu.close();
});

describe("functions, versions and aliases", () => {
  it("creates, shows, versions and aliases a function", async () => {
    const config = await sdk.showFunctionConfig({ function_urn: urnOf(emu, "orders", "1") });
    expect(config).toMatchObject({ httpStatusCode: 200, func_name: "orders", version: "1", runtime: "Node.js18.15", func_urn: `urn:fss:cn-north-4:${P}:function:default:orders:1` });
    const alias = await sdk.showVersionAlias({ function_urn: urnOf(emu, "orders"), alias_name: "prod" });
    expect(alias).toMatchObject({ name: "prod", version: "1", alias_urn: `urn:fss:cn-north-4:${P}:function:default:orders:!prod` });
    const versions = await sdk.listFunctionVersions({ function_urn: urnOf(emu, "orders") });
    expect((versions["versions"] as { version: string }[]).map((v) => v.version)).toEqual(["latest", "1"]);
    // The API answers a bare array of aliases; the SDK hands it back with httpStatusCode set on it.
    const aliases = await sdk.listVersionAliases({ function_urn: urnOf(emu, "orders") });
    expect(aliases.httpStatusCode).toBe(200);
    expect([...(aliases as unknown as unknown[])]).toEqual([
      { name: "prod", version: "1", description: "", last_modified: alias["last_modified"], alias_urn: `urn:fss:cn-north-4:${P}:function:default:orders:!prod` },
    ]);
    expect(alias["last_modified"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("runs Node.js code on a synchronous invoke", async () => {
    const r = await sdk.invokeFunction({ function_urn: urnOf(emu, "orders", "!prod"), body: { value: 7 } });
    expect(r).toMatchObject({ httpStatusCode: 200, status: 200, result: '{"echoed":7}' });
  });

  it("answers the not-found codes", async () => {
    expect(await sdkFailure(sdk.showFunctionConfig({ function_urn: urnOf(emu, "nope") }))).toMatchObject({ status: 404, code: "FSS.1051" });
    expect(await sdkFailure(sdk.showFunctionConfig({ function_urn: urnOf(emu, "orders", "9") }))).toMatchObject({ status: 404, code: "FSS.1052" });
    expect(await sdkFailure(sdk.showVersionAlias({ function_urn: urnOf(emu, "orders"), alias_name: "gone" }))).toMatchObject({ status: 404, code: "FSS.1053" });
    expect(await sdkFailure(sdk.showFunctionConfig({ function_urn: "urn:fss:cn-north-4:x:function:default:9bad:latest" }))).toMatchObject({ status: 400, code: "FSS.1309" });
  });
});

describe("async invoke config", () => {
  const obs = { destination: "OBS", param: '{"bucket":"orders-results","prefix":"ok/","expires":7}' };
  const fgDest = () => ({ destination: "FunctionGraph", param: JSON.stringify({ func_urn: urnOf(emu, "orders") }) });

  it("puts, shows, lists and deletes (204) on latest, a version and an alias", async () => {
    for (const q of ["latest", "1", "!prod"]) {
      const urn = urnOf(emu, "orders", q);
      const put = await sdk.updateFunctionAsyncInvokeConfig({
        function_urn: urn,
        body: { max_async_event_age_in_seconds: 60, max_async_retry_attempts: 0, destination_config: { on_success: obs, on_failure: fgDest() } },
      });
      expect(put).toMatchObject({
        httpStatusCode: 200,
        func_urn: urn,
        max_async_event_age_in_seconds: 60,
        max_async_retry_attempts: 0,
        destination_config: { on_success: obs, on_failure: fgDest() },
        enable_async_status_log: false,
      });
      expect(put["created_time"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(put["last_modified"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const shown = await sdk.showFunctionAsyncInvokeConfig({ function_urn: urn });
      expect(shown["max_async_retry_attempts"]).toBe(0);
    }
    const page1 = await sdk.listFunctionAsyncInvokeConfig({ function_urn: urnOf(emu, "orders"), marker: "0", limit: "2" });
    expect(page1["count"]).toBe(3);
    expect(page1["page_info"]).toEqual({ next_marker: 2, previous_marker: 0, current_count: 2 });
    const page2 = await sdk.listFunctionAsyncInvokeConfig({ function_urn: urnOf(emu, "orders"), marker: "2", limit: "2" });
    const urns = [...(page1["async_invoke_configs"] as { func_urn: string }[]), ...(page2["async_invoke_configs"] as { func_urn: string }[])].map((c) => c.func_urn);
    expect(urns).toEqual([urnOf(emu, "orders"), urnOf(emu, "orders", "!prod"), urnOf(emu, "orders", "1")]);
    expect(page2["page_info"]).toEqual({ next_marker: 3, previous_marker: 2, current_count: 1 });

    const deleted = await sdk.deleteFunctionAsyncInvokeConfig({ function_urn: urnOf(emu, "orders", "!prod") });
    expect(deleted.httpStatusCode).toBe(204);
    expect(await sdkFailure(sdk.showFunctionAsyncInvokeConfig({ function_urn: urnOf(emu, "orders", "!prod") }))).toMatchObject({ status: 404, code: "FSS.0404" });
    expect(await sdkFailure(sdk.deleteFunctionAsyncInvokeConfig({ function_urn: urnOf(emu, "orders", "!prod") }))).toMatchObject({ status: 404, code: "FSS.0404" });
  });

  it("fills the documented defaults (3600 s, 1 retry)", async () => {
    await createFunction("defaults");
    const put = await sdk.updateFunctionAsyncInvokeConfig({ function_urn: urnOf(emu, "defaults"), body: {} });
    expect(put).toMatchObject({ max_async_event_age_in_seconds: 3600, max_async_retry_attempts: 1, destination_config: {} });
  });

  it("refuses out-of-range values and bad destinations with FSS.0400 naming the field", async () => {
    const urn = urnOf(emu, "orders");
    expect(await sdkFailure(sdk.updateFunctionAsyncInvokeConfig({ function_urn: urn, body: { max_async_retry_attempts: 4 } }))).toMatchObject({
      status: 400,
      code: "FSS.0400",
      message: "Invalid parameter: max_async_retry_attempts must be from 0 to 3; got 4",
    });
    expect(await sdkFailure(sdk.updateFunctionAsyncInvokeConfig({ function_urn: urn, body: { max_async_event_age_in_seconds: 86401 } }))).toMatchObject({
      status: 400,
      code: "FSS.0400",
      message: "Invalid parameter: max_async_event_age_in_seconds must be from 1 to 86400; got 86401",
    });
    expect(
      await sdkFailure(sdk.updateFunctionAsyncInvokeConfig({ function_urn: urn, body: { destination_config: { on_failure: { destination: "Kafka", param: "{}" } } } })),
    ).toMatchObject({ status: 400, code: "FSS.0400", message: 'Invalid parameter: destination_config.on_failure.destination "Kafka" is not a destination type; allowed: OBS, SMN, DIS, FunctionGraph' });
    expect(
      await sdkFailure(sdk.updateFunctionAsyncInvokeConfig({ function_urn: urn, body: { destination_config: { on_success: { destination: "SMN", param: '{"topic":"x"}' } } } })),
    ).toMatchObject({ status: 400, code: "FSS.0400" });
    expect(await sdkFailure(sdk.listFunctionAsyncInvokeConfig({ function_urn: urn, limit: "-1" }))).toMatchObject({ status: 400, code: "FSS.1001" });
    expect(await sdkFailure(sdk.updateFunctionAsyncInvokeConfig({ function_urn: urnOf(emu, "orders", "!nope"), body: {} }))).toMatchObject({ status: 404, code: "FSS.1053" });
  });
});

describe("authentication", () => {
  it("answers 401 APIG.0301 with X-Request-Id on a bad signature", async () => {
    const wrong = functionGraphSdk(emu, { accessKey: emu.credentials.accessKeyId, secretKey: "not-the-secret-key" });
    const f = await sdkFailure(wrong.showFunctionAsyncInvokeConfig({ function_urn: urnOf(emu, "orders") }));
    expect(f).toMatchObject({ status: 401, code: "APIG.0301", message: "Incorrect IAM authentication information: verify aksk signature fail" });
    expect(f.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const unknown = functionGraphSdk(emu, { accessKey: "NOSUCHKEY", secretKey: "x" });
    expect(await sdkFailure(unknown.showFunctionAsyncInvokeConfig({ function_urn: urnOf(emu, "orders") }))).toMatchObject({ status: 401, code: "APIG.0301" });
  });

  it("accepts STS keys with their X-Security-Token, and refuses them without it", async () => {
    const sts = await emu.control.mintSts();
    const withToken = functionGraphSdk(emu, { accessKey: sts.accessKeyId, secretKey: sts.accessKeySecret, securityToken: sts.securityToken });
    expect((await withToken.showFunctionConfig({ function_urn: urnOf(emu, "orders") })).httpStatusCode).toBe(200);
    const without = functionGraphSdk(emu, { accessKey: sts.accessKeyId, secretKey: sts.accessKeySecret });
    expect(await sdkFailure(without.showFunctionConfig({ function_urn: urnOf(emu, "orders") }))).toMatchObject({ status: 401, code: "APIG.0301" });
  });
});

describe("async invocations", () => {
  it("runs queued events on the engine and lists their records with FunctionGraph's statuses", async () => {
    await createFunction("worker");
    const urn = urnOf(emu, "worker");
    await sdk.updateFunctionAsyncInvokeConfig({ function_urn: urn, body: { max_async_retry_attempts: 0, max_async_event_age_in_seconds: 60 } });
    const ok = await sdk.asyncInvokeFunction({ function_urn: urn, body: { value: 1 } });
    expect(ok.httpStatusCode).toBe(202);
    const bad = await sdk.asyncInvokeFunction({ function_urn: urn, body: { fail: true } });
    await clock.runUntilIdle();
    const all = await sdk.listAsyncInvocations({ function_urn: urn });
    const records = all["invocations"] as { request_id: string; status: string; error_code: number; error_message: string; start_time: string; end_time: string }[];
    expect(all["count"]).toBe(2);
    const byId = Object.fromEntries(records.map((r) => [r.request_id, r]));
    expect(byId[ok["request_id"] as string]).toMatchObject({ status: "SUCCESS", error_code: 0, error_message: "" });
    expect(byId[bad["request_id"] as string]).toMatchObject({ status: "FAIL", error_code: 1, error_message: "UnhandledInvocationError" });
    expect(records[0]?.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    const failed = await sdk.listAsyncInvocations({ function_urn: urn, status: "FAIL" });
    expect((failed["invocations"] as unknown[]).length).toBe(1);
    const old = await sdk.listAsyncInvocations({ function_urn: urn, query_begin_time: "2000-01-01T00:00:00", query_end_time: "2000-01-01T01:00:00" });
    expect(old["count"]).toBe(0);
    expect(await sdkFailure(sdk.listAsyncInvocations({ function_urn: urn, query_begin_time: "yesterday" }))).toMatchObject({ status: 400, code: "FSS.1001" });
  });

  it("cancels a waiting event (DISCARD) and refuses an unknown request id", async () => {
    await createFunction("slow");
    const urn = urnOf(emu, "slow");
    const queued = await sdk.asyncInvokeFunction({ function_urn: urn, body: {} });
    const cancelled = await sdk.cancelAsyncInvocation({ function_urn: urn, body: { request_id: queued["request_id"] as string, type: "force" } });
    expect(cancelled.httpStatusCode).toBe(200);
    await clock.runUntilIdle();
    const list = await sdk.listAsyncInvocations({ function_urn: urn, request_id: queued["request_id"] as string });
    expect(list["invocations"]).toEqual([expect.objectContaining({ status: "DISCARD", error_code: 1 })]);
    expect(await sdkFailure(sdk.cancelAsyncInvocation({ function_urn: urn, body: { request_id: "no-such-request" } }))).toMatchObject({ status: 400, code: "FSS.0400", message: "Invalid RequestId: no-such-request" });
  });

  it("counts requests per operation by the SDK method's name", async () => {
    const counts = await emu.control.requestCounts();
    expect(counts["functiongraph:UpdateFunctionAsyncInvokeConfig"]).toBeGreaterThan(0);
    expect(counts["functiongraph:ListAsyncInvocations"]).toBeGreaterThan(0);
  });
});
