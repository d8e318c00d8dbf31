// fc.AsyncInvokePolicyBatch over all three APIs through the real Pulumi CLI against the emulator: one batch holding
// FC 2.0, FC 3.0 and FunctionGraph targets. Create (each API's calls, and the configs each API holds, read back with
// that API's official SDK); one setting updated, named per target by `preview --diff`; drift made with the SDKs seen
// per target by `preview --refresh` and put right by `up`; refusal to take over an existing FC 3.0 config, then
// adoption; destroy removes every config. FC 2.0 and 3.0 sign with `alicloud:*`, FunctionGraph with `huaweicloud:*`.
// The steps share one stack and run in order; each command has a deadline that cannot leave the stack locked.
import path from "node:path";
import { rmSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { emulatorStack, planSteps, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { functionGraphSdk, urnOf, type HuaweiFgClient } from "../../scripts/lib/huawei-sdk.ts";
import { fc2For, nodeFunction, startEmulator, type Fc2Client } from "../kit/emulator";
import { $Fc3, fc3For, fc3NodeFunction, liveFc3Config, putConfig, type Fc3 } from "../kit/fc3";
import { configureFunctionGraph, fgNodeFunction } from "../kit/functiongraph";
import { pulumiOk, pulumiStep } from "../kit/pulumi-step";

const program = path.join(__dirname, "fixtures", "policy-batch");
const QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/orders-failed/messages";
/** Deadline of one pulumi command (a loaded 2-core box takes minutes); a test runs several, so it gets more. */
const STEP = 300_000;
const TEST = 1_200_000;
const TYPE = "pulumi-nodejs:dynamic/fc:AsyncInvokePolicyBatch";

type Policy = Record<string, unknown> & { targets: Record<string, unknown>[] };

let emulator: Emulator;
let fc2: Fc2Client;
let fc3: Fc3;
let fg: HuaweiFgClient;
let stack: EmulatorStack;
let policy: Policy;

async function declare(next: Policy): Promise<void> {
  policy = next;
  await stack.setConfig("policy", JSON.stringify(next));
}

/** Calls made by `action`, per operation (FC 2.0's unprefixed, `fc3:…`, `functiongraph:…`). */
async function apiCalls(action: () => Promise<unknown>): Promise<Record<string, number>> {
  await emulator.control.resetRequestCounts();
  await action();
  return Object.fromEntries(Object.entries(await emulator.control.requestCounts()).filter(([, n]) => n > 0));
}

async function liveFc2(fn: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { data } = await fc2.getFunctionAsyncConfig("shop", fn, "LATEST");
    const sides = (data["destinationConfig"] ?? {}) as Record<string, unknown>;
    return {
      destinationConfig: Object.fromEntries(Object.entries(sides).filter(([, v]) => v !== null && v !== undefined)),
      maxAsyncEventAgeInSeconds: data["maxAsyncEventAgeInSeconds"],
      maxAsyncRetryAttempts: data["maxAsyncRetryAttempts"],
      statefulInvocation: data["statefulInvocation"],
    };
  } catch (error) {
    if ((error as { code?: string }).code === "AsyncConfigNotExists") return undefined;
    throw error;
  }
}

async function liveFg(fn: string, q = "latest"): Promise<Record<string, unknown>> {
  const { httpStatusCode: _s, created_time: _c, last_modified: _m, ...rest } = await fg.showFunctionAsyncInvokeConfig({ function_urn: urnOf(emulator, fn, q) });
  return rest;
}

/** The batch resource as `pulumi stack export` has it. */
async function exported(): Promise<{ outputs: { configs: Record<string, Record<string, unknown>>; pending?: string[] } }> {
  const state = JSON.parse(await pulumiOk(stack, ["stack", "export"], STEP)) as { deployment: { resources?: Array<{ type: string; outputs: never }> } };
  const batch = (state.deployment.resources ?? []).find((r) => r.type === TYPE);
  if (batch === undefined) throw new Error("no AsyncInvokePolicyBatch in state");
  return batch;
}

const FC2 = { destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3, statefulInvocation: false };
const FC3 = { asyncTask: false, destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3 };
const FG = { destinationConfig: {}, enableAsyncStatusLog: false, maxAsyncEventAgeInSeconds: 3600, maxAsyncRetryAttempts: 1 };

const FG_PROD = () => `functiongraph/${urnOf(emulator, "reports", "!prod")}`;

beforeAll(async () => {
  emulator = await startEmulator();
  fc2 = fc2For(emulator);
  await fc2.createService("shop");
  await fc2.createFunction("shop", nodeFunction("orders"));
  fc3 = fc3For(emulator);
  for (const fn of ["invoices", "billing"]) await fc3.createFunction(fc3NodeFunction(fn));
  fg = functionGraphSdk(emulator);
  await fg.createFunction(fgNodeFunction("reports"));
  await fg.createFunctionVersion({ function_urn: urnOf(emulator, "reports"), body: { version: "1" } });
  await fg.createVersionAlias({ function_urn: urnOf(emulator, "reports"), body: { name: "prod", version: "1" } });
  stack = await emulatorStack({ program, label: "policy-batch-apis", emulator });
  await configureFunctionGraph(stack, emulator);
}, 300_000);

// A step that failed must not leave the file backend locked for the steps after it.
afterEach((context) => {
  if (context.task.result?.state === "fail" && stack !== undefined) rmSync(path.join(stack.backendDir, ".pulumi", "locks"), { recursive: true, force: true });
});

afterAll(async () => {
  await emulator?.close();
});

describe("fc.AsyncInvokePolicyBatch over FC 2.0, FC 3.0 and FunctionGraph through the Pulumi CLI", () => {
  it("creates every target's config on its own API, with that API's defaults and ranges", async () => {
    await declare({
      maxAsyncRetryAttempts: 2,
      statefulInvocation: true,
      destinationConfig: { onFailure: { destination: QUEUE } },
      targets: [
        { serviceName: "shop", functionName: "orders" },
        { api: "fc3", functionName: "invoices", overrides: { maxAsyncEventAgeInSeconds: 3600 } },
        { api: "functiongraph", functionName: "reports", overrides: { destinationConfig: { onFailure: { type: "DIS", streamName: "reports-dlq" } } } },
        { api: "functiongraph", functionUrn: urnOf(emulator, "reports", "!prod"), overrides: { maxAsyncRetryAttempts: 0 } },
      ],
    });
    expect(planSteps(await pulumiOk(stack, ["preview", "--json"], STEP))).toEqual([{ op: "create", name: "fleet" }]);
    expect(await apiCalls(() => pulumiOk(stack, ["up", "--yes", "--skip-preview"], STEP))).toEqual({
      GetFunctionAsyncInvokeConfig: 1,
      PutFunctionAsyncInvokeConfig: 1,
      "fc3:GetAsyncInvokeConfig": 1,
      "fc3:PutAsyncInvokeConfig": 1,
      "functiongraph:ShowFunctionAsyncInvokeConfig": 2,
      "functiongraph:UpdateFunctionAsyncInvokeConfig": 2,
    });

    expect(await liveFc2("orders")).toEqual({ ...FC2, maxAsyncRetryAttempts: 2, statefulInvocation: true, destinationConfig: { onFailure: { destination: QUEUE } } });
    expect(await liveFc3Config(fc3, "invoices")).toEqual({ ...FC3, maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 3600, asyncTask: true, destinationConfig: { onFailure: { destination: QUEUE } } });
    // FunctionGraph: the policy's retries; not its FC-form destination nor its task switch, which FunctionGraph has not.
    expect(await liveFg("reports")).toEqual({
      func_urn: urnOf(emulator, "reports"),
      max_async_retry_attempts: 2,
      max_async_event_age_in_seconds: 3600,
      enable_async_status_log: false,
      destination_config: { on_failure: { destination: "DIS", param: '{"stream_name":"reports-dlq"}' } },
    });
    expect(await liveFg("reports", "!prod")).toEqual({ func_urn: urnOf(emulator, "reports", "!prod"), max_async_retry_attempts: 0, max_async_event_age_in_seconds: 3600, enable_async_status_log: false, destination_config: {} });

    const outputs = JSON.parse(await pulumiOk(stack, ["stack", "output", "configs", "--json"], STEP)) as Record<string, unknown>;
    expect(outputs).toEqual({
      "fc3/invoices:LATEST": { ...FC3, maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 3600, asyncTask: true, destinationConfig: { onFailure: { destination: QUEUE } } },
      [FG_PROD()]: { ...FG, maxAsyncRetryAttempts: 0 },
      "functiongraph/default/reports:latest": { ...FG, maxAsyncRetryAttempts: 2, destinationConfig: { onFailure: { type: "DIS", streamName: "reports-dlq" } } },
      "shop:orders:LATEST": { ...FC2, maxAsyncRetryAttempts: 2, statefulInvocation: true, destinationConfig: { onFailure: { destination: QUEUE } } },
    });
  }, TEST);

  it("refuses a value out of one API's range before any call, naming the target and the field", async () => {
    const before = policy;
    // 2592000 s is within FC 2.0's range, beyond FC 3.0's and FunctionGraph's (the FC 3.0 target's own override removed).
    await declare({ ...policy, maxAsyncEventAgeInSeconds: 2592000, targets: policy.targets.map((t) => (t["api"] === "fc3" ? { api: "fc3", functionName: "invoices" } : t)) });
    try {
      let failed = { code: 0, stdout: "", stderr: "" };
      expect(await apiCalls(async () => (failed = await pulumiStep(stack, ["preview"], STEP)))).toEqual({});
      expect(failed.code).toBe(1);
      const text = failed.stdout + failed.stderr;
      const problem = (key: string) => new RegExp(`property configs\\["${key.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"\\]\\.maxAsyncEventAgeInSeconds value \\{[^}]*\\} has a problem: ([^\\n]*)`);
      expect(problem("fc3/invoices:LATEST").exec(text)?.[1]).toBe("must be an integer from 1 to 86400 (default 86400); got 2592000");
      expect(problem("functiongraph/default/reports:latest").exec(text)?.[1]).toBe("maxAsyncEventAgeInSeconds must be an integer from 1 to 86400 (default 3600); got 2592000");
      expect(problem(FG_PROD()).exec(text)?.[1]).toBe("maxAsyncEventAgeInSeconds must be an integer from 1 to 86400 (default 3600); got 2592000");
      expect(text).not.toContain('configs["shop:orders:LATEST"]');
    } finally {
      await declare(before);
    }
  }, TEST);

  it("shows in preview --diff the one target whose setting changes, and writes only that one", async () => {
    await declare({ ...policy, targets: policy.targets.map((t) => (t["api"] === "fc3" ? { ...t, overrides: { maxAsyncEventAgeInSeconds: 7200 } } : t)) });
    const diff = (await pulumiOk(stack, ["preview", "--diff"], STEP)).split("--outputs:--")[0] ?? "";
    expect(diff).toMatch(/~ fc3\/invoices:LATEST\s*: \{\s*~ maxAsyncEventAgeInSeconds\s*: 3600 => 7200\s*\}/);
    expect(diff).not.toContain("shop:orders:LATEST");
    expect(diff).not.toContain("functiongraph/");
    expect(await apiCalls(() => pulumiOk(stack, ["up", "--yes", "--skip-preview"], STEP))).toEqual({ "fc3:PutAsyncInvokeConfig": 1 });
    expect(await liveFc3Config(fc3, "invoices")).toMatchObject({ maxAsyncEventAgeInSeconds: 7200 });
  }, TEST);

  it("shows drift made with each SDK per target in preview --refresh, and up puts it right", async () => {
    await putConfig(fc3, "invoices", { maxAsyncRetryAttempts: 7, maxAsyncEventAgeInSeconds: 7200, asyncTask: true, destinationConfig: new $Fc3.DestinationConfig({ onFailure: new $Fc3.Destination({ destination: QUEUE }) }) });
    await fg.updateFunctionAsyncInvokeConfig({ function_urn: urnOf(emulator, "reports"), body: { max_async_retry_attempts: 3, destination_config: { on_failure: { destination: "DIS", param: '{"stream_name":"reports-dlq"}' } } } });

    let refreshed = "";
    expect(await apiCalls(async () => (refreshed = await pulumiOk(stack, ["preview", "--refresh", "--diff"], STEP)))).toEqual({
      GetFunctionAsyncInvokeConfig: 1,
      "fc3:GetAsyncInvokeConfig": 1,
      "functiongraph:ShowFunctionAsyncInvokeConfig": 2,
    });
    // The update the refresh leads to: each drifted target back to the program's value, nothing else.
    const planned = (refreshed.split("AsyncInvokePolicyBatch: (update)")[1] ?? "").split("--outputs:--")[0] ?? "";
    expect(planned).toMatch(/~ fc3\/invoices:LATEST\s*: \{\s*~ maxAsyncRetryAttempts\s*: 7 => 2\s*\}/);
    expect(planned).toMatch(/~ functiongraph\/default\/reports:latest\s*: \{\s*~ maxAsyncRetryAttempts\s*: 3 => 2\s*\}/);
    expect(planned).not.toContain("shop:orders:LATEST");

    expect(await apiCalls(() => pulumiOk(stack, ["up", "--yes", "--skip-preview", "--refresh"], STEP))).toEqual({
      GetFunctionAsyncInvokeConfig: 1,
      "fc3:GetAsyncInvokeConfig": 1,
      "fc3:PutAsyncInvokeConfig": 1,
      "functiongraph:ShowFunctionAsyncInvokeConfig": 2,
      "functiongraph:UpdateFunctionAsyncInvokeConfig": 1,
    });
    expect((await liveFc3Config(fc3, "invoices")).maxAsyncRetryAttempts).toBe(2);
    expect((await liveFg("reports"))["max_async_retry_attempts"]).toBe(2);
  }, TEST);

  it("refuses to take over an existing FC 3.0 config, records the rest, and adopts when asked", async () => {
    await putConfig(fc3, "billing", { maxAsyncRetryAttempts: 5 });
    await declare({ ...policy, targets: [...policy.targets, { api: "fc3", functionName: "billing" }] });
    const refused = await pulumiStep(stack, ["up", "--yes", "--skip-preview"], STEP);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(
      /error: 1 error occurred:\s*\* fc3\/billing:LATEST: an async invoke config already exists \(last modified [0-9TZ:-]+\)\. It is not overwritten silently/,
    );
    expect(await liveFc3Config(fc3, "billing")).toEqual({ ...FC3, maxAsyncRetryAttempts: 5 });
    expect(Object.keys((await exported()).outputs.configs)).not.toContain("fc3/billing:LATEST");

    await declare({ ...policy, targets: policy.targets.map((t) => (t["functionName"] === "billing" ? { ...t, overrides: { adoptExisting: true } } : t)) });
    expect(await apiCalls(() => pulumiOk(stack, ["up", "--yes", "--skip-preview"], STEP))).toEqual({ "fc3:PutAsyncInvokeConfig": 1 });
    expect(await liveFc3Config(fc3, "billing")).toEqual({ ...FC3, maxAsyncRetryAttempts: 2, asyncTask: true, destinationConfig: { onFailure: { destination: QUEUE } } });
    expect((await exported()).outputs.configs["fc3/billing:LATEST"]).toMatchObject({ adoptExisting: true, maxAsyncRetryAttempts: 2 });
  }, TEST);

  it("destroys every config on every API, and keeps no credential in state", async () => {
    const text = stack.backendText();
    expect(text).not.toContain(emulator.credentials.accessKeySecret);
    expect(await apiCalls(() => pulumiOk(stack, ["destroy", "--yes", "--skip-preview"], STEP))).toEqual({
      DeleteFunctionAsyncInvokeConfig: 1,
      "fc3:DeleteAsyncInvokeConfig": 2,
      "functiongraph:DeleteFunctionAsyncInvokeConfig": 2,
    });
    expect(await liveFc2("orders")).toBeUndefined();
    for (const fn of ["invoices", "billing"]) {
      const { body } = await fc3.listAsyncInvokeConfigs(new $Fc3.ListAsyncInvokeConfigsRequest({ functionName: fn }));
      expect({ fn, configs: body?.configs ?? [] }).toEqual({ fn, configs: [] });
    }
    const listed = (await fg.listFunctionAsyncInvokeConfig({ function_urn: urnOf(emulator, "reports") })) as { configs?: unknown[] };
    expect(listed.configs ?? []).toEqual([]);
  }, TEST);
});
