// fc3.AsyncInvokeConfig through the real Pulumi CLI against the emulator, the way users run it: create on LATEST,
// a version and an alias; onFailure alone and onSuccess alone; a no-op preview that calls no API; each field updated
// in place; a removed field back to its default; drift made with @alicloud/fc20230330 seen by `preview --refresh`
// and fixed by `up`; a config deleted out of band; refusal to take over, then adoption; a qualifier change that
// replaces; no credential in the backend; destroy leaves none. The steps share one stack and run in order.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { emulatorStack, planSteps, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { startEmulator } from "../kit/emulator";
import { $Fc3, fc3Failure, fc3For, fc3NodeFunction, liveFc3Config, putConfig, type Fc3 } from "../kit/fc3";

const program = path.join(__dirname, "fixtures", "fc3-configs");
const ACCOUNT = "1234567890123456";
const REGION = "cn-hangzhou";
const FAILED_QUEUE = `acs:mns:${REGION}:${ACCOUNT}:/queues/orders-failed/messages`;
const DONE_TOPIC = `acs:mns:${REGION}:${ACCOUNT}:/topics/orders-done/messages`;
const AUDIT_FUNCTION = `acs:fc:${REGION}:${ACCOUNT}:functions/audit`;
/** A step runs up to five CLI commands; on a loaded 2-core box (load 30) each took 60-70 s. */
const STEP_MS = 900_000;

type Args = Record<string, unknown>;

let emulator: Emulator;
let sdk: Fc3;
let stack: EmulatorStack;
let declared: Record<string, Args>;

async function declare(configs: Record<string, Args>): Promise<void> {
  declared = configs;
  await stack.setConfig("configs", JSON.stringify(configs));
}

const live = (fn: string, qualifier?: string) => liveFc3Config(sdk, fn, qualifier);
const defaults = { asyncTask: false, maxAsyncRetryAttempts: 3, maxAsyncEventAgeInSeconds: 86400, destinationConfig: {} };

async function apiCalls(action: () => Promise<unknown>): Promise<Record<string, number>> {
  await emulator.control.resetRequestCounts();
  await action();
  return emulator.control.requestCounts();
}

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc3For(emulator);
  for (const fn of ["orders", "billing", "audit"]) await sdk.createFunction(fc3NodeFunction(fn));
  await sdk.publishFunctionVersion("orders", new $Fc3.PublishFunctionVersionRequest({ body: new $Fc3.PublishVersionInput({}) }));
  for (const alias of ["prod", "staging"]) {
    await sdk.createAlias("orders", new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: alias, versionId: "1" }) }));
  }
  stack = await emulatorStack({ program, label: "fc3-configs", emulator });
}, 180_000);

// A step that failed (or timed out) must not leave the file backend locked for the steps after it.
afterEach((context) => {
  if (context.task.result?.state === "fail" && stack !== undefined) rmSync(path.join(stack.backendDir, ".pulumi", "locks"), { recursive: true, force: true });
});

afterAll(async () => {
  await emulator?.close();
});

describe("fc3.AsyncInvokeConfig through the Pulumi CLI", () => {
  it(
    "creates configs on LATEST, a version and an alias; onFailure alone and onSuccess alone",
    async () => {
      await declare({
        latest: { functionName: "orders", maxAsyncRetryAttempts: 0 },
        version1: { functionName: "orders", qualifier: "1", maxAsyncEventAgeInSeconds: 3600, destinationConfig: { onFailure: { destination: FAILED_QUEUE } } },
        prod: { functionName: "orders", qualifier: "prod", asyncTask: true, destinationConfig: { onSuccess: { destination: AUDIT_FUNCTION } } },
      });
      expect(planSteps(await stack.run(["preview", "--json"]))).toEqual([
        { op: "create", name: "latest" },
        { op: "create", name: "prod" },
        { op: "create", name: "version1" },
      ]);
      // One Get (is there a config to take over by mistake?) and one Put per config.
      expect(await apiCalls(() => stack.run(["up", "--yes", "--skip-preview"]))).toEqual({ "fc3:GetAsyncInvokeConfig": 3, "fc3:PutAsyncInvokeConfig": 3 });

      expect(await live("orders")).toEqual({ ...defaults, maxAsyncRetryAttempts: 0 });
      expect(await live("orders", "1")).toEqual({ ...defaults, maxAsyncEventAgeInSeconds: 3600, destinationConfig: { onFailure: { destination: FAILED_QUEUE } } });
      expect(await live("orders", "prod")).toEqual({ ...defaults, asyncTask: true, destinationConfig: { onSuccess: { destination: AUDIT_FUNCTION } } });
      const outputs = JSON.parse(await stack.run(["stack", "output", "outputs", "--json"])) as Record<string, Args>;
      expect(outputs["prod"]).toEqual({
        id: "orders:prod",
        qualifier: "prod",
        asyncTask: true,
        maxAsyncRetryAttempts: 3,
        maxAsyncEventAgeInSeconds: 86400,
        destinationConfig: { onSuccess: { destination: AUDIT_FUNCTION } },
        functionArn: `acs:fc:${REGION}:${ACCOUNT}:functions/orders/prod`,
        createdTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        lastModifiedTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      });
      expect(outputs["latest"]?.["id"]).toBe("orders:LATEST");
    },
    STEP_MS,
  );

  it(
    "previews no changes without calling the API, also with defaults written out or keys reordered",
    async () => {
      expect(await apiCalls(() => stack.run(["preview", "--expect-no-changes"]))).toEqual({});
      const { version1, prod } = declared as { version1: Args; prod: Args };
      await declare({
        latest: { maxAsyncRetryAttempts: 0, functionName: "orders", qualifier: "LATEST", asyncTask: false },
        version1: { ...version1, maxAsyncRetryAttempts: 3, destinationConfig: { onSuccess: null, onFailure: { destination: FAILED_QUEUE } } },
        prod: { ...prod, maxAsyncEventAgeInSeconds: 86400 },
      });
      expect(await apiCalls(() => stack.run(["preview", "--expect-no-changes"]))).toEqual({});
    },
    STEP_MS,
  );

  it(
    "updates each field in place, and a field removed from the program returns to its default",
    async () => {
      const { latest, prod } = declared as { latest: Args; prod: Args };
      await declare({
        latest: { ...latest, maxAsyncRetryAttempts: 8, maxAsyncEventAgeInSeconds: 600 },
        version1: { functionName: "orders", qualifier: "1" }, // age and destination removed
        prod: { ...prod, asyncTask: false, destinationConfig: { onSuccess: { destination: AUDIT_FUNCTION }, onFailure: { destination: DONE_TOPIC } } },
      });
      expect(planSteps(await stack.run(["preview", "--json"]))).toEqual([
        { op: "update", name: "latest", diffs: ["maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts"] },
        { op: "update", name: "prod", diffs: ["asyncTask", "destinationConfig"] },
        { op: "update", name: "version1", diffs: ["destinationConfig", "maxAsyncEventAgeInSeconds"] },
      ]);
      expect(await apiCalls(() => stack.run(["up", "--yes", "--skip-preview"]))).toEqual({ "fc3:PutAsyncInvokeConfig": 3 });
      expect(await live("orders")).toEqual({ ...defaults, maxAsyncRetryAttempts: 8, maxAsyncEventAgeInSeconds: 600 });
      expect(await live("orders", "1")).toEqual(defaults);
      expect(await live("orders", "prod")).toEqual({ ...defaults, destinationConfig: { onSuccess: { destination: AUDIT_FUNCTION }, onFailure: { destination: DONE_TOPIC } } });
    },
    STEP_MS,
  );

  it(
    "shows drift made with @alicloud/fc20230330 in preview --refresh and refresh, and up restores the program's values",
    async () => {
      await putConfig(sdk, "orders", { maxAsyncRetryAttempts: 7, asyncTask: true }, "1");
      expect(await apiCalls(() => stack.run(["preview", "--expect-no-changes"]))).toEqual({});
      const refreshed = planSteps(await stack.run(["preview", "--refresh", "--json"])).filter((s) => s.name === "version1");
      expect(refreshed).toEqual([
        { op: "refresh", name: "version1" },
        { op: "update", name: "version1", diffs: ["asyncTask", "maxAsyncRetryAttempts"] },
      ]);
      const refresh = await stack.run(["refresh", "--yes", "--diff"]);
      expect(refresh).toMatch(/~ maxAsyncRetryAttempts\s*: 3 => 7/);
      expect(refresh).toMatch(/~ asyncTask\s*: false => true/);
      await stack.run(["up", "--yes", "--skip-preview"]);
      expect(await live("orders", "1")).toEqual(defaults);
      expect(await apiCalls(() => stack.run(["preview", "--refresh", "--expect-no-changes"]))).toEqual({ "fc3:GetAsyncInvokeConfig": 3 });
    },
    STEP_MS,
  );

  it(
    "drops a config deleted out of band on refresh, and up creates it again",
    async () => {
      await sdk.deleteAsyncInvokeConfig("orders", new $Fc3.DeleteAsyncInvokeConfigRequest({ qualifier: "1" }));
      await stack.run(["refresh", "--yes"]);
      const state = JSON.parse(await stack.run(["stack", "export"])) as { deployment: { resources?: Array<{ urn: string }> } };
      expect((state.deployment.resources ?? []).map((r) => r.urn.split("::").at(-1))).not.toContain("version1");
      expect(planSteps(await stack.run(["preview", "--json"])).filter((s) => s.op !== "same")).toEqual([{ op: "create", name: "version1" }]);
      await stack.run(["up", "--yes", "--skip-preview"]);
      expect(await live("orders", "1")).toEqual(defaults);
    },
    STEP_MS,
  );

  it(
    "refuses to take over an existing config, and takes it over when asked to",
    async () => {
      await putConfig(sdk, "billing", { maxAsyncRetryAttempts: 5 });
      const billing = { functionName: "billing", maxAsyncRetryAttempts: 1 };
      await declare({ ...declared, billing });
      const refused = await stack.attempt(["up", "--yes", "--skip-preview"]);
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toContain('An async invoke config already exists for FC 3.0 function "billing", qualifier "LATEST"');
      expect(refused.stdout + refused.stderr).toContain("`adoptExisting: true`");
      expect((await live("billing")).maxAsyncRetryAttempts).toBe(5);

      await declare({ ...declared, billing: { ...billing, adoptExisting: true } });
      await stack.run(["up", "--yes", "--skip-preview"]);
      expect((await live("billing")).maxAsyncRetryAttempts).toBe(1);
      await stack.run(["preview", "--expect-no-changes"]);
    },
    STEP_MS,
  );

  it(
    "replaces a config whose qualifier changes",
    async () => {
      const { prod } = declared as { prod: Args };
      await declare({ ...declared, prod: { ...prod, qualifier: "staging" } });
      const steps = planSteps(await stack.run(["preview", "--json"]));
      expect(steps.filter((s) => s.op !== "same")).toEqual([{ op: "replace", name: "prod", diffs: ["qualifier"], replaceReasons: ["qualifier"] }]);
      await stack.run(["up", "--yes", "--skip-preview"]);
      expect((await live("orders", "staging")).destinationConfig).toEqual({ onSuccess: { destination: AUDIT_FUNCTION }, onFailure: { destination: DONE_TOPIC } });
      expect(await fc3Failure(sdk.getAsyncInvokeConfig("orders", new $Fc3.GetAsyncInvokeConfigRequest({ qualifier: "prod" })))).toMatchObject({ code: "AsyncConfigNotExists", status: 404 });
    },
    STEP_MS,
  );

  it(
    "keeps credentials out of the backend and the serialized provider small",
    async () => {
      const text = stack.backendText();
      expect(text.length).toBeGreaterThan(1000);
      expect(text).not.toContain(emulator.credentials.accessKeySecret);
      expect(text).not.toContain(emulator.credentials.accessKeyId);
      const state = JSON.parse(await stack.run(["stack", "export"])) as { deployment: { resources: Array<{ type: string; inputs?: Args; outputs?: Args }> } };
      const configs = state.deployment.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/fc3:AsyncInvokeConfig");
      expect(configs).toHaveLength(4);
      for (const resource of configs) {
        const provider = String(resource.outputs?.["__provider"]);
        expect(String(resource.inputs?.["__provider"])).toBe(provider);
        expect(2 * Buffer.byteLength(provider)).toBeLessThan(2048);
        expect(provider).toContain("fc3:AsyncInvokeConfig");
        expect(resource.outputs?.["schemaVersion"]).toBe(1);
      }
    },
    STEP_MS,
  );

  it(
    "destroys every config it created or took over",
    async () => {
      expect(await apiCalls(() => stack.run(["destroy", "--yes", "--skip-preview"]))).toEqual({ "fc3:DeleteAsyncInvokeConfig": 4 });
      const { body } = await sdk.listAsyncInvokeConfigs(new $Fc3.ListAsyncInvokeConfigsRequest({}));
      expect(body?.configs ?? []).toEqual([]);
    },
    STEP_MS,
  );
});
