// fc.AsyncInvokePolicy over all three APIs at once, through the real Pulumi CLI against the emulator: one policy whose
// targets are an FC 2.0 function, FC 3.0 functions (LATEST and an alias) and FunctionGraph functions (by URN and by
// name, with overrides). Each cloud's official SDK reads back exactly what the policy means for it (FC-form
// destinations go to FC 2.0 and 3.0 only; a FunctionGraph target's destinations come from its overrides); a no-op
// preview calls no API; a policy change updates every child in place; drift made with the FC 3.0 SDK shows in
// `preview --refresh` on that child alone; a value out of FC 3.0's range stops preview naming the target, before
// any call; destroy leaves no config in any of the three. The steps share one stack and run in order; a failed step
// clears the backend's lock so it never cascades.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { emulatorStack, planSteps, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { functionGraphSdk, sdkFailure, urnOf, type HuaweiFgClient } from "../../scripts/lib/huawei-sdk.ts";
import { liveAsyncConfig } from "../../scripts/lib/official-sdks.ts";
import { failure, fc2For, nodeFunction, requestsDuring, startEmulator, type Fc2Client } from "../kit/emulator";
import { $Fc3, fc3Failure, fc3For, fc3NodeFunction, liveFc3Config, putConfig, type Fc3 } from "../kit/fc3";
import { configureFunctionGraph, fgNodeFunction } from "../kit/functiongraph";

const program = path.join(__dirname, "fixtures", "policy-apis");
const ACCOUNT = "1234567890123456";
const QUEUE = `acs:mns:cn-hangzhou:${ACCOUNT}:/queues/orders-failed/messages`;
/** A step runs up to four CLI commands; on a loaded 2-core box each can take a minute or more. */
const STEP_MS = 900_000;

let emulator: Emulator;
let fc2: Fc2Client;
let fc3: Fc3;
let fg: HuaweiFgClient;
let stack: EmulatorStack;
const fgUrn = (fn: string, q = "latest") => urnOf(emulator, fn, q);

async function declare(policy: Record<string, unknown>): Promise<void> {
  await stack.setConfig("policy", JSON.stringify(policy));
}

/** The policy the steps start from; `retries` is the one value later steps change. */
function policy(retries: number, extra: Record<string, unknown> = {}) {
  return {
    maxAsyncRetryAttempts: retries,
    maxAsyncEventAgeInSeconds: 3600,
    destinationConfig: { onFailure: { destination: QUEUE } },
    ...extra,
    targets: [
      { serviceName: "shop", functionName: "orders" },
      { api: "fc3", functionName: "billing" },
      { api: "fc3", functionName: "billing", qualifier: "prod", overrides: { asyncTask: true } },
      { api: "functiongraph", functionUrn: fgUrn("audit") },
      {
        api: "functiongraph",
        functionName: "mailer",
        overrides: { maxAsyncRetryAttempts: 0, enableAsyncStatusLog: true, destinationConfig: { onFailure: { type: "SMN", topicUrn: `urn:smn:cn-north-4:${emulator.projectId}:mail-failed` } } },
      },
    ],
  };
}

const CHILDREN = ["fleet/fc3/billing:LATEST", "fleet/fc3/billing:prod", "fleet/functiongraph/default/mailer:latest", "fleet/shop:orders:LATEST"];
const fgChild = () => `fleet/functiongraph/${fgUrn("audit")}`;

/** API calls made by `action`, per operation, across the three APIs. */
const apiCalls = (action: () => Promise<unknown>) => requestsDuring(emulator, action);

async function fgLive(urn: string): Promise<Record<string, unknown>> {
  const { httpStatusCode: _s, created_time: _c, last_modified: _m, func_urn: _u, ...rest } = await fg.showFunctionAsyncInvokeConfig({ function_urn: urn });
  return rest;
}

beforeAll(async () => {
  emulator = await startEmulator();
  fc2 = fc2For(emulator);
  fc3 = fc3For(emulator);
  fg = functionGraphSdk(emulator);
  await fc2.createService("shop");
  await fc2.createFunction("shop", nodeFunction("orders"));
  await fc3.createFunction(fc3NodeFunction("billing"));
  await fc3.publishFunctionVersion("billing", new $Fc3.PublishFunctionVersionRequest({ body: new $Fc3.PublishVersionInput({}) }));
  await fc3.createAlias("billing", new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: "prod", versionId: "1" }) }));
  for (const fn of ["audit", "mailer"]) {
    await fg.createFunction(fgNodeFunction(fn));
  }
  stack = await emulatorStack({ program, label: "policy-apis", emulator });
  await configureFunctionGraph(stack, emulator);
}, 300_000);

afterEach((context) => {
  if (context.task.result?.state === "fail" && stack !== undefined) rmSync(path.join(stack.backendDir, ".pulumi", "locks"), { recursive: true, force: true });
});

afterAll(async () => {
  await emulator?.close();
});

describe("fc.AsyncInvokePolicy over FC 2.0, FC 3.0 and FunctionGraph targets", () => {
  it(
    "creates one child per target, each holding what the policy means for its API",
    async () => {
      await declare(policy(1));
      const names = planSteps(await stack.run(["preview", "--json"])).filter((s) => s.name.startsWith("fleet/"));
      expect(names.map((s) => `${s.op} ${s.name}`).sort()).toEqual([...CHILDREN, fgChild()].map((n) => `create ${n}`).sort());
      await stack.run(["up", "--yes", "--skip-preview"]);

      expect(await liveAsyncConfig(fc2, "shop", "orders")).toEqual({
        qualifier: "LATEST",
        maxAsyncRetryAttempts: 1,
        maxAsyncEventAgeInSeconds: 3600,
        statefulInvocation: false,
        destinationConfig: { onSuccess: null, onFailure: { destination: QUEUE } },
      });
      expect(await liveFc3Config(fc3, "billing")).toEqual({
        asyncTask: false,
        maxAsyncRetryAttempts: 1,
        maxAsyncEventAgeInSeconds: 3600,
        destinationConfig: { onFailure: { destination: QUEUE } },
      });
      expect(await liveFc3Config(fc3, "billing", "prod")).toEqual({
        asyncTask: true,
        maxAsyncRetryAttempts: 1,
        maxAsyncEventAgeInSeconds: 3600,
        destinationConfig: { onFailure: { destination: QUEUE } },
      });
      // The FC-form destination is not applied to FunctionGraph targets; their own overrides are.
      expect(await fgLive(fgUrn("audit"))).toEqual({ max_async_retry_attempts: 1, max_async_event_age_in_seconds: 3600, enable_async_status_log: false, destination_config: {} });
      expect(await fgLive(fgUrn("mailer"))).toEqual({
        max_async_retry_attempts: 0,
        max_async_event_age_in_seconds: 3600,
        enable_async_status_log: true,
        destination_config: { on_failure: { destination: "SMN", param: JSON.stringify({ topic_urn: `urn:smn:cn-north-4:${emulator.projectId}:mail-failed` }) } },
      });
    },
    STEP_MS,
  );

  it(
    "previews no change without calling any API",
    async () => {
      const calls = await apiCalls(async () => {
        const steps = planSteps(await stack.run(["preview", "--json"]));
        expect(steps.filter((s) => s.op !== "same")).toEqual([]);
      });
      expect(calls).toEqual({});
    },
    STEP_MS,
  );

  it(
    "updates every child in place when the policy changes, keeping a target's own override",
    async () => {
      await declare(policy(2));
      const changed = planSteps(await stack.run(["preview", "--json"])).filter((s) => s.op !== "same");
      // mailer overrides maxAsyncRetryAttempts, so the policy's change does not reach it.
      expect(changed).toEqual(
        [...CHILDREN.filter((n) => !n.includes("mailer")), fgChild()]
          .sort((a, b) => a.localeCompare(b))
          .map((name) => ({ op: "update", name, diffs: ["maxAsyncRetryAttempts"] })),
      );
      const calls = await apiCalls(() => stack.run(["up", "--yes", "--skip-preview"]));
      expect(calls).toEqual({ PutFunctionAsyncInvokeConfig: 1, "fc3:PutAsyncInvokeConfig": 2, "functiongraph:UpdateFunctionAsyncInvokeConfig": 1 });
      expect((await liveAsyncConfig(fc2, "shop", "orders")).maxAsyncRetryAttempts).toBe(2);
      expect((await liveFc3Config(fc3, "billing")).maxAsyncRetryAttempts).toBe(2);
      expect((await liveFc3Config(fc3, "billing", "prod")).maxAsyncRetryAttempts).toBe(2);
      expect((await fgLive(fgUrn("audit")))["max_async_retry_attempts"]).toBe(2);
      expect((await fgLive(fgUrn("mailer")))["max_async_retry_attempts"]).toBe(0);
    },
    STEP_MS,
  );

  it(
    "shows drift made with the FC 3.0 SDK on that child alone, and up puts it back",
    async () => {
      await putConfig(fc3, "billing", { maxAsyncRetryAttempts: 0, maxAsyncEventAgeInSeconds: 3600, asyncTask: true, destinationConfig: new $Fc3.DestinationConfig({ onFailure: new $Fc3.Destination({ destination: QUEUE }) }) }, "prod");
      const changed = planSteps(await stack.run(["preview", "--refresh", "--json"])).filter((s) => s.op !== "same" && s.op !== "refresh");
      expect(changed).toEqual([{ op: "update", name: "fleet/fc3/billing:prod", diffs: ["maxAsyncRetryAttempts"] }]);
      await stack.run(["up", "--yes", "--refresh", "--skip-preview"]);
      expect((await liveFc3Config(fc3, "billing", "prod")).maxAsyncRetryAttempts).toBe(2);
    },
    STEP_MS,
  );

  it(
    "refuses a value out of FC 3.0's range before any call, naming the target and the range",
    async () => {
      await declare(policy(2, { maxAsyncEventAgeInSeconds: 100_000 }));
      const calls = await apiCalls(async () => {
        const result = await stack.attempt(["preview"]);
        expect(result.code).not.toBe(0);
        const output = result.stdout + result.stderr;
        expect(output).toContain("targets[1].maxAsyncEventAgeInSeconds must be an integer from 1 to 86400 (default 86400) on FC 3.0; got 100000");
        expect(output).toContain("targets[2].maxAsyncEventAgeInSeconds must be an integer from 1 to 86400 (default 86400) on FC 3.0; got 100000");
        // A clean refusal: the message alone, no stack trace of the program.
        expect(output).not.toContain("unhandled exception");
        expect(output).toContain("targets[3].maxAsyncEventAgeInSeconds must be an integer from 1 to 86400 (default 3600) on FunctionGraph; got 100000");
      });
      expect(calls).toEqual({});
      // The refused preview changed nothing: the configs still hold the last applied policy.
      expect((await liveFc3Config(fc3, "billing")).maxAsyncEventAgeInSeconds).toBe(3600);
      await declare(policy(2));
    },
    STEP_MS,
  );

  it(
    "destroys every child: no config is left in any of the three APIs",
    async () => {
      const calls = await apiCalls(() => stack.run(["destroy", "--yes", "--skip-preview"]));
      expect(calls).toEqual({ DeleteFunctionAsyncInvokeConfig: 1, "fc3:DeleteAsyncInvokeConfig": 2, "functiongraph:DeleteFunctionAsyncInvokeConfig": 2 });
      expect((await failure(fc2.getFunctionAsyncConfig("shop", "orders"))).code).toBe("AsyncConfigNotExists");
      expect((await fc3Failure(fc3.getAsyncInvokeConfig("billing", new $Fc3.GetAsyncInvokeConfigRequest({})))).code).toBe("AsyncConfigNotExists");
      expect((await fc3Failure(fc3.getAsyncInvokeConfig("billing", new $Fc3.GetAsyncInvokeConfigRequest({ qualifier: "prod" })))).code).toBe("AsyncConfigNotExists");
      for (const fn of ["audit", "mailer"]) expect((await sdkFailure(fg.showFunctionAsyncInvokeConfig({ function_urn: fgUrn(fn) }))).status).toBe(404);
    },
    STEP_MS,
  );
});
