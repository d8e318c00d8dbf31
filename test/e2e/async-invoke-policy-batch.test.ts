// fc.AsyncInvokePolicyBatch through the real Pulumi CLI against the emulator — the per-config resource's lifecycle,
// for one resource owning many configs: create on LATEST, a version and an alias; a no-op preview that calls no API;
// an update whose `preview --diff` names each changed target and field; drift made with the official SDK, seen per
// target by `preview --refresh` and put right by `up`; refusal to take over an existing config and the per-target
// opt-in; a partial failure under injected 503s that leaves state equal to the cloud and is finished by the next
// `up`; seeded 429/503/resets absorbed by retries; no secret in state; destroy leaves nothing behind. The steps share
// one stack and run in order. Each command has a deadline that cannot leave the stack locked (test/support/pulumi-step.ts).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { emulatorStack, planSteps, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { fc2For, nodeFunction, startEmulator, type Fc2Client } from "../kit/emulator";
import { pulumiOk, pulumiStep } from "../kit/pulumi-step";

const program = path.join(__dirname, "fixtures", "policy-batch");
const QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/orders-failed/messages";
const TOPIC = "acs:mns:cn-hangzhou:1234567890123456:/topics/orders-done/messages";
/** Deadline of one pulumi command (a loaded 2-core box takes minutes); a test runs several, so it gets more. */
const STEP = 300_000;
const TEST = 1_200_000;
const TYPE = "pulumi-nodejs:dynamic/fc:AsyncInvokePolicyBatch";

type Target = { serviceName: string; functionName: string; qualifier?: string; overrides?: Record<string, unknown> };
type Policy = Record<string, unknown> & { targets: Target[] };
type Settings = { destinationConfig: Record<string, unknown>; maxAsyncEventAgeInSeconds: number; maxAsyncRetryAttempts: number; statefulInvocation: boolean };

let emulator: Emulator;
let sdk: Fc2Client;
let stack: EmulatorStack;
let policy: Policy;

const shop = (functionName: string, qualifier?: string, overrides?: Record<string, unknown>): Target => ({
  serviceName: "shop",
  functionName,
  ...(qualifier !== undefined && { qualifier }),
  ...(overrides !== undefined && { overrides }),
});

async function declare(next: Policy): Promise<void> {
  policy = next;
  await stack.setConfig("policy", JSON.stringify(next));
}

/** What the emulator holds for a config, in the batch's settings form; `undefined` when there is none. */
async function live(fn: string, qualifier = "LATEST"): Promise<Settings | undefined> {
  try {
    const { data } = await sdk.getFunctionAsyncConfig("shop", fn, qualifier);
    const sides = (data["destinationConfig"] ?? {}) as Record<string, unknown>;
    return {
      destinationConfig: Object.fromEntries(Object.entries(sides).filter(([, v]) => v !== null && v !== undefined)),
      maxAsyncEventAgeInSeconds: data["maxAsyncEventAgeInSeconds"] as number,
      maxAsyncRetryAttempts: data["maxAsyncRetryAttempts"] as number,
      statefulInvocation: data["statefulInvocation"] as boolean,
    };
  } catch (error) {
    if ((error as { code?: string }).code === "AsyncConfigNotExists") return undefined;
    throw error;
  }
}

async function apiCalls(action: () => Promise<unknown>): Promise<Record<string, number>> {
  await emulator.control.resetRequestCounts();
  await action();
  return Object.fromEntries(Object.entries(await emulator.control.requestCounts()).filter(([, n]) => n > 0));
}

/** The batch resource as `pulumi stack export` has it. */
async function exported(): Promise<{ inputs: Record<string, unknown>; outputs: { configs: Record<string, Settings>; pending?: string[] } & Record<string, unknown>; initErrors?: string[] }> {
  const state = JSON.parse(await pulumiOk(stack, ["stack", "export"], STEP)) as { deployment: { resources?: Array<{ type: string; inputs: Record<string, unknown>; outputs: never; initErrors?: string[] }> } };
  const batch = (state.deployment.resources ?? []).find((r) => r.type === TYPE);
  if (batch === undefined) throw new Error("no AsyncInvokePolicyBatch in state");
  return batch;
}

/** Every target the state records (a field left out is at its default) equals what the emulator holds. */
async function expectStateTrueToCloud(): Promise<void> {
  const { outputs } = await exported();
  for (const [key, recorded] of Object.entries(outputs.configs)) {
    const [, fn, qualifier] = key.split(":") as [string, string, string];
    const { adoptExisting: _adopted, ...settings } = recorded as Partial<Settings> & { adoptExisting?: true };
    expect({ key, settings: await live(fn, qualifier) }).toEqual({ key, settings: { ...DEFAULTS, ...settings } });
  }
}

const DEFAULTS: Settings = { destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3, statefulInvocation: false };

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc2For(emulator);
  await sdk.createService("shop");
  for (const fn of ["orders", "billing", "audit", "refund"]) await sdk.createFunction("shop", nodeFunction(fn));
  await sdk.publishVersion("shop"); // version 1
  await sdk.createAlias("shop", "prod", "1");
  stack = await emulatorStack({ program, label: "policy-batch", emulator });
}, 180_000);

afterAll(async () => {
  await emulator?.close();
});

describe("fc.AsyncInvokePolicyBatch through the Pulumi CLI", () => {
  it("creates the configs of every target with one Get and one Put each", async () => {
    await declare({
      maxAsyncRetryAttempts: 2,
      destinationConfig: { onFailure: { destination: QUEUE } },
      targets: [
        shop("orders"),
        shop("orders", "1", { maxAsyncEventAgeInSeconds: 3600 }),
        shop("orders", "prod", { statefulInvocation: true, destinationConfig: { onFailure: null, onSuccess: { destination: TOPIC } } }),
        shop("audit", undefined, { maxAsyncRetryAttempts: 0 }),
      ],
    });
    expect(planSteps(await pulumiOk(stack, ["preview", "--json"], STEP))).toEqual([{ op: "create", name: "fleet" }]);
    expect(await apiCalls(() => pulumiOk(stack, ["up", "--yes", "--skip-preview"], STEP))).toEqual({ GetFunctionAsyncInvokeConfig: 4, PutFunctionAsyncInvokeConfig: 4 });

    const failing = { destinationConfig: { onFailure: { destination: QUEUE } }, maxAsyncRetryAttempts: 2 };
    expect(await live("orders")).toEqual({ ...DEFAULTS, ...failing });
    expect(await live("orders", "1")).toEqual({ ...DEFAULTS, ...failing, maxAsyncEventAgeInSeconds: 3600 });
    expect(await live("orders", "prod")).toEqual({ ...DEFAULTS, maxAsyncRetryAttempts: 2, statefulInvocation: true, destinationConfig: { onSuccess: { destination: TOPIC } } });
    expect(await live("audit")).toEqual({ ...DEFAULTS, ...failing, maxAsyncRetryAttempts: 0 });
    const outputs = JSON.parse(await pulumiOk(stack, ["stack", "output", "configs", "--json"], STEP)) as Record<string, Settings>;
    expect(Object.keys(outputs)).toEqual(["shop:audit:LATEST", "shop:orders:1", "shop:orders:LATEST", "shop:orders:prod"]);
    expect(outputs["shop:orders:1"]).toEqual({ ...DEFAULTS, ...failing, maxAsyncEventAgeInSeconds: 3600 });
  }, TEST);

  it("previews no changes without calling the API", async () => {
    expect(await apiCalls(() => pulumiOk(stack, ["preview", "--expect-no-changes"], STEP))).toEqual({});
  }, TEST);

  it("shows in preview --diff which targets change and how, and updates only those", async () => {
    await declare({
      ...policy,
      maxAsyncRetryAttempts: 4,
      // audit leaves the policy, refund joins it; orders:prod keeps its own retries.
      targets: [shop("orders"), shop("orders", "1", { maxAsyncEventAgeInSeconds: 3600 }), shop("orders", "prod", { maxAsyncRetryAttempts: 2, statefulInvocation: true, destinationConfig: { onFailure: null, onSuccess: { destination: TOPIC } } }), shop("refund")],
    });
    // The inputs' diff, before the outputs' (which lists unchanged targets too).
    const diff = (await pulumiOk(stack, ["preview", "--diff"], STEP)).split("--outputs:--")[0] ?? "";
    expect(diff).toMatch(/~ shop:orders:LATEST\s*: \{\s*~ maxAsyncRetryAttempts\s*: 2 => 4\s*\}/);
    expect(diff).toMatch(/~ shop:orders:1\s*: \{\s*~ maxAsyncRetryAttempts\s*: 2 => 4\s*\}/);
    expect(diff).toMatch(/- shop:audit:LATEST\s*: \{/);
    expect(diff).toMatch(/\+ shop:refund:LATEST\s*: \{/);
    expect(diff).not.toContain("shop:orders:prod");

    expect(await apiCalls(() => pulumiOk(stack, ["up", "--yes", "--skip-preview"], STEP))).toEqual({
      DeleteFunctionAsyncInvokeConfig: 1,
      GetFunctionAsyncInvokeConfig: 1,
      PutFunctionAsyncInvokeConfig: 3,
    });
    expect(await live("audit")).toBeUndefined();
    expect(await live("refund")).toEqual({ ...DEFAULTS, maxAsyncRetryAttempts: 4, destinationConfig: { onFailure: { destination: QUEUE } } });
    expect(await live("orders")).toMatchObject({ maxAsyncRetryAttempts: 4 });
    await pulumiOk(stack, ["preview", "--expect-no-changes"], STEP);
  }, TEST);

  it("shows drift per target in preview --refresh, and up puts it right", async () => {
    await sdk.putFunctionAsyncConfig("shop", "orders", "1", { maxAsyncRetryAttempts: 7 });
    expect(await apiCalls(() => pulumiOk(stack, ["preview", "--expect-no-changes"], STEP))).toEqual({});

    let refreshed = "";
    expect(await apiCalls(async () => (refreshed = await pulumiOk(stack, ["preview", "--refresh", "--diff"], STEP)))).toEqual({ GetFunctionAsyncInvokeConfig: 4 });
    // What up would do about what refresh found: put orders:1 back from 7 to 4, nothing else.
    // The update step's inputs diff: after the refresh step, before the update's own outputs.
    const planned = (refreshed.split("AsyncInvokePolicyBatch: (update)")[1] ?? "").split("--outputs:--")[0] ?? "";
    expect(planned).toMatch(/~ shop:orders:1\s*: \{\s*~ maxAsyncRetryAttempts\s*: 7 => 4\s*\}/);
    expect(planned).not.toContain("shop:orders:LATEST");

    const refresh = await pulumiOk(stack, ["refresh", "--yes", "--diff"], STEP);
    expect(refresh).toMatch(/~ shop:orders:1\s*: \{\s*~ maxAsyncRetryAttempts\s*: 4 => 7\s*\}/);

    expect(await apiCalls(() => pulumiOk(stack, ["up", "--yes", "--skip-preview"], STEP))).toEqual({ PutFunctionAsyncInvokeConfig: 1 });
    expect(await live("orders", "1")).toMatchObject({ maxAsyncRetryAttempts: 4 });
    await pulumiOk(stack, ["preview", "--refresh", "--expect-no-changes"], STEP);
  }, TEST);

  it("refuses to take over an existing config per target, records the rest, and adopts when asked", async () => {
    await sdk.putFunctionAsyncConfig("shop", "billing", undefined, { maxAsyncRetryAttempts: 5 });
    await declare({ ...policy, targets: [...policy.targets, shop("billing"), shop("audit")] });

    const refused = await pulumiStep(stack, ["up", "--yes", "--skip-preview"], STEP);
    expect(refused.code).toBe(1);
    const text = refused.stdout + refused.stderr;
    // A partial failure: the engine prints the reasons, one per failed target.
    expect(text).toMatch(/error: 1 error occurred:\s*\* shop:billing:LATEST: an async invoke config already exists \(last modified [0-9TZ:-]+\)\. It is not overwritten silently/);
    expect(text).toContain("set `adoptExisting: true` in this target's overrides (or on the whole AsyncInvokePolicyBatch)");
    expect(await live("billing")).toEqual({ ...DEFAULTS, maxAsyncRetryAttempts: 5 });
    // audit, the other new target, went through and is recorded.
    expect(Object.keys((await exported()).outputs.configs)).toContain("shop:audit:LATEST");
    await expectStateTrueToCloud();

    await declare({ ...policy, targets: policy.targets.map((t) => (t.functionName === "billing" ? shop("billing", undefined, { adoptExisting: true }) : t)) });
    expect(await apiCalls(() => pulumiOk(stack, ["up", "--yes", "--skip-preview"], STEP))).toEqual({ PutFunctionAsyncInvokeConfig: 1 });
    expect(await live("billing")).toEqual({ ...DEFAULTS, maxAsyncRetryAttempts: 4, destinationConfig: { onFailure: { destination: QUEUE } } });
    await pulumiOk(stack, ["preview", "--expect-no-changes"], STEP);
  }, TEST);

  it("after a partial failure under injected 503s, state equals the cloud and the next up finishes", async () => {
    // One call at a time, and retries off for the failing step (the retry budget would otherwise wait the 503s out):
    // the first 2 Puts, those of the first two targets in key order, are refused.
    await declare({ ...policy, concurrency: 1, maxAsyncRetryAttempts: 6, targets: policy.targets.filter((t) => t.functionName !== "audit") });
    await pulumiOk(stack, ["up", "--yes", "--skip-preview"], STEP); // audit removed; concurrency 1 recorded
    await declare({ ...policy, maxAsyncRetryAttempts: 1, targets: [...policy.targets, shop("audit")] });
    await stack.setConfig("pulumi-async-invoke:retryBudgetSeconds", "0");
    await emulator.control.setFaults({ seed: 3, rates: { "503": 1 }, operations: ["PutFunctionAsyncInvokeConfig"], limit: 2 });
    const failed = await pulumiStep(stack, ["up", "--yes", "--skip-preview"], STEP);
    await emulator.control.clearFaults();
    await stack.setConfig("pulumi-async-invoke:retryBudgetSeconds", "300");
    expect(failed.code).toBe(1);
    expect(failed.stdout + failed.stderr).toMatch(
      /error: 2 errors occurred:\s*\* shop:audit:LATEST: PutFunctionAsyncInvokeConfig \(HTTP 503\) failed: ResourceThrottled: [^\n]*\n\s*\* shop:billing:LATEST: PutFunctionAsyncInvokeConfig \(HTTP 503\) failed: ResourceThrottled: /,
    );

    const partial = await exported();
    // audit (new) may or may not have landed: it is claimed as pending; billing kept its old, still live, values.
    expect(partial.outputs.pending).toEqual(["shop:audit:LATEST"]);
    expect(partial.outputs.configs["shop:billing:LATEST"]).toMatchObject({ maxAsyncRetryAttempts: 6 });
    expect(partial.outputs.configs["shop:orders:LATEST"]).toMatchObject({ maxAsyncRetryAttempts: 1 });
    expect(partial.initErrors?.length).toBe(2);
    await expectStateTrueToCloud();
    expect(await live("audit")).toBeUndefined();

    // The next up Puts the two that failed — audit without a take-over check, since this stack claimed it.
    expect(await apiCalls(() => pulumiOk(stack, ["up", "--yes", "--skip-preview"], STEP))).toEqual({ PutFunctionAsyncInvokeConfig: 2 });
    expect(await live("audit")).toMatchObject({ maxAsyncRetryAttempts: 1 });
    expect(await live("billing")).toMatchObject({ maxAsyncRetryAttempts: 1 });
    expect((await exported()).outputs.pending).toBeUndefined();
    await pulumiOk(stack, ["preview", "--expect-no-changes"], STEP);
  }, TEST);

  it("absorbs seeded 429s, 503s and connection resets with retries", async () => {
    await declare({ ...policy, concurrency: 4, maxAsyncRetryAttempts: 5 });
    // Seed 12's first draws are 0.29, 0.08, 0.58, 0.94, 0.15, 0.01: a 503 and a 429 on the first two requests, so the
    // step always meets faults (seed 11's first six draws all missed these rates).
    await emulator.control.setFaults({ seed: 12, rates: { "429": 0.15, "503": 0.15, reset: 0.1 } });
    const result = await pulumiStep(stack, ["up", "--yes", "--skip-preview"], STEP);
    const { stats } = await emulator.control.faults();
    await emulator.control.clearFaults();
    expect(stats.injected["429"] + stats.injected["503"] + stats.injected.reset).toBeGreaterThan(0);
    // Whatever the draws did, state is the cloud's; one more up (no faults) leaves nothing to do.
    await expectStateTrueToCloud();
    if (result.code !== 0) await pulumiOk(stack, ["up", "--yes", "--skip-preview"], STEP);
    for (const fn of ["orders", "billing", "refund", "audit"]) expect(await live(fn)).toMatchObject({ maxAsyncRetryAttempts: 5 });
    await pulumiOk(stack, ["preview", "--refresh", "--expect-no-changes"], STEP);
  }, TEST);

  it("keeps credentials out of state and stays under 1 KB per target", async () => {
    const text = stack.backendText();
    expect(text).not.toContain(emulator.credentials.accessKeySecret);
    expect(text).not.toContain(emulator.credentials.accessKeyId);
    const batch = await exported();
    const targets = Object.keys(batch.outputs.configs).length;
    expect(targets).toBe(6);
    expect(Buffer.byteLength(JSON.stringify(batch)) / targets).toBeLessThan(1024);
  }, TEST);

  it("destroys every config it created or adopted", async () => {
    expect(await apiCalls(() => pulumiOk(stack, ["destroy", "--yes", "--skip-preview"], STEP))).toEqual({ DeleteFunctionAsyncInvokeConfig: 6 });
    for (const fn of ["orders", "billing", "audit", "refund"]) {
      const { data } = await sdk.listFunctionAsyncConfigs("shop", fn);
      expect(data["configs"] ?? []).toEqual([]);
    }
  }, TEST);
});
