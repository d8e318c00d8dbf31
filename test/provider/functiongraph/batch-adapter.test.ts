// FunctionGraph as a target of the batched policy: keys (`functiongraph/{URN}` and `functiongraph/{package}/{function}:
// {qualifier}`, the keys fc.AsyncInvokePolicy gives FunctionGraph targets), check failures with
// functiongraph.AsyncInvokeConfig's exact messages named by target and field, and the calls per method through
// shared/batch.ts against the emulator, read back with the official Huawei SDK.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../../emulator";
import { BatchFailure, BatchProvider, UNKNOWN, type BatchOutputs } from "../../../provider/policy/batch";
import { FunctionGraphClient } from "../../../provider/functiongraph/client";
import { functionGraphTargetAdapter, parseFunctionGraphKey } from "../../../provider/functiongraph/batch-adapter";
import { FUNCTIONGRAPH_KEY_PREFIX } from "../../../provider/functiongraph/policy-target";
import { functionGraphTargetKind } from "../../../provider/functiongraph/policy-target";
import { functionGraphSdk, urnOf, type HuaweiFgClient } from "../../../scripts/lib/huawei-sdk";
import { functionZip } from "../../kit/function-zip";
import { startEmulator } from "../../kit/emulator";

const P = "0123456789abcdef0123456789abcdef";
const URN = `urn:fss:cn-north-4:${P}:function:default:orders:!prod`;
const DEFAULTS = { destinationConfig: {}, enableAsyncStatusLog: false, maxAsyncEventAgeInSeconds: 3600, maxAsyncRetryAttempts: 1 };

const offline = new BatchProvider(
  functionGraphTargetAdapter(() => {
    throw new Error("check must not call the API");
  }, "AsyncInvokePolicyBatch"),
);
const failuresOf = async (configs: Record<string, unknown>) => (await offline.check({}, { configs })).failures;

describe("keys", () => {
  it("reads back the keys fc.AsyncInvokePolicy gives FunctionGraph targets", () => {
    expect(FUNCTIONGRAPH_KEY_PREFIX).toBe("functiongraph/");
    const byUrn = functionGraphTargetKind.key({ api: "functiongraph", functionUrn: `urn:fss:cn-north-4:${P}:function:default:orders` } as never);
    expect(byUrn).toBe(`functiongraph/urn:fss:cn-north-4:${P}:function:default:orders:latest`);
    expect(parseFunctionGraphKey(byUrn)).toEqual({ functionUrn: `urn:fss:cn-north-4:${P}:function:default:orders:latest` });
    const byName = functionGraphTargetKind.key({ api: "functiongraph", functionName: "orders", qualifier: "!prod" } as never);
    expect(byName).toBe("functiongraph/default/orders:!prod");
    expect(parseFunctionGraphKey(byName)).toEqual({ package: "default", functionName: "orders", qualifier: "!prod" });
    expect(parseFunctionGraphKey("functiongraph/orders")).toBeUndefined();
    expect(parseFunctionGraphKey("fc3/orders:LATEST")).toBeUndefined();
  });

  it.each([
    [
      "functiongraph/orders",
      'names no target: expected "functiongraph/urn:fss:{region}:{projectId}:function:{package}:{name}:{qualifier}" or "functiongraph/{package}/{function}:{qualifier}" for a FunctionGraph target; got "functiongraph/orders"',
    ],
    ["functiongraph/default/9orders:latest", "names no target: functionName must start with a letter, contain only letters, digits, '_' and '-', end with a letter or digit, and be at most 60 characters"],
    ["functiongraph/default/orders:!9", "names no target: qualifier alias \"9\" must start with a letter, contain only letters, digits, '_' and '-', end with a letter or digit, and be at most 63 characters"],
    ["functiongraph/urn:fss:cn-north-4:bad-project:function:default:orders:latest", "names no target: functionUrn project id \"bad-project\" must contain only letters and digits (1-64 characters; Huawei Cloud's are 32 hexadecimal digits)"],
    [
      `functiongraph/urn:fss:cn-north-4:${P}:function:default:orders`,
      `names no target: write the URN in full, qualifier included: "functiongraph/urn:fss:cn-north-4:${P}:function:default:orders:latest"; got "functiongraph/urn:fss:cn-north-4:${P}:function:default:orders"`,
    ],
  ])("refuses the key %s before any call", async (key, reason) => {
    expect(await failuresOf({ [key]: {} })).toEqual([{ property: `configs[${JSON.stringify(key)}]`, reason }]);
  });
});

describe("check", () => {
  it("fills FunctionGraph's defaults, normalizes destinations and keeps unknowns", async () => {
    const result = await offline.check({}, {
      configs: {
        [`functiongraph/${URN}`]: { maxAsyncRetryAttempts: 0, destinationConfig: { onFailure: { type: "OBS", bucket: "orders-failed" } } },
        "functiongraph/default/orders:1": { maxAsyncEventAgeInSeconds: UNKNOWN, adoptExisting: true },
      },
    });
    expect(result).toEqual({
      inputs: {
        concurrency: 8,
        configs: {
          // Fields at FunctionGraph's defaults are left out of the inputs (outputs have every field).
          "functiongraph/default/orders:1": { maxAsyncEventAgeInSeconds: UNKNOWN, adoptExisting: true },
          [`functiongraph/${URN}`]: { maxAsyncRetryAttempts: 0, destinationConfig: { onFailure: { type: "OBS", bucket: "orders-failed", prefix: "", expires: 0 } } },
        },
      },
    });
  });

  it("refuses with functiongraph.AsyncInvokeConfig's messages, named by target and field", async () => {
    expect(
      await failuresOf({
        [`functiongraph/${URN}`]: { maxAsyncRetryAttempts: 4, maxAsyncEventAgeInSeconds: 86401 },
        "functiongraph/default/orders:1": { destinationConfig: { onSuccess: { type: "Kafka", topic: "x" } }, asyncTask: true },
        "functiongraph/default/orders:2": { functionUrn: URN, package: "default" },
      }),
    ).toEqual([
      { property: 'configs["functiongraph/default/orders:1"].destinationConfig.onSuccess.type', reason: "type must be one of OBS, SMN, DIS, FunctionGraph" },
      {
        property: 'configs["functiongraph/default/orders:1"].asyncTask',
        reason: "is not a property of functiongraph.AsyncInvokeConfig; allowed: functionUrn, functionName, qualifier, package, maxAsyncRetryAttempts, maxAsyncEventAgeInSeconds, enableAsyncStatusLog, destinationConfig, adoptExisting",
      },
      { property: 'configs["functiongraph/default/orders:2"].functionUrn', reason: "is set by the target's key (functiongraph/default/orders:2); remove it from the settings" },
      { property: 'configs["functiongraph/default/orders:2"].package', reason: "is set by the target's key (functiongraph/default/orders:2); remove it from the settings" },
      { property: `configs["functiongraph/${URN}"].maxAsyncRetryAttempts`, reason: "maxAsyncRetryAttempts must be an integer from 0 to 3 (default 1); got 4" },
      { property: `configs["functiongraph/${URN}"].maxAsyncEventAgeInSeconds`, reason: "maxAsyncEventAgeInSeconds must be an integer from 1 to 86400 (default 3600); got 86401" },
    ]);
  });
});

describe("against the emulator", () => {
  let emu: Emulator;
  let sdk: HuaweiFgClient;
  let provider: BatchProvider;
  const urn = (fn: string, q = "latest") => urnOf(emu, fn, q);
  const calls = async () =>
    Object.fromEntries(Object.entries(await emu.control.requestCounts()).filter(([name, n]) => n > 0 && name.startsWith("functiongraph:")).map(([name, n]) => [name.slice(14), n]));
  const live = async (fn: string, q = "latest") => {
    const { httpStatusCode: _s, created_time: _c, last_modified: _m, ...rest } = await sdk.showFunctionAsyncInvokeConfig({ function_urn: urn(fn, q) });
    return rest;
  };
  const checked = async (configs: Record<string, unknown>) => {
    const result = await provider.check({}, { configs });
    expect(result.failures).toBeUndefined();
    return result.inputs as Record<string, unknown>;
  };

  beforeAll(async () => {
    emu = await startEmulator();
    sdk = functionGraphSdk(emu);
    const zip = Buffer.from(functionZip({ "index.js": "exports.handler = async () => 1;" })).toString("base64");
    for (const fn of ["orders", "billing"]) {
      await sdk.createFunction({ body: { func_name: fn, runtime: "Node.js18.15", handler: "index.handler", timeout: 30, memory_size: 128, code_type: "zip", func_code: { file: zip } } });
    }
    await sdk.createFunctionVersion({ function_urn: urn("orders"), body: { version: "1" } });
    await sdk.createVersionAlias({ function_urn: urn("orders"), body: { name: "prod", version: "1" } });
    const client = new FunctionGraphClient({ endpoint: emu.url, projectId: emu.projectId, credentials: { accessKey: emu.credentials.accessKeyId, secretKey: emu.credentials.accessKeySecret } });
    let ids = 0;
    provider = new BatchProvider(functionGraphTargetAdapter(() => Object.assign(client, { region: "cn-north-4" }), "AsyncInvokePolicyBatch"), () => `batch-${++ids}`);
  }, 60_000);
  afterAll(() => emu?.close());
  beforeEach(() => emu.control.resetRequestCounts());

  it("creates by URN and by name, refuses take-over per target, reads drift and deletes, with FunctionGraph's calls", async () => {
    const byUrn = `functiongraph/${urn("orders", "!prod")}`;
    const inputs = await checked({
      [byUrn]: { enableAsyncStatusLog: true, destinationConfig: { onFailure: { type: "DIS", streamName: "orders-dlq" } } },
      "functiongraph/default/orders:1": { maxAsyncRetryAttempts: 0 },
    });
    const { id, outs } = await provider.create(inputs);
    expect(outs).toEqual({
      schemaVersion: 1,
      concurrency: 8,
      configs: {
        "functiongraph/default/orders:1": { maxAsyncRetryAttempts: 0 },
        [byUrn]: { enableAsyncStatusLog: true, destinationConfig: { onFailure: { type: "DIS", streamName: "orders-dlq" } } },
      },
    });
    expect(await calls()).toEqual({ ShowFunctionAsyncInvokeConfig: 2, UpdateFunctionAsyncInvokeConfig: 2 });
    expect(await live("orders", "!prod")).toEqual({
      func_urn: urn("orders", "!prod"),
      max_async_retry_attempts: 1,
      max_async_event_age_in_seconds: 3600,
      enable_async_status_log: true,
      destination_config: { on_failure: { destination: "DIS", param: '{"stream_name":"orders-dlq"}' } },
    });
    expect(await live("orders", "1")).toEqual({ func_urn: urn("orders", "1"), max_async_retry_attempts: 0, max_async_event_age_in_seconds: 3600, enable_async_status_log: false, destination_config: {} });

    // billing holds a config nobody gave this batch: refused, named; the prod target's change goes through.
    await sdk.updateFunctionAsyncInvokeConfig({ function_urn: urn("billing"), body: { max_async_retry_attempts: 3 } });
    await emu.control.resetRequestCounts();
    const next = await checked({ [byUrn]: { maxAsyncRetryAttempts: 2 }, "functiongraph/default/orders:1": { maxAsyncRetryAttempts: 0 }, "functiongraph/default/billing:latest": {} });
    const error = (await provider.update(id, outs as BatchOutputs, next).catch((e: unknown) => e)) as BatchFailure;
    expect(error).toBeInstanceOf(BatchFailure);
    expect(error.reasons).toEqual([
      expect.stringMatching(/^functiongraph\/default\/billing:latest: an async invoke config already exists \(last modified [0-9T:+Z-]+\)\. It is not overwritten silently/),
    ]);
    expect(await calls()).toEqual({ ShowFunctionAsyncInvokeConfig: 1, UpdateFunctionAsyncInvokeConfig: 1 });
    const partial = error.properties as BatchOutputs;
    expect(partial.configs[byUrn]).toEqual({ maxAsyncRetryAttempts: 2 });
    expect(partial.configs["functiongraph/default/billing:latest"]).toBeUndefined();
    expect((await live("billing"))["max_async_retry_attempts"]).toBe(3);

    // Drift made with the SDK shows in read's inputs.
    await sdk.updateFunctionAsyncInvokeConfig({ function_urn: urn("orders", "1"), body: { max_async_retry_attempts: 3 } });
    await emu.control.resetRequestCounts();
    const read = await provider.read(id, partial);
    expect(read.inputs).toEqual({ concurrency: 8, configs: { "functiongraph/default/orders:1": { maxAsyncRetryAttempts: 3 }, [byUrn]: { maxAsyncRetryAttempts: 2 } } });
    expect(await calls()).toEqual({ ShowFunctionAsyncInvokeConfig: 2 });

    // Delete: both configs, and one already gone (a function that does not exist) is success.
    await emu.control.resetRequestCounts();
    await provider.delete(id, { ...partial, configs: { ...partial.configs, "functiongraph/default/gone:latest": DEFAULTS } });
    expect(await calls()).toEqual({ DeleteFunctionAsyncInvokeConfig: 3 });
    const { configs } = await sdk.listFunctionAsyncInvokeConfig({ function_urn: urn("orders") }) as { configs?: unknown[] };
    expect(configs ?? []).toEqual([]);
  });
});
