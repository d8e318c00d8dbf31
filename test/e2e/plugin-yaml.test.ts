// A Pulumi YAML program (examples/plugin-yaml) through the real CLI and the YAML language host, managing configs on
// FC 2.0, FC 3.0 and FunctionGraph with the asyncinvoke plugin against the emulator: create, an invoke, update,
// a no-op preview that writes nothing, drift made with the official SDKs seen by `preview --refresh`, no
// credential anywhere in the backend, destroy. The steps share one stack and run in order.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { planSteps } from "../../scripts/lib/emulator-stack.ts";
import { fc3For, fc3NodeFunction, liveFc3Config, type Fc3 } from "../../scripts/lib/fc3-sdk.ts";
import { functionGraphSdk, urnOf, type HuaweiFgClient } from "../../scripts/lib/huawei-sdk.ts";
import { liveAsyncConfig } from "../../scripts/lib/official-sdks.ts";
import { E2E_TEST_TIMEOUT_MS, repoRoot } from "../../scripts/lib/pulumi.ts";
import { failure, fc2For, nodeFunction, startEmulator, type Fc2Client } from "../kit/emulator";
import { fgNodeFunction } from "../kit/functiongraph";
import { apiCalls, configureDefaultProvider, pluginStack, writes, type PluginStack } from "./plugin-kit";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const program = path.join(repoRoot, "examples", "plugin-yaml");
const hasYamlHost = existsSync(path.join(repoRoot, ".tools", "bin", "pulumi-language-yaml"));
const FAILED_QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/orders-failed/messages";

let emulator: Emulator;
let fc2: Fc2Client;
let fc3: Fc3;
let fg: HuaweiFgClient;
let stack: PluginStack;

const outputs = async () => JSON.parse(await stack.run(["stack", "output", "--json", "--show-secrets"])) as Record<string, unknown>;
const fgLive = async () => {
  const { max_async_retry_attempts, max_async_event_age_in_seconds } = await fg.showFunctionAsyncInvokeConfig({ function_urn: urnOf(emulator, "reports") });
  return { max_async_retry_attempts, max_async_event_age_in_seconds };
};

beforeAll(async () => {
  if (!hasYamlHost) return;
  emulator = await startEmulator();
  fc2 = fc2For(emulator);
  fc3 = fc3For(emulator);
  fg = functionGraphSdk(emulator);
  await fc2.createService("shop");
  await fc2.createFunction("shop", nodeFunction("orders"));
  await fc3.createFunction(fc3NodeFunction("invoices"));
  await fg.createFunction(fgNodeFunction("reports"));
  stack = await pluginStack(program, "plugin-yaml");
  await configureDefaultProvider(stack, emulator);
});

afterAll(async () => {
  await emulator?.close();
});

describe.skipIf(!hasYamlHost)("a Pulumi YAML program with the asyncinvoke plugin", () => {
  it("creates a config on each API, ids as `pulumi import` takes them", async () => {
    expect(planSteps(await stack.run(["preview", "--json"]))).toEqual([
      { op: "create", name: "invoices" },
      { op: "create", name: "orders" },
      { op: "create", name: "reports" },
    ]);
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await liveAsyncConfig(fc2, "shop", "orders")).toEqual({
      qualifier: "LATEST",
      maxAsyncRetryAttempts: 2,
      maxAsyncEventAgeInSeconds: 3600,
      statefulInvocation: false,
      destinationConfig: { onSuccess: null, onFailure: { destination: FAILED_QUEUE } },
    });
    expect(await liveFc3Config(fc3, "invoices")).toMatchObject({ asyncTask: true, maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 86400 });
    expect(await fgLive()).toEqual({ max_async_retry_attempts: 1, max_async_event_age_in_seconds: 3600 });
    const out = await outputs();
    expect(out).toMatchObject({ ordersId: "shop:orders:LATEST", ordersRetries: 2, invoicesId: "invoices:LATEST", reportsId: urnOf(emulator, "reports") });
    expect(out["invoicesArn"]).toMatch(/^acs:fc:cn-hangzhou:\d+:functions\/invoices$/);
  });

  it("runs an invoke with the provider's connection", async () => {
    // The invoke ran before the create on the first up; this run sees the config.
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect((await outputs())["listedConfigs"]).toMatchObject([{ serviceName: "shop", functionName: "orders", qualifier: "LATEST", maxAsyncRetryAttempts: 2 }]);
  });

  it("updates in place what the config changes, and a no-op preview writes nothing", async () => {
    await stack.setConfig("retries", "4");
    expect(planSteps(await stack.run(["preview", "--json"]))).toEqual([
      { op: "update", name: "invoices", diffs: ["maxAsyncRetryAttempts"] },
      { op: "update", name: "orders", diffs: ["maxAsyncRetryAttempts"] },
    ]);
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect((await liveAsyncConfig(fc2, "shop", "orders")).maxAsyncRetryAttempts).toBe(4);
    expect((await liveFc3Config(fc3, "invoices")).maxAsyncRetryAttempts).toBe(4);
    const calls = await apiCalls(emulator, () => stack.run(["preview", "--expect-no-changes"]));
    expect(writes(calls)).toEqual({});
  });

  it("shows drift made with the official SDKs in preview --refresh, and up restores the program's values", async () => {
    await fc2.putFunctionAsyncConfig("shop", "orders", "LATEST", { maxAsyncRetryAttempts: 7 });
    await fg.updateFunctionAsyncInvokeConfig({ function_urn: urnOf(emulator, "reports"), body: { max_async_retry_attempts: 3, max_async_event_age_in_seconds: 3600 } });
    const steps = planSteps(await stack.run(["preview", "--refresh", "--json"])).filter((s) => s.op !== "refresh" && s.op !== "same");
    expect(steps).toEqual([
      { op: "update", name: "orders", diffs: ["maxAsyncRetryAttempts"] },
      { op: "update", name: "reports", diffs: ["maxAsyncRetryAttempts"] },
    ]);
    await stack.run(["up", "--yes", "--refresh", "--skip-preview"]);
    expect((await liveAsyncConfig(fc2, "shop", "orders")).maxAsyncRetryAttempts).toBe(4);
    expect((await fgLive()).max_async_retry_attempts).toBe(1);
  });

  it("keeps every credential out of the backend", () => {
    const text = stack.backendText();
    expect(text.includes("asyncinvoke:fc:FunctionAsyncInvokeConfig")).toBe(true);
    expect(text.includes(emulator.credentials.accessKeySecret)).toBe(false);
  });

  it("destroys every config", async () => {
    const calls = await apiCalls(emulator, () => stack.run(["destroy", "--yes", "--skip-preview"]));
    expect(writes(calls)).toEqual({ DeleteFunctionAsyncInvokeConfig: 1, "fc3:DeleteAsyncInvokeConfig": 1, "functiongraph:DeleteFunctionAsyncInvokeConfig": 1 });
    expect((await failure(fc2.getFunctionAsyncConfig("shop", "orders"))).code).toBe("AsyncConfigNotExists");
  });
});
