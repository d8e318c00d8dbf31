// fc.FunctionAsyncInvokeConfig through the real Pulumi CLI against the emulator, the way users run it:
// create on LATEST, a version and an alias; a no-op preview that calls no API; in-place updates of each field;
// a qualifier change that replaces; drift made with an official SDK, seen by refresh and fixed by up; a config
// deleted out of band; refusal to take over an existing config and the opt-in that does; no secret in state;
// destroy leaves nothing behind. Bad inputs have their own file (bad-inputs.test.ts), so the two run side by side.
// The steps share one stack and run in order, each starting from the state the previous one left.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { emulatorStack, planSteps, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { liveAsyncConfig } from "../../scripts/lib/official-sdks.ts";
import { failure, fc2For, nodeFunction, startEmulator, type Fc2Client } from "../kit/emulator";
import { E2E_TEST_TIMEOUT_MS } from "../../scripts/lib/pulumi.ts";

// Steps and hooks run real `pulumi` commands; each command has its own timeout (STEP_TIMEOUT_MS) that kills it
// and unlocks the stack, so a slow step on a loaded machine fails alone instead of locking the stack for the next.
vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const program = path.join(__dirname, "fixtures", "async-configs");
const ACCOUNT = "1234567890123456";
const REGION = "cn-hangzhou";
const FAILED_QUEUE = `acs:mns:${REGION}:${ACCOUNT}:/queues/orders-failed/messages`;
const DONE_TOPIC = `acs:mns:${REGION}:${ACCOUNT}:/topics/orders-done/messages`;
const AUDIT_FUNCTION = `acs:fc:${REGION}:${ACCOUNT}:services/shop/functions/audit`;

type Args = Record<string, unknown>;

let emulator: Emulator;
let sdk: Fc2Client;
let stack: EmulatorStack;
let declared: Record<string, Args>;

async function declare(configs: Record<string, Args>): Promise<void> {
  declared = configs;
  await stack.setConfig("configs", JSON.stringify(configs));
}

const live = (fn: string, qualifier?: string) => liveAsyncConfig(sdk, "shop", fn, qualifier);

/** FC API calls made by `action`, per operation (the control surface's counts exclude itself). */
async function apiCalls(action: () => Promise<unknown>): Promise<Record<string, number>> {
  await emulator.control.resetRequestCounts();
  await action();
  const counts = await emulator.control.requestCounts();
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc2For(emulator);
  await sdk.createService("shop");
  for (const fn of ["orders", "billing", "audit"]) await sdk.createFunction("shop", nodeFunction(fn));
  await sdk.publishVersion("shop"); // version 1
  await sdk.createAlias("shop", "prod", "1");
  await sdk.createAlias("shop", "staging", "1");
  stack = await emulatorStack({ program, label: "async-configs", emulator });
});

afterAll(async () => {
  await emulator?.close();
});

describe("fc.FunctionAsyncInvokeConfig through the Pulumi CLI", () => {
  it("creates configs on LATEST, a version and an alias", async () => {
    await declare({
      latest: { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 0 },
      version1: {
        serviceName: "shop",
        functionName: "orders",
        qualifier: "1",
        maxAsyncEventAgeInSeconds: 3600,
        destinationConfig: { onFailure: { destination: FAILED_QUEUE } },
      },
      prod: {
        serviceName: "shop",
        functionName: "orders",
        qualifier: "prod",
        statefulInvocation: true,
        destinationConfig: { onSuccess: { destination: AUDIT_FUNCTION } },
      },
    });
    expect(planSteps(await stack.run(["preview", "--json"]))).toEqual([
      { op: "create", name: "latest" },
      { op: "create", name: "prod" },
      { op: "create", name: "version1" },
    ]);
    const calls = await apiCalls(() => stack.run(["up", "--yes", "--skip-preview"]));
    // One Get (is there a config to take over by mistake?) and one Put per config.
    expect(calls).toEqual({ GetFunctionAsyncInvokeConfig: 3, PutFunctionAsyncInvokeConfig: 3 });

    expect(await live("orders")).toEqual({
      qualifier: "LATEST",
      maxAsyncRetryAttempts: 0,
      maxAsyncEventAgeInSeconds: 86400,
      statefulInvocation: false,
      destinationConfig: { onSuccess: null, onFailure: null },
    });
    expect(await live("orders", "1")).toEqual({
      qualifier: "1",
      maxAsyncRetryAttempts: 3,
      maxAsyncEventAgeInSeconds: 3600,
      statefulInvocation: false,
      destinationConfig: { onSuccess: null, onFailure: { destination: FAILED_QUEUE } },
    });
    expect(await live("orders", "prod")).toEqual({
      qualifier: "prod",
      maxAsyncRetryAttempts: 3,
      maxAsyncEventAgeInSeconds: 86400,
      statefulInvocation: true,
      destinationConfig: { onSuccess: { destination: AUDIT_FUNCTION }, onFailure: null },
    });
    const outputs = JSON.parse(await stack.run(["stack", "output", "outputs", "--json"])) as Record<string, Args>;
    expect(outputs["latest"]).toEqual({
      id: "shop:orders:LATEST",
      qualifier: "LATEST",
      maxAsyncRetryAttempts: 0,
      maxAsyncEventAgeInSeconds: 86400,
      statefulInvocation: false,
      destinationConfig: {},
    });
  });

  it("previews no changes without calling the API, also when defaults are written out or keys reordered", async () => {
    expect(await apiCalls(() => stack.run(["preview", "--expect-no-changes"]))).toEqual({});

    const { latest, version1, prod } = declared as { latest: Args; version1: Args; prod: Args };
    await declare({
      // Same configs: defaults spelled out, keys in another order, an explicit null destination side.
      latest: { maxAsyncRetryAttempts: 0, functionName: "orders", serviceName: "shop", qualifier: "LATEST", statefulInvocation: false },
      version1: { ...version1, maxAsyncRetryAttempts: 3, destinationConfig: { onSuccess: null, onFailure: { destination: FAILED_QUEUE } } },
      prod: { ...prod, maxAsyncEventAgeInSeconds: 86400 },
    });
    // The configs compared are the ones first declared; LATEST is the one written out above.
    expect(latest).toEqual({ serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 0 });
    expect(await apiCalls(() => stack.run(["preview", "--expect-no-changes"]))).toEqual({});
  });

  it("updates each field in place, and a field removed from the program returns to its default", async () => {
    const { latest, version1, prod } = declared as { latest: Args; version1: Args; prod: Args };
    await declare({
      latest: { ...latest, maxAsyncRetryAttempts: 8 },
      version1: { serviceName: "shop", functionName: "orders", qualifier: "1" }, // age and destination removed
      prod: { ...prod, statefulInvocation: false, destinationConfig: { onSuccess: { destination: AUDIT_FUNCTION }, onFailure: { destination: DONE_TOPIC } } },
    });
    expect(planSteps(await stack.run(["preview", "--json"]))).toEqual([
      { op: "update", name: "latest", diffs: ["maxAsyncRetryAttempts"] },
      { op: "update", name: "prod", diffs: ["destinationConfig", "statefulInvocation"] },
      { op: "update", name: "version1", diffs: ["destinationConfig", "maxAsyncEventAgeInSeconds"] },
    ]);
    const calls = await apiCalls(() => stack.run(["up", "--yes", "--skip-preview"]));
    expect(calls).toEqual({ PutFunctionAsyncInvokeConfig: 3 });

    expect(await live("orders")).toMatchObject({ maxAsyncRetryAttempts: 8 });
    expect(await live("orders", "1")).toEqual({
      qualifier: "1",
      maxAsyncRetryAttempts: 3,
      maxAsyncEventAgeInSeconds: 86400,
      statefulInvocation: false,
      destinationConfig: { onSuccess: null, onFailure: null },
    });
    expect(await live("orders", "prod")).toEqual({
      qualifier: "prod",
      maxAsyncRetryAttempts: 3,
      maxAsyncEventAgeInSeconds: 86400,
      statefulInvocation: false,
      destinationConfig: { onSuccess: { destination: AUDIT_FUNCTION }, onFailure: { destination: DONE_TOPIC } },
    });
  });

  it("replaces a config whose qualifier changes", async () => {
    const { prod } = declared as { prod: Args };
    await declare({ ...declared, prod: { ...prod, qualifier: "staging" } });
    const steps = planSteps(await stack.run(["preview", "--json"]));
    expect(steps.filter((s) => s.op !== "same")).toEqual([{ op: "replace", name: "prod", diffs: ["qualifier"], replaceReasons: ["qualifier"] }]);
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await live("orders", "staging")).toMatchObject({ qualifier: "staging", destinationConfig: { onFailure: { destination: DONE_TOPIC } } });
    expect(await failure(sdk.getFunctionAsyncConfig("shop", "orders", "prod"))).toMatchObject({ code: "AsyncConfigNotExists", status: 404 });
  });

  it("shows drift made with an official SDK in refresh and preview --refresh, and up restores the program's values", async () => {
    await sdk.putFunctionAsyncConfig("shop", "orders", "1", { maxAsyncRetryAttempts: 7, statefulInvocation: true });

    // A plain preview trusts state and sees nothing; --refresh reads the cloud and sees both fields.
    expect(await apiCalls(() => stack.run(["preview", "--expect-no-changes"]))).toEqual({});
    const refreshed = planSteps(await stack.run(["preview", "--refresh", "--json"])).filter((s) => s.name === "version1");
    expect(refreshed).toEqual([
      // Preview JSON shows that refresh read the config (its field-level findings show in `refresh --diff` below)...
      { op: "refresh", name: "version1" },
      // ...and what the program would do about what it found.
      { op: "update", name: "version1", diffs: ["maxAsyncRetryAttempts", "statefulInvocation"] },
    ]);

    const refresh = await stack.run(["refresh", "--yes", "--diff"]);
    expect(refresh).toMatch(/~ maxAsyncRetryAttempts\s*: 3 => 7/);
    expect(refresh).toMatch(/~ statefulInvocation\s*: false => true/);

    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await live("orders", "1")).toMatchObject({ maxAsyncRetryAttempts: 3, statefulInvocation: false });
    expect(await apiCalls(() => stack.run(["preview", "--refresh", "--expect-no-changes"]))).toEqual({ GetFunctionAsyncInvokeConfig: 3 });
  });

  it("drops a config deleted out of band on refresh, and up creates it again", async () => {
    await sdk.deleteFunctionAsyncConfig("shop", "orders", "1");
    await stack.run(["refresh", "--yes"]);
    const resources = JSON.parse(await stack.run(["stack", "export"])) as { deployment: { resources?: Array<{ urn: string }> } };
    expect((resources.deployment.resources ?? []).map((r) => r.urn.split("::").at(-1))).not.toContain("version1");
    expect(planSteps(await stack.run(["preview", "--json"])).filter((s) => s.op !== "same")).toEqual([{ op: "create", name: "version1" }]);
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await live("orders", "1")).toMatchObject({ qualifier: "1", maxAsyncRetryAttempts: 3 });
  });

  it("refuses to take over an existing config, and takes it over when asked to", async () => {
    await sdk.putFunctionAsyncConfig("shop", "billing", undefined, { maxAsyncRetryAttempts: 5 });
    const billing = { serviceName: "shop", functionName: "billing", maxAsyncRetryAttempts: 1 };
    await declare({ ...declared, billing });

    const refused = await stack.attempt(["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('An async invoke config already exists for service "shop", function "billing", qualifier "LATEST"');
    expect(refused.stdout + refused.stderr).toContain("`adoptExisting: true`");
    expect(await live("billing")).toMatchObject({ maxAsyncRetryAttempts: 5 });

    await declare({ ...declared, billing: { ...billing, adoptExisting: true } });
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await live("billing")).toMatchObject({ maxAsyncRetryAttempts: 1 });
    await stack.run(["preview", "--expect-no-changes"]);
  });

  it("keeps credentials out of state and keeps the serialized provider small", async () => {
    const text = stack.backendText();
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(emulator.credentials.accessKeySecret);
    expect(text).not.toContain(emulator.credentials.accessKeyId);
    const state = JSON.parse(await stack.run(["stack", "export"])) as {
      deployment: { resources: Array<{ type: string; inputs?: Args; outputs?: Args }> };
    };
    const configs = state.deployment.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig");
    expect(configs).toHaveLength(4);
    for (const resource of configs) {
      const provider = String(resource.outputs?.["__provider"]);
      // Stored twice per resource (inputs and outputs): both copies together stay under 2 KB.
      expect(String(resource.inputs?.["__provider"])).toBe(provider);
      expect(2 * Buffer.byteLength(provider)).toBeLessThan(2048);
      expect(provider).not.toContain("zod");
      expect(resource.outputs?.["schemaVersion"]).toBe(1);
    }
  });

  it("destroys every config it created or took over", async () => {
    await stack.run(["destroy", "--yes", "--skip-preview"]);
    for (const fn of ["orders", "billing", "audit"]) {
      const { data } = await sdk.listFunctionAsyncConfigs("shop", fn);
      expect(data["configs"] ?? []).toEqual([]);
    }
  });
});
