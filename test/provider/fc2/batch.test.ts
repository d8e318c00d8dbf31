// The batched policy's provider (shared/batch.ts over the FC 2.0 adapter) against the in-process emulator: the calls
// per method, check failures naming target and field, take-over refusal per target, and partial failure under
// injected 503s leaving outputs equal to what the emulator holds. The CLI path is test/e2e/async-invoke-policy-batch.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Emulator } from "../../../emulator";
import { BatchFailure, BatchProvider, UNKNOWN, type BatchOutputs } from "../../../provider/policy/batch";
import { settleLimited } from "../../../provider/shared/parallel";
import { fc2TargetAdapter } from "../../../provider/fc2/batch-adapter";
import { FcClient } from "../../../provider/fc2/client";
import { fc2For, nodeFunction, requestsMade, startEmulator, type Fc2Client } from "../../kit/emulator";

const QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages";
const DEFAULTS = { destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3, statefulInvocation: false };
/** A recorded target with its defaults filled in (undefined stays undefined: no config recorded). */
const filled = (recorded: object | undefined) => (recorded === undefined ? undefined : { ...DEFAULTS, ...recorded });

let emulator: Emulator;
let sdk: Fc2Client;
let provider: BatchProvider;

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc2For(emulator);
  await sdk.createService("svc");
  for (let i = 0; i < 6; i++) await sdk.createFunction("svc", nodeFunction(`fn${i}`));
  const client = new FcClient({
    endpoint: emulator.url,
    accountId: emulator.credentials.accountId,
    credentials: emulator.credentials,
    // No real waiting between retries; 4 attempts a call, so the partial-failure test below can exhaust them.
    sleep: async () => {},
    retry: { maxAttempts: 4 },
  });
  let ids = 0;
  provider = new BatchProvider(fc2TargetAdapter(() => client, "AsyncInvokePolicyBatch"), () => `batch-${++ids}`);
}, 60_000);

afterAll(async () => {
  await emulator?.close();
});

beforeEach(async () => {
  await emulator.control.clearFaults();
  for (let i = 0; i < 6; i++) {
    for (const config of ((await sdk.listFunctionAsyncConfigs("svc", `fn${i}`)).data["configs"] ?? []) as Array<{ qualifier: string }>) {
      await sdk.deleteFunctionAsyncConfig("svc", `fn${i}`, config.qualifier);
    }
  }
  await emulator.control.resetRequestCounts();
});

const calls = () => requestsMade(emulator);

async function checked(configs: Record<string, unknown>, concurrency?: number) {
  const result = await provider.check({}, { configs, ...(concurrency !== undefined && { concurrency }) });
  expect(result.failures).toBeUndefined();
  return result.inputs as Record<string, unknown>;
}

/** What the emulator holds for a target, in the batch's settings form. */
async function live(fn: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { data } = await sdk.getFunctionAsyncConfig("svc", fn, "LATEST");
    const d = (data["destinationConfig"] ?? {}) as Record<string, { destination: string } | null>;
    return {
      destinationConfig: Object.fromEntries(Object.entries(d).filter(([, v]) => v !== null && v !== undefined)),
      maxAsyncEventAgeInSeconds: data["maxAsyncEventAgeInSeconds"],
      maxAsyncRetryAttempts: data["maxAsyncRetryAttempts"],
      statefulInvocation: data["statefulInvocation"],
    };
  } catch (error) {
    // Only "no such config" is absence; any other failure (a 500, a refused key) fails the test.
    if ((error as { code?: unknown }).code === "AsyncConfigNotExists") return undefined;
    throw error;
  }
}

describe("check", () => {
  test("leaves out the fields at their default, per target, and keeps unknowns", async () => {
    const result = await provider.check({}, {
      configs: {
        "svc:fn0:LATEST": { maxAsyncRetryAttempts: 0 },
        "svc:fn1:prod": UNKNOWN,
        // Written out at their defaults: the same inputs as leaving them out.
        "svc:fn2:LATEST": { ...DEFAULTS, destinationConfig: { onFailure: null } },
        "svc:fn3:LATEST": { maxAsyncRetryAttempts: UNKNOWN, statefulInvocation: true },
      },
    });
    expect(result).toEqual({
      inputs: {
        concurrency: 8,
        configs: { "svc:fn0:LATEST": { maxAsyncRetryAttempts: 0 }, "svc:fn1:prod": UNKNOWN, "svc:fn2:LATEST": {}, "svc:fn3:LATEST": { maxAsyncRetryAttempts: UNKNOWN, statefulInvocation: true } },
      },
    });
  });

  test("validates each distinct settings object once, and gives every target carrying it the same outcome", async () => {
    const configs = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`svc:f${i}:LATEST`, i % 2 === 0 ? { maxAsyncRetryAttempts: 2 } : { maxAsyncRetryAttempts: 12 }]));
    const result = await provider.check({}, { configs });
    const odd = Object.keys(configs).filter((_, i) => i % 2 === 1).sort();
    expect(result.failures).toEqual(odd.map((key) => ({ property: `configs[${JSON.stringify(key)}].maxAsyncRetryAttempts`, reason: "must be an integer from 0 to 8 (default 3); got 12" })));
    // On failure the inputs come back as given, so the CLI shows the refused value beside the reason.
    expect(result.inputs).toEqual({ configs });
    const even = Object.fromEntries(Object.entries(configs).filter((_, i) => i % 2 === 0));
    expect(Object.values((await provider.check({}, { configs: even })).inputs?.["configs"] as object)).toEqual(Array.from({ length: 25 }, () => ({ maxAsyncRetryAttempts: 2 })));
    // A key naming an identity field is refused with that target's key, whatever was validated before.
    expect((await provider.check({}, { configs: { "svc:f0:LATEST": { maxAsyncRetryAttempts: 2, qualifier: "x" } } })).failures).toEqual([
      { property: 'configs["svc:f0:LATEST"].qualifier', reason: "is set by the target's key (svc:f0:LATEST); remove it from the settings" },
    ]);
  });

  test("names the target and the field, and the allowed values", async () => {
    const result = await provider.check({}, {
      concurrency: 0,
      configs: { "svc:fn0:LATEST": { maxAsyncRetryAttempts: 9 }, "svc:fn1:LATEST": { adoptExisting: "yes" }, "svc:1bad:LATEST": {}, "svc:fn2": {} },
    });
    expect(result.failures).toEqual([
      { property: "concurrency", reason: "must be an integer from 1 to 16 (default 8); got 0" },
      {
        property: 'configs["svc:1bad:LATEST"]',
        reason: expect.stringMatching(/^names no target: functionName must be a function name that starts with a letter or '_'/),
      },
      { property: 'configs["svc:fn0:LATEST"].maxAsyncRetryAttempts', reason: "must be an integer from 0 to 8 (default 3); got 9" },
      { property: 'configs["svc:fn1:LATEST"].adoptExisting', reason: 'must be true or false (default false); got "yes"' },
      { property: 'configs["svc:fn2"]', reason: 'names no target: expected "service:function:qualifier"; got "svc:fn2"' },
    ]);
    expect(await calls()).toEqual({});
  });
});

describe("create, diff, update, read, delete", () => {
  test("one Get and one Put per new target; diff and an unchanged update call nothing", async () => {
    const inputs = await checked({ "svc:fn0:LATEST": { maxAsyncRetryAttempts: 1 }, "svc:fn1:LATEST": { destinationConfig: { onFailure: { destination: QUEUE } } } });
    const created = await provider.create(inputs);
    const id = created.id;
    const outs = created.outs as BatchOutputs;
    expect(id).toMatch(/^batch-\d+$/);
    // Outputs, like inputs, leave out the fields at their default.
    expect(outs).toEqual({
      schemaVersion: 1,
      concurrency: 8,
      configs: {
        "svc:fn0:LATEST": { maxAsyncRetryAttempts: 1 },
        "svc:fn1:LATEST": { destinationConfig: { onFailure: { destination: QUEUE } } },
      },
    });
    expect(await calls()).toEqual({ GetFunctionAsyncInvokeConfig: 2, PutFunctionAsyncInvokeConfig: 2 });

    await emulator.control.resetRequestCounts();
    expect(await provider.diff(id, outs, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    // Inputs and outputs as releases before defaults were left out wrote them (every field): the same targets, no change.
    const full = { "svc:fn0:LATEST": { ...DEFAULTS, maxAsyncRetryAttempts: 1 }, "svc:fn1:LATEST": { ...DEFAULTS, destinationConfig: { onFailure: { destination: QUEUE } } } };
    expect(await provider.diff(id, outs, { concurrency: 8, configs: full })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(await provider.diff(id, { ...outs, configs: full }, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    // Only the concurrency changes: an update, so the new value is recorded for read and delete.
    expect(await provider.diff(id, outs, { concurrency: 4, configs: outs.configs })).toEqual({ replaces: [], deleteBeforeReplace: false });
    const next = await checked({ "svc:fn0:LATEST": { maxAsyncRetryAttempts: 2 }, "svc:fn1:LATEST": { destinationConfig: { onFailure: { destination: QUEUE } } }, "svc:fn2:LATEST": {} });
    expect(await provider.diff(id, outs, next)).toEqual({ replaces: [], deleteBeforeReplace: false });
    expect(await calls()).toEqual({});

    // fn0 changes, fn1 stays, fn2 is new.
    const updated = (await provider.update(id, outs, next)).outs as BatchOutputs;
    expect(Object.keys(updated.configs)).toEqual(["svc:fn0:LATEST", "svc:fn1:LATEST", "svc:fn2:LATEST"]);
    expect(await calls()).toEqual({ GetFunctionAsyncInvokeConfig: 1, PutFunctionAsyncInvokeConfig: 2 });
    expect(await live("fn0")).toEqual({ ...DEFAULTS, maxAsyncRetryAttempts: 2 });

    // Drift made out of band: read returns it as outputs and as inputs.
    await sdk.putFunctionAsyncConfig("svc", "fn1", undefined, { maxAsyncRetryAttempts: 7 });
    await sdk.deleteFunctionAsyncConfig("svc", "fn2", "LATEST");
    await emulator.control.resetRequestCounts();
    const read = await provider.read(id, updated);
    // Inputs in check's form and outputs alike: defaults left out.
    const drifted = { "svc:fn0:LATEST": { maxAsyncRetryAttempts: 2 }, "svc:fn1:LATEST": { maxAsyncRetryAttempts: 7, destinationConfig: { onFailure: { destination: QUEUE } } } };
    expect(read.inputs).toEqual({ concurrency: 8, configs: drifted });
    expect(read.props?.["configs"]).toEqual(drifted);
    expect(await calls()).toEqual({ GetFunctionAsyncInvokeConfig: 3 });
    // Outputs recorded with every field (by a release before they left defaults out) keep them on read, so such state
    // refreshes as unchanged; the inputs still leave the defaults out.
    const fullRead = await provider.read(id, { ...updated, configs: { "svc:fn0:LATEST": { ...DEFAULTS, maxAsyncRetryAttempts: 2 }, "svc:fn1:LATEST": { ...DEFAULTS, maxAsyncRetryAttempts: 7 } } });
    expect(fullRead.props?.["configs"]).toEqual({
      "svc:fn0:LATEST": { ...DEFAULTS, maxAsyncRetryAttempts: 2 },
      "svc:fn1:LATEST": { ...DEFAULTS, maxAsyncRetryAttempts: 7, destinationConfig: { onFailure: { destination: QUEUE } } },
    });
    expect(fullRead.inputs).toEqual({ concurrency: 8, configs: drifted });

    await emulator.control.resetRequestCounts();
    await provider.delete(id, read.props as Record<string, unknown>);
    expect(await calls()).toEqual({ DeleteFunctionAsyncInvokeConfig: 2 });
    expect(await live("fn0")).toBeUndefined();
    expect(await live("fn1")).toBeUndefined();
  });

  test("refuses to take over an existing config per target, records the others, and adopts when asked", async () => {
    await sdk.putFunctionAsyncConfig("svc", "fn1", undefined, { maxAsyncRetryAttempts: 5 });
    const inputs = await checked({ "svc:fn0:LATEST": {}, "svc:fn1:LATEST": { maxAsyncRetryAttempts: 1 } });
    const error = (await provider.create(inputs).catch((e: unknown) => e)) as BatchFailure;
    expect(error).toBeInstanceOf(BatchFailure);
    expect(error.message).toMatch(/^AsyncInvokePolicyBatch: 1 of 2 targets could not be created: svc:fn1:LATEST: an async invoke config already exists \(last modified .*\)\. It is not overwritten silently/);
    expect(error.message).toContain("set `adoptExisting: true` in this target's overrides (or on the whole AsyncInvokePolicyBatch)");
    expect(error.id).toBe("batch-2");
    expect(error.properties).toEqual({ schemaVersion: 1, concurrency: 8, configs: { "svc:fn0:LATEST": {} } });
    expect(await live("fn1")).toEqual({ ...DEFAULTS, maxAsyncRetryAttempts: 5 });

    const adopted = await checked({ "svc:fn0:LATEST": {}, "svc:fn1:LATEST": { maxAsyncRetryAttempts: 1, adoptExisting: true } });
    const { outs } = await provider.update(error.id as string, error.properties as BatchOutputs, adopted);
    expect(outs).toEqual({ schemaVersion: 1, concurrency: 8, configs: { "svc:fn0:LATEST": {}, "svc:fn1:LATEST": { maxAsyncRetryAttempts: 1, adoptExisting: true } } });
    expect(await live("fn1")).toEqual({ ...DEFAULTS, maxAsyncRetryAttempts: 1 });
  });

  test("a partial failure under injected 503s records exactly what the emulator holds, and the next update finishes", async () => {
    const desired = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`svc:fn${i}:LATEST`, { maxAsyncRetryAttempts: i }]));
    // One call at a time, so the first 8 Puts — every attempt (4) of the first two targets — are the ones refused.
    const inputs = await checked(desired, 1);
    await emulator.control.setFaults({ seed: 7, rates: { "503": 1 }, operations: ["PutFunctionAsyncInvokeConfig"], limit: 8 });
    const error = (await provider.create(inputs).catch((e: unknown) => e)) as BatchFailure;
    expect(error.reasons.map((r) => r.split(":").slice(0, 3).join(":"))).toEqual(["svc:fn0:LATEST", "svc:fn1:LATEST"]);
    expect(error.reasons[0]).toMatch(/^svc:fn0:LATEST: PutFunctionAsyncInvokeConfig \(HTTP 503\) failed: ResourceThrottled: /);
    const partial = error.properties as BatchOutputs;
    expect(partial.pending).toEqual(["svc:fn0:LATEST", "svc:fn1:LATEST"]);
    expect(Object.keys(partial.configs)).toEqual(["svc:fn2:LATEST", "svc:fn3:LATEST", "svc:fn4:LATEST", "svc:fn5:LATEST"]);
    for (let i = 0; i < 6; i++) expect(await live(`fn${i}`)).toEqual(filled(partial.configs[`svc:fn${i}:LATEST`]));

    // The next `up` (the engine updates a resource with init errors) Puts the pending targets only, without a Get.
    await emulator.control.clearFaults();
    await emulator.control.resetRequestCounts();
    const { outs } = await provider.update(error.id as string, partial, inputs);
    expect(await calls()).toEqual({ PutFunctionAsyncInvokeConfig: 2 });
    expect((outs as BatchOutputs).pending).toBeUndefined();
    for (let i = 0; i < 6; i++) expect(await live(`fn${i}`)).toEqual({ ...DEFAULTS, maxAsyncRetryAttempts: i });
  });

  test("seeded 503s and resets at concurrency 4: retries absorb most, and outputs always equal the cloud", async () => {
    const desired = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`svc:fn${i}:LATEST`, { maxAsyncRetryAttempts: 8 - i }]));
    const inputs = await checked(desired, 4);
    await emulator.control.setFaults({ seed: 42, rates: { "503": 0.4, reset: 0.2 } });
    let outputs: BatchOutputs;
    try {
      outputs = (await provider.create(inputs)).outs as BatchOutputs;
    } catch (error) {
      outputs = (error as BatchFailure).properties as BatchOutputs;
    }
    await emulator.control.clearFaults();
    for (let i = 0; i < 6; i++) {
      const key = `svc:fn${i}:LATEST`;
      if (outputs.configs[key] !== undefined) expect(await live(`fn${i}`)).toEqual(filled(outputs.configs[key]));
      else expect(outputs.pending ?? []).toContain(key);
    }
  });
});

test("settleLimited keeps order, bounds concurrency and never rejects", async () => {
  let inFlight = 0;
  let peak = 0;
  const outcomes = await settleLimited([5, 1, 4, 2, 3], 2, async (n) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
    if (n === 4) throw new Error("four");
    return n * 10;
  });
  expect(peak).toBe(2);
  expect(outcomes).toEqual([
    { ok: true, value: 50 },
    { ok: true, value: 10 },
    { ok: false, error: new Error("four") },
    { ok: true, value: 20 },
    { ok: true, value: 30 },
  ]);
});
