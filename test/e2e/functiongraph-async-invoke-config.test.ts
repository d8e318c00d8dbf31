// functiongraph.AsyncInvokeConfig through the real Pulumi CLI against the emulator: latest, a version and an alias;
// every field and each destination type (OBS, SMN, DIS, FunctionGraph); a no-op preview that calls no API; drift made
// with the official Huawei SDK seen by `preview --refresh` and fixed by `up`; a config deleted out of band; refusal to
// take over an existing config, then adoption; a URN change that replaces; no credential in the backend; destroy
// leaves nothing. The steps share one stack and run in order. Each step has a generous timeout, and a failed step
// clears the backend's lock so that it never cascades into the next.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from "vitest";
import type { Emulator } from "../../emulator";
import { emulatorStack, planSteps, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { functionGraphSdk, sdkFailure, urnOf, type HuaweiFgClient } from "../../scripts/lib/huawei-sdk.ts";
import { configureFunctionGraph, fgNodeFunction } from "../kit/functiongraph";
import { startEmulator } from "../kit/emulator";

const program = path.join(__dirname, "fixtures", "functiongraph-configs");
const STEP_MS = 300_000;
type Args = Record<string, unknown>;

let emulator: Emulator;
let sdk: HuaweiFgClient;
let stack: EmulatorStack;
let declared: Record<string, Args>;
let P: string;
const urn = (fn: string, q = "latest") => urnOf(emulator, fn, q);
const SMN = () => `urn:smn:cn-north-4:${P}:orders-done`;

async function declare(configs: Record<string, Args>): Promise<void> {
  declared = configs;
  await stack.setConfig("configs", JSON.stringify(configs));
}

/** FunctionGraph API calls made by `action`, per operation. */
async function apiCalls(action: () => Promise<unknown>): Promise<Record<string, number>> {
  await emulator.control.resetRequestCounts();
  await action();
  const counts = await emulator.control.requestCounts();
  return Object.fromEntries(Object.entries(counts).filter(([name, n]) => n > 0 && name.startsWith("functiongraph:")).map(([name, n]) => [name.slice(14), n]));
}

async function live(fn: string, q = "latest"): Promise<Record<string, unknown>> {
  const { httpStatusCode: _s, created_time: _c, last_modified: _m, ...rest } = await sdk.showFunctionAsyncInvokeConfig({ function_urn: urn(fn, q) });
  return rest;
}

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = functionGraphSdk(emulator);
  P = emulator.projectId;
  for (const fn of ["orders", "billing", "audit"]) {
    await sdk.createFunction(fgNodeFunction(fn));
  }
  await sdk.createFunctionVersion({ function_urn: urn("orders"), body: { version: "1" } });
  await sdk.createVersionAlias({ function_urn: urn("orders"), body: { name: "prod", version: "1" } });
  await sdk.createVersionAlias({ function_urn: urn("orders"), body: { name: "staging", version: "1" } });
  stack = await emulatorStack({ program, label: "functiongraph-configs", emulator });
  await configureFunctionGraph(stack, emulator);
}, STEP_MS);

afterEach((context: TestContext) => {
  // A failed step may leave the file backend's lock behind (a killed update): clear it so the next step can run.
  if (context.task.result?.state === "fail" && stack !== undefined) rmSync(path.join(stack.backendDir, ".pulumi", "locks"), { recursive: true, force: true });
});

afterAll(async () => {
  await emulator?.close();
});

describe("functiongraph.AsyncInvokeConfig through the Pulumi CLI", () => {
  it("creates configs on latest, a version and an alias, with every destination type", { timeout: STEP_MS }, async () => {
    await declare({
      latest: { functionUrn: urn("orders"), maxAsyncRetryAttempts: 0 },
      version1: {
        functionName: "orders",
        qualifier: "1",
        maxAsyncEventAgeInSeconds: 600,
        destinationConfig: {
          onSuccess: { type: "FunctionGraph", functionUrn: urn("audit") },
          onFailure: { type: "OBS", bucket: "orders-failed", prefix: "v1/", expires: 7 },
        },
      },
      prod: {
        functionUrn: urn("orders", "!prod"),
        enableAsyncStatusLog: true,
        destinationConfig: { onSuccess: { type: "SMN", topicUrn: SMN() }, onFailure: { type: "DIS", streamName: "orders-dlq" } },
      },
    });
    expect(planSteps(await stack.run(["preview", "--json"]))).toEqual([
      { op: "create", name: "latest" },
      { op: "create", name: "prod" },
      { op: "create", name: "version1" },
    ]);
    const calls = await apiCalls(() => stack.run(["up", "--yes", "--skip-preview"]));
    expect(calls).toEqual({ ShowFunctionAsyncInvokeConfig: 3, UpdateFunctionAsyncInvokeConfig: 3 });

    expect(await live("orders")).toEqual({
      func_urn: urn("orders"),
      max_async_retry_attempts: 0,
      max_async_event_age_in_seconds: 3600,
      enable_async_status_log: false,
      destination_config: {},
    });
    expect(await live("orders", "1")).toEqual({
      func_urn: urn("orders", "1"),
      max_async_retry_attempts: 1,
      max_async_event_age_in_seconds: 600,
      enable_async_status_log: false,
      destination_config: {
        on_success: { destination: "FunctionGraph", param: JSON.stringify({ func_urn: urn("audit") }) },
        on_failure: { destination: "OBS", param: '{"bucket":"orders-failed","prefix":"v1/","expires":7}' },
      },
    });
    expect(await live("orders", "!prod")).toEqual({
      func_urn: urn("orders", "!prod"),
      max_async_retry_attempts: 1,
      max_async_event_age_in_seconds: 3600,
      enable_async_status_log: true,
      destination_config: {
        on_success: { destination: "SMN", param: JSON.stringify({ topic_urn: SMN() }) },
        on_failure: { destination: "DIS", param: '{"stream_name":"orders-dlq"}' },
      },
    });
    const outputs = JSON.parse(await stack.run(["stack", "output", "outputs", "--json"])) as Record<string, Args>;
    expect(outputs["version1"]).toMatchObject({
      id: urn("orders", "1"),
      functionUrn: urn("orders", "1"),
      qualifier: "1",
      destinationConfig: { onFailure: { type: "OBS", bucket: "orders-failed", prefix: "v1/", expires: 7 } },
    });
    expect(outputs["prod"]).toMatchObject({ id: urn("orders", "!prod"), qualifier: "!prod" });
    expect(String(outputs["latest"]?.["createdTime"])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(String(outputs["latest"]?.["lastModifiedTime"])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("previews no changes without calling the API, also with defaults written out and keys reordered", { timeout: STEP_MS }, async () => {
    expect(await apiCalls(() => stack.run(["preview", "--expect-no-changes"]))).toEqual({});
    const { version1, prod } = declared as { version1: Args; prod: Args };
    await declare({
      latest: { maxAsyncEventAgeInSeconds: 3600, maxAsyncRetryAttempts: 0, functionUrn: `urn:fss:cn-north-4:${P}:function:default:orders`, enableAsyncStatusLog: false },
      version1: { ...version1, maxAsyncRetryAttempts: 1 },
      prod: { ...prod, maxAsyncEventAgeInSeconds: 3600 },
    });
    expect(await apiCalls(() => stack.run(["preview", "--expect-no-changes"]))).toEqual({});
  });

  it("updates each field in place; a removed field returns to its default", { timeout: STEP_MS }, async () => {
    const { prod } = declared as { prod: Args };
    await declare({
      latest: { functionUrn: urn("orders"), maxAsyncRetryAttempts: 3, enableAsyncStatusLog: true },
      version1: { functionName: "orders", qualifier: "1" },
      prod: { ...prod, maxAsyncEventAgeInSeconds: 86400, destinationConfig: { onFailure: { type: "DIS", streamName: "orders-dlq-2" } } },
    });
    expect(planSteps(await stack.run(["preview", "--json"]))).toEqual([
      { op: "update", name: "latest", diffs: ["enableAsyncStatusLog", "maxAsyncRetryAttempts"] },
      { op: "update", name: "prod", diffs: ["destinationConfig", "maxAsyncEventAgeInSeconds"] },
      { op: "update", name: "version1", diffs: ["destinationConfig", "maxAsyncEventAgeInSeconds"] },
    ]);
    expect(await apiCalls(() => stack.run(["up", "--yes", "--skip-preview"]))).toEqual({ UpdateFunctionAsyncInvokeConfig: 3 });
    expect(await live("orders")).toMatchObject({ max_async_retry_attempts: 3, enable_async_status_log: true });
    expect(await live("orders", "1")).toMatchObject({ max_async_retry_attempts: 1, max_async_event_age_in_seconds: 3600, destination_config: {} });
    expect(await live("orders", "!prod")).toMatchObject({
      max_async_event_age_in_seconds: 86400,
      destination_config: { on_failure: { destination: "DIS", param: '{"stream_name":"orders-dlq-2"}' } },
    });
  });

  it("shows drift made with the Huawei SDK in preview --refresh, and up restores the program's values", { timeout: STEP_MS }, async () => {
    await sdk.updateFunctionAsyncInvokeConfig({
      function_urn: urn("orders", "!prod"),
      // Retries drift; the destination is the same data with its JSON keys reordered: no drift. (PUT replaces the
      // whole config, so the status-log switch is sent as the program has it.)
      body: { max_async_retry_attempts: 2, max_async_event_age_in_seconds: 86400, enable_async_status_log: true, destination_config: { on_failure: { destination: "DIS", param: '{ "stream_name" : "orders-dlq-2" }' } } },
    });
    expect(await apiCalls(() => stack.run(["preview", "--expect-no-changes"]))).toEqual({});
    const refreshed = planSteps(await stack.run(["preview", "--refresh", "--json"])).filter((s) => s.name === "prod");
    expect(refreshed).toEqual([
      { op: "refresh", name: "prod" },
      { op: "update", name: "prod", diffs: ["maxAsyncRetryAttempts"] },
    ]);
    const refreshCalls = await apiCalls(async () => expect(await stack.run(["refresh", "--yes", "--diff"])).toMatch(/~ maxAsyncRetryAttempts\s*: 1 => 2/));
    // `refresh --yes` reads each config twice: once in its preview phase, once when it refreshes (measured: 6).
    expect(refreshCalls).toEqual({ ShowFunctionAsyncInvokeConfig: 6 });
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await live("orders", "!prod")).toMatchObject({ max_async_retry_attempts: 1 });
    expect(await apiCalls(() => stack.run(["preview", "--refresh", "--expect-no-changes"]))).toEqual({ ShowFunctionAsyncInvokeConfig: 3 });
  });

  it("drops a config deleted out of band on refresh, and up creates it again", { timeout: STEP_MS }, async () => {
    await sdk.deleteFunctionAsyncInvokeConfig({ function_urn: urn("orders", "1") });
    await stack.run(["refresh", "--yes"]);
    const state = JSON.parse(await stack.run(["stack", "export"])) as { deployment: { resources?: Array<{ urn: string }> } };
    expect((state.deployment.resources ?? []).map((r) => r.urn.split("::").at(-1))).not.toContain("version1");
    expect(planSteps(await stack.run(["preview", "--json"])).filter((s) => s.op !== "same")).toEqual([{ op: "create", name: "version1" }]);
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await live("orders", "1")).toMatchObject({ max_async_retry_attempts: 1 });
  });

  it("refuses to take over an existing config, and takes it over when asked to", { timeout: STEP_MS }, async () => {
    await sdk.updateFunctionAsyncInvokeConfig({ function_urn: urn("billing"), body: { max_async_retry_attempts: 3 } });
    const billing = { functionName: "billing", maxAsyncRetryAttempts: 0 };
    await declare({ ...declared, billing });
    const refused = await stack.attempt(["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain(`An async invoke config already exists for ${urn("billing")}`);
    expect(refused.stdout + refused.stderr).toContain("`adoptExisting: true`");
    expect(await live("billing")).toMatchObject({ max_async_retry_attempts: 3 });

    await declare({ ...declared, billing: { ...billing, adoptExisting: true } });
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await live("billing")).toMatchObject({ max_async_retry_attempts: 0 });
    await stack.run(["preview", "--expect-no-changes"]);
  });

  it("replaces a config whose URN changes", { timeout: STEP_MS }, async () => {
    const { prod } = declared as { prod: Args };
    await declare({ ...declared, prod: { ...prod, functionUrn: urn("orders", "!staging") } });
    const steps = planSteps(await stack.run(["preview", "--json"]));
    expect(steps.filter((s) => s.op !== "same")).toEqual([{ op: "replace", name: "prod", diffs: ["functionUrn"], replaceReasons: ["functionUrn"] }]);
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await live("orders", "!staging")).toMatchObject({ max_async_event_age_in_seconds: 86400 });
    expect(await sdkFailure(sdk.showFunctionAsyncInvokeConfig({ function_urn: urn("orders", "!prod") }))).toMatchObject({ status: 404, code: "FSS.0404" });
  });

  it("keeps credentials out of the backend", { timeout: STEP_MS }, async () => {
    const text = stack.backendText();
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(emulator.credentials.accessKeySecret);
    expect(text).not.toContain(emulator.credentials.accessKeyId);
    const state = JSON.parse(await stack.run(["stack", "export"])) as { deployment: { resources: Array<{ type: string; outputs?: Args }> } };
    const configs = state.deployment.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/functiongraph:AsyncInvokeConfig");
    expect(configs).toHaveLength(4);
    for (const r of configs) expect(2 * Buffer.byteLength(String(r.outputs?.["__provider"]))).toBeLessThan(2048);
  });

  it("destroys every config it created or took over", { timeout: STEP_MS }, async () => {
    expect(await apiCalls(() => stack.run(["destroy", "--yes", "--skip-preview"]))).toEqual({ DeleteFunctionAsyncInvokeConfig: 4 });
    for (const fn of ["orders", "billing", "audit"]) {
      const list = await sdk.listFunctionAsyncInvokeConfig({ function_urn: urn(fn) });
      expect(list["async_invoke_configs"]).toEqual([]);
    }
  });
});
