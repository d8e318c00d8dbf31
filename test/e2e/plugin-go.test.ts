// A Go program (examples/plugin-go) through the real CLI and the Go language host, managing configs on FC 2.0 and
// FC 3.0 with the asyncinvoke plugin and the Go SDK generated from its schema, against the emulator: create, update
// from a stack config value, drift made with the official SDK seen by `preview --refresh`, no credential anywhere in
// the backend, destroy. The steps share one stack and run in order. Every pulumi command builds the program with
// `go build` (module proxy and build cache at Go's defaults); the program's go.mod `replace`s the SDK with this
// checkout's sdk/go.
import { execFile, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { planSteps } from "../../scripts/lib/emulator-stack.ts";
import { $Fc3, fc3For, fc3NodeFunction, liveFc3Config, type Fc3 } from "../../scripts/lib/fc3-sdk.ts";
import { liveAsyncConfig } from "../../scripts/lib/official-sdks.ts";
import { E2E_TEST_TIMEOUT_MS, STEP_TIMEOUT_MS, repoRoot } from "../../scripts/lib/pulumi.ts";
import { failure, fc2For, nodeFunction, startEmulator, type Fc2Client } from "../kit/emulator";
import { apiCalls, configureDefaultProvider, pluginStack, writes, type PluginStack } from "./plugin-kit";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const program = path.join(repoRoot, "examples", "plugin-go");
const sdkGo = path.join(repoRoot, "sdk", "go");
const hasGoHost = existsSync(path.join(repoRoot, ".tools", "bin", "pulumi-language-go")) && spawnSync("go", ["version"]).status === 0;
const FAILED_QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/orders-failed/messages";

let emulator: Emulator;
let fc2: Fc2Client;
let fc3: Fc3;
let stack: PluginStack;

const outputs = async () => JSON.parse(await stack.run(["stack", "output", "--json", "--show-secrets"])) as Record<string, unknown>;

beforeAll(async () => {
  if (!hasGoHost) return;
  // Only sdk/go: the Python and .NET SDKs' test generates those, so the two never race on one folder.
  await promisify(execFile)("bash", [path.join(repoRoot, "scripts", "gen-sdks.sh"), "go"], { cwd: repoRoot, timeout: STEP_TIMEOUT_MS });
  emulator = await startEmulator();
  fc2 = fc2For(emulator);
  fc3 = fc3For(emulator);
  await fc2.createService("shop");
  await fc2.createFunction("shop", nodeFunction("orders"));
  await fc3.createFunction(fc3NodeFunction("invoices"));
  stack = await pluginStack(program, "plugin-go");
  // The scratch copy is elsewhere than examples/plugin-go, so the relative `replace` would miss the SDK.
  const goMod = path.join(stack.cwd, "go.mod");
  const relative = /^replace (\S+) => \.\.\/\.\.\/sdk\/go$/m;
  expect(readFileSync(goMod, "utf8")).toMatch(relative);
  writeFileSync(goMod, readFileSync(goMod, "utf8").replace(relative, `replace $1 => ${sdkGo}`));
  await configureDefaultProvider(stack, emulator);
});

afterAll(async () => {
  await emulator?.close();
});

describe.skipIf(!hasGoHost)("a Go program with the asyncinvoke plugin and its generated Go SDK", () => {
  it("creates a config on FC 2.0 and on FC 3.0, ids as `pulumi import` takes them", async () => {
    expect(planSteps(await stack.run(["preview", "--json"]))).toEqual([
      { op: "create", name: "invoices" },
      { op: "create", name: "orders" },
    ]);
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await liveAsyncConfig(fc2, "shop", "orders")).toEqual({
      qualifier: "LATEST",
      maxAsyncRetryAttempts: 2,
      maxAsyncEventAgeInSeconds: 3600,
      statefulInvocation: false,
      destinationConfig: { onSuccess: null, onFailure: { destination: FAILED_QUEUE } },
    });
    expect(await liveFc3Config(fc3, "invoices")).toEqual({ asyncTask: true, maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 86400, destinationConfig: {} });
    const out = await outputs();
    expect(out).toMatchObject({ ordersId: "shop:orders:LATEST", ordersRetries: 2, ordersEventAge: 3600, invoicesId: "invoices:LATEST" });
    expect(out["invoicesArn"]).toMatch(/^acs:fc:cn-hangzhou:\d+:functions\/invoices$/);
  });

  it("updates in place what a stack config value changes, and a no-op preview writes nothing", async () => {
    await stack.setConfig("retries", "4");
    expect(planSteps(await stack.run(["preview", "--json"]))).toEqual([
      { op: "update", name: "invoices", diffs: ["maxAsyncRetryAttempts"] },
      { op: "update", name: "orders", diffs: ["maxAsyncRetryAttempts"] },
    ]);
    const calls = await apiCalls(emulator, () => stack.run(["up", "--yes", "--skip-preview"]));
    expect(writes(calls)).toEqual({ PutFunctionAsyncInvokeConfig: 1, "fc3:PutAsyncInvokeConfig": 1 });
    expect((await liveAsyncConfig(fc2, "shop", "orders")).maxAsyncRetryAttempts).toBe(4);
    expect((await liveFc3Config(fc3, "invoices")).maxAsyncRetryAttempts).toBe(4);
    expect(writes(await apiCalls(emulator, () => stack.run(["preview", "--expect-no-changes"])))).toEqual({});
  });

  it("shows drift made with the official SDK in preview --refresh, and up restores the program's values", async () => {
    await fc2.putFunctionAsyncConfig("shop", "orders", "LATEST", { maxAsyncRetryAttempts: 7 });
    const calls = await apiCalls(emulator, async () => {
      const steps = planSteps(await stack.run(["preview", "--refresh", "--json"])).filter((s) => s.op !== "refresh" && s.op !== "same");
      expect(steps).toEqual([{ op: "update", name: "orders", diffs: ["maxAsyncRetryAttempts"] }]);
    });
    expect(writes(calls)).toEqual({});
    expect((await liveAsyncConfig(fc2, "shop", "orders")).maxAsyncRetryAttempts).toBe(7);
    await stack.run(["up", "--yes", "--refresh", "--skip-preview"]);
    expect((await liveAsyncConfig(fc2, "shop", "orders")).maxAsyncRetryAttempts).toBe(4);
  });

  it("keeps every credential out of the backend", () => {
    const text = stack.backendText();
    expect(text.includes("asyncinvoke:fc:FunctionAsyncInvokeConfig")).toBe(true);
    expect(text.includes("asyncinvoke:fc3:AsyncInvokeConfig")).toBe(true);
    expect(text.includes(emulator.credentials.accessKeySecret)).toBe(false);
  });

  it("destroys every config", async () => {
    const calls = await apiCalls(emulator, () => stack.run(["destroy", "--yes", "--skip-preview"]));
    expect(writes(calls)).toEqual({ DeleteFunctionAsyncInvokeConfig: 1, "fc3:DeleteAsyncInvokeConfig": 1 });
    expect((await failure(fc2.getFunctionAsyncConfig("shop", "orders"))).code).toBe("AsyncConfigNotExists");
    await expect(fc3.getAsyncInvokeConfig("invoices", new $Fc3.GetAsyncInvokeConfigRequest({}))).rejects.toMatchObject({ code: "AsyncConfigNotExists" });
  });
});
