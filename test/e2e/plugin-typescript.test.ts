// A TypeScript program using the plugin through Pulumi's generic resources (no generated SDK): an explicit
// `pulumi:providers:asyncinvoke` with secret keys and a `asyncinvoke:fc:FunctionAsyncInvokeConfig` on it, created,
// read back by the official SDK, and destroyed; the keys stay out of the backend.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { liveAsyncConfig } from "../../scripts/lib/official-sdks.ts";
import { E2E_TEST_TIMEOUT_MS, stateRoot } from "../../scripts/lib/pulumi.ts";
import { failure, fc2For, nodeFunction, startEmulator } from "../kit/emulator";
import { pluginStack, type PluginStack } from "./plugin-kit";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
const config = new pulumi.Config();
const provider = new pulumi.ProviderResource("asyncinvoke", "account", {
  fcEndpoint: config.require("fcEndpoint"),
  accountId: config.require("accountId"),
  accessKey: config.requireSecret("accessKey"),
  secretKey: config.requireSecret("secretKey"),
});
const orders = new pulumi.CustomResource("asyncinvoke:fc:FunctionAsyncInvokeConfig", "orders", {
  serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 2, qualifier: undefined, createdTime: undefined,
}, { provider });
export const id = orders.id;
export const qualifier = (orders as unknown as { qualifier: pulumi.Output<string> }).qualifier;
`;

let emulator: Emulator;
let stack: PluginStack;

beforeAll(async () => {
  emulator = await startEmulator();
  await fc2For(emulator).createService("shop");
  await fc2For(emulator).createFunction("shop", nodeFunction("orders"));
  mkdirSync(path.join(stateRoot, "work"), { recursive: true });
  const dir = mkdtempSync(path.join(stateRoot, "work", "plugin-typescript-program-"));
  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: plugin-typescript\nruntime: nodejs\nmain: index.ts\nplugins:\n  providers:\n    - name: asyncinvoke\n      path: ../../bin\n");
  writeFileSync(path.join(dir, "index.ts"), PROGRAM);
  stack = await pluginStack(dir, "plugin-typescript");
  await stack.setConfig("fcEndpoint", emulator.url);
  await stack.setConfig("accountId", emulator.credentials.accountId);
  await stack.setConfig("accessKey", emulator.credentials.accessKeyId, { secret: true });
  await stack.setConfig("secretKey", emulator.credentials.accessKeySecret, { secret: true });
});

afterAll(async () => {
  await emulator?.close();
});

describe("a TypeScript program with the plugin's generic resources", () => {
  it("creates the config through an explicit provider", async () => {
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect((await liveAsyncConfig(fc2For(emulator), "shop", "orders")).maxAsyncRetryAttempts).toBe(2);
    expect(JSON.parse(await stack.run(["stack", "output", "--json"]))).toEqual({ id: "shop:orders:LATEST", qualifier: "LATEST" });
    expect(stack.backendText().includes(emulator.credentials.accessKeySecret)).toBe(false);
  });

  it("destroys it", async () => {
    await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect((await failure(fc2For(emulator).getFunctionAsyncConfig("shop", "orders"))).code).toBe("AsyncConfigNotExists");
  });
});
