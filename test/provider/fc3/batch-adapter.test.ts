// FC 3.0 as a target of the batched policy: keys (`fc3/function:qualifier`, the key fc.AsyncInvokePolicy gives an
// FC 3.0 target), check failures with fc3.AsyncInvokeConfig's exact messages named by target and field, and the calls
// per method through shared/batch.ts against the emulator, read back with @alicloud/fc20230330.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../../emulator";
import { BatchFailure, BatchProvider, UNKNOWN, type BatchOutputs } from "../../../provider/policy/batch";
import { Fc3Client } from "../../../provider/fc3/client";
import { fc3TargetAdapter, parseFc3Key } from "../../../provider/fc3/batch-adapter";
import { FC3_KEY_PREFIX } from "../../../provider/fc3/policy-target";
import { fc3TargetKind } from "../../../provider/fc3/policy-target";
import { startEmulator } from "../../kit/emulator";
import { $Fc3, fc3For, fc3NodeFunction, liveFc3Config, putConfig, type Fc3 } from "../../kit/fc3";

const ACCOUNT = "1234567890123456";
const QUEUE = `acs:mns:cn-hangzhou:${ACCOUNT}:/queues/failed/messages`;
const DEFAULTS = { asyncTask: false, destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3 };

const offline = new BatchProvider(
  fc3TargetAdapter(() => {
    throw new Error("check must not call the API");
  }, "AsyncInvokePolicyBatch"),
);

describe("keys", () => {
  it("reads back the key fc.AsyncInvokePolicy gives an FC 3.0 target", () => {
    expect(FC3_KEY_PREFIX).toBe("fc3/");
    expect(fc3TargetKind.key({ api: "fc3", functionName: "orders" })).toBe("fc3/orders:LATEST");
    expect(parseFc3Key(fc3TargetKind.key({ api: "fc3", functionName: "orders", qualifier: "prod" }))).toEqual({ functionName: "orders", qualifier: "prod" });
    expect(parseFc3Key("fc3/orders")).toBeUndefined();
    expect(parseFc3Key("shop:orders:LATEST")).toBeUndefined();
  });

  it.each([
    ["fc3/orders", 'names no target: expected "fc3/function:qualifier" for an FC 3.0 target; got "fc3/orders"'],
    ["fc3/orders:prod:x", 'names no target: expected "fc3/function:qualifier" for an FC 3.0 target; got "fc3/orders:prod:x"'],
    ["fc3/1orders:LATEST", "names no target: functionName must be a function name that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters); got \"1orders\""],
    ["fc3/orders:-x", 'names no target: qualifier must be "LATEST" (the default), a published version number such as "1", or an alias name that starts with a letter or \'_\' and continues with letters, digits, \'_\' or \'-\' (1-128 characters); got "-x"'],
  ])("refuses the key %s before any call", async (key, reason) => {
    expect((await offline.check({}, { configs: { [key]: {} } })).failures).toEqual([{ property: `configs[${JSON.stringify(key)}]`, reason }]);
  });
});

describe("check", () => {
  it("fills FC 3.0's defaults and keeps unknowns", async () => {
    expect(await offline.check({}, { configs: { "fc3/orders:LATEST": { maxAsyncRetryAttempts: 0 }, "fc3/orders:prod": { maxAsyncRetryAttempts: UNKNOWN }, "fc3/billing:1": UNKNOWN } })).toEqual({
      inputs: {
        concurrency: 8,
        // Fields at FC 3.0's defaults are left out of the inputs (outputs have every field).
        configs: { "fc3/billing:1": UNKNOWN, "fc3/orders:LATEST": { maxAsyncRetryAttempts: 0 }, "fc3/orders:prod": { maxAsyncRetryAttempts: UNKNOWN } },
      },
    });
  });

  it("refuses with fc3.AsyncInvokeConfig's messages, named by target and field", async () => {
    const result = await offline.check({}, {
      configs: {
        "fc3/orders:LATEST": { maxAsyncEventAgeInSeconds: 2592000, asyncTask: "yes" },
        "fc3/orders:prod": { statefulInvocation: true, functionName: "billing" },
        "fc3/billing:LATEST": { destinationConfig: { onFailure: { destination: "acs:fc:cn-hangzhou:1:services/s/functions/f" } } },
      },
    });
    expect(result.failures).toEqual([
      { property: 'configs["fc3/billing:LATEST"].destinationConfig.onFailure.destination', reason: expect.stringContaining("acs:fc:{region}:{accountId}:functions/{function}") },
      { property: 'configs["fc3/orders:LATEST"].maxAsyncEventAgeInSeconds', reason: "must be an integer from 1 to 86400 (default 86400); got 2592000" },
      { property: 'configs["fc3/orders:LATEST"].asyncTask', reason: 'must be true or false (default false); got "yes"' },
      { property: 'configs["fc3/orders:prod"].functionName', reason: "is set by the target's key (fc3/orders:prod); remove it from the settings" },
    ]);
    const unknown = await offline.check({}, { configs: { "fc3/orders:prod": { statefulInvocation: true } } });
    expect(unknown.failures).toEqual([
      {
        property: 'configs["fc3/orders:prod"].statefulInvocation',
        reason: "is not a property of fc3.AsyncInvokeConfig; allowed: functionName, qualifier, destinationConfig, maxAsyncEventAgeInSeconds, maxAsyncRetryAttempts, asyncTask, adoptExisting",
      },
    ]);
  });
});

describe("against the emulator", () => {
  let emulator: Emulator;
  let sdk: Fc3;
  let provider: BatchProvider;

  beforeAll(async () => {
    emulator = await startEmulator();
    sdk = fc3For(emulator);
    for (const fn of ["orders", "billing"]) await sdk.createFunction(fc3NodeFunction(fn));
    await sdk.publishFunctionVersion("orders", new $Fc3.PublishFunctionVersionRequest({ body: new $Fc3.PublishVersionInput({}) }));
    await sdk.createAlias("orders", new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: "prod", versionId: "1" }) }));
    const client = new Fc3Client({ endpoint: emulator.url, credentials: emulator.credentials, sleep: async () => {}, retry: { maxAttempts: 2 } });
    let ids = 0;
    provider = new BatchProvider(fc3TargetAdapter(() => client, "AsyncInvokePolicyBatch"), () => `batch-${++ids}`);
  }, 60_000);
  afterAll(() => emulator?.close());
  beforeEach(async () => {
    await emulator.control.clearFaults();
    await emulator.control.resetRequestCounts();
  });

  const calls = async () => Object.fromEntries(Object.entries(await emulator.control.requestCounts()).filter(([, n]) => n > 0));
  const checked = async (configs: Record<string, unknown>) => {
    const result = await provider.check({}, { configs });
    expect(result.failures).toBeUndefined();
    return result.inputs as Record<string, unknown>;
  };

  it("creates, updates, reads drift, refuses take-over per target and deletes, with FC 3.0's calls", async () => {
    const inputs = await checked({ "fc3/orders:LATEST": { maxAsyncRetryAttempts: 0 }, "fc3/orders:prod": { asyncTask: true, destinationConfig: { onFailure: { destination: QUEUE } } } });
    const { id, outs } = await provider.create(inputs);
    expect(outs).toEqual({
      schemaVersion: 1,
      concurrency: 8,
      configs: { "fc3/orders:LATEST": { maxAsyncRetryAttempts: 0 }, "fc3/orders:prod": { asyncTask: true, destinationConfig: { onFailure: { destination: QUEUE } } } },
    });
    expect(await calls()).toEqual({ "fc3:GetAsyncInvokeConfig": 2, "fc3:PutAsyncInvokeConfig": 2 });
    expect(await liveFc3Config(sdk, "orders", "prod")).toEqual({ ...DEFAULTS, asyncTask: true, destinationConfig: { onFailure: { destination: QUEUE } } });

    // billing holds a config nobody gave this batch: refused, named; the version-1 target goes through.
    await putConfig(sdk, "billing", { maxAsyncRetryAttempts: 5 });
    await emulator.control.resetRequestCounts();
    const next = await checked({ "fc3/orders:LATEST": { maxAsyncRetryAttempts: 1 }, "fc3/orders:1": {}, "fc3/billing:LATEST": {} });
    const error = (await provider.update(id, outs as BatchOutputs, next).catch((e: unknown) => e)) as BatchFailure;
    expect(error).toBeInstanceOf(BatchFailure);
    expect(error.reasons).toEqual([
      expect.stringMatching(
        /^fc3\/billing:LATEST: an async invoke config already exists \(last modified \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\. It is not overwritten silently: another stack, tool or person may manage it\. To take it over on purpose, set `adoptExisting: true` in this target's overrides \(or on the whole AsyncInvokePolicyBatch\) and run again\.$/,
      ),
    ]);
    // Puts to LATEST and version 1, Get of both new targets, Delete of prod (no longer listed).
    expect(await calls()).toEqual({ "fc3:GetAsyncInvokeConfig": 2, "fc3:PutAsyncInvokeConfig": 2, "fc3:DeleteAsyncInvokeConfig": 1 });
    const partial = error.properties as BatchOutputs;
    expect(Object.keys(partial.configs)).toEqual(["fc3/orders:1", "fc3/orders:LATEST"]);
    expect((await liveFc3Config(sdk, "billing")).maxAsyncRetryAttempts).toBe(5);

    const adopted = await checked({ "fc3/orders:LATEST": { maxAsyncRetryAttempts: 1 }, "fc3/orders:1": {}, "fc3/billing:LATEST": { adoptExisting: true, maxAsyncRetryAttempts: 2 } });
    const updated = (await provider.update(id, partial, adopted)).outs as BatchOutputs;
    expect(updated.configs["fc3/billing:LATEST"]).toEqual({ maxAsyncRetryAttempts: 2, adoptExisting: true });

    // Drift made with the SDK shows in read's inputs; a config deleted out of band leaves the state.
    await putConfig(sdk, "orders", { maxAsyncRetryAttempts: 7 }, "1");
    await sdk.deleteAsyncInvokeConfig("orders", new $Fc3.DeleteAsyncInvokeConfigRequest({}));
    await emulator.control.resetRequestCounts();
    const read = await provider.read(id, updated);
    expect(read.inputs).toEqual({
      concurrency: 8,
      configs: { "fc3/billing:LATEST": { maxAsyncRetryAttempts: 2, adoptExisting: true }, "fc3/orders:1": { maxAsyncRetryAttempts: 7 } },
    });
    expect(await calls()).toEqual({ "fc3:GetAsyncInvokeConfig": 3 });

    await emulator.control.resetRequestCounts();
    await provider.delete(id, { ...updated, configs: { ...updated.configs, "fc3/orders:staging": DEFAULTS } });
    expect(await calls()).toEqual({ "fc3:DeleteAsyncInvokeConfig": 4 });
    for (const [fn, q] of [["orders", "1"], ["orders", "LATEST"], ["billing", "LATEST"]] as const) {
      const { body } = await sdk.listAsyncInvokeConfigs(new $Fc3.ListAsyncInvokeConfigsRequest({ functionName: fn }));
      expect({ fn, q, configs: body?.configs ?? [] }).toEqual({ fn, q, configs: [] });
    }
  });
});
