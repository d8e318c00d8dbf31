// One AsyncInvokePolicy, imported from the package root, carrying an FC destination and a FunctionGraph destination at
// once (`destinations: { fc2, functiongraph }`), through the real Pulumi CLI against the emulator: each cloud's
// official SDK reads back its own destination in its own form; destroy leaves no config on either API.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { emulatorStack, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { functionGraphSdk, sdkFailure, urnOf, type HuaweiFgClient } from "../../scripts/lib/huawei-sdk.ts";
import { liveAsyncConfig } from "../../scripts/lib/official-sdks.ts";
import { E2E_TEST_TIMEOUT_MS } from "../../scripts/lib/pulumi.ts";
import { failure, fc2For, nodeFunction, startEmulator, type Fc2Client } from "../kit/emulator";
import { configureFunctionGraph, fgNodeFunction } from "../kit/functiongraph";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const program = path.join(__dirname, "fixtures", "policy-destinations");
const QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/orders-failed/messages";

let emulator: Emulator;
let fc2: Fc2Client;
let fg: HuaweiFgClient;
let stack: EmulatorStack;

beforeAll(async () => {
  emulator = await startEmulator();
  fc2 = fc2For(emulator);
  fg = functionGraphSdk(emulator);
  await fc2.createService("shop");
  await fc2.createFunction("shop", nodeFunction("orders"));
  await fg.createFunction(fgNodeFunction("reports"));
  stack = await emulatorStack({ program, label: "policy-destinations", emulator });
  await configureFunctionGraph(stack, emulator);
});

afterAll(async () => {
  await emulator?.close();
  if (stack) rmSync(stack.cwd, { recursive: true, force: true });
});

describe("one policy with an FC and a FunctionGraph destination", () => {
  it("gives each API its own destination, in its own form", async () => {
    const topic = `urn:smn:cn-north-4:${emulator.projectId}:reports-failed`;
    await stack.setConfig(
      "policy",
      JSON.stringify({
        maxAsyncRetryAttempts: 1,
        destinations: { fc2: { onFailure: { destination: QUEUE } }, functiongraph: { onFailure: { type: "SMN", topicUrn: topic } } },
        targets: [{ serviceName: "shop", functionName: "orders" }, { api: "functiongraph", functionName: "reports" }],
      }),
    );
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await liveAsyncConfig(fc2, "shop", "orders")).toEqual({
      qualifier: "LATEST",
      maxAsyncRetryAttempts: 1,
      maxAsyncEventAgeInSeconds: 86400,
      statefulInvocation: false,
      destinationConfig: { onSuccess: null, onFailure: { destination: QUEUE } },
    });
    const { httpStatusCode: _s, created_time: _c, last_modified: _m, func_urn: _u, ...live } = await fg.showFunctionAsyncInvokeConfig({ function_urn: urnOf(emulator, "reports", "latest") });
    expect(live).toEqual({
      max_async_retry_attempts: 1,
      max_async_event_age_in_seconds: 3600,
      enable_async_status_log: false,
      destination_config: { on_failure: { destination: "SMN", param: JSON.stringify({ topic_urn: topic }) } },
    });
  });

  it("destroy leaves no config on either API", async () => {
    await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect((await failure(fc2.getFunctionAsyncConfig("shop", "orders", "LATEST"))).code).toBe("AsyncConfigNotExists");
    expect((await sdkFailure(fg.showFunctionAsyncInvokeConfig({ function_urn: urnOf(emulator, "reports", "latest") }))).status).toBe(404);
  });
});
