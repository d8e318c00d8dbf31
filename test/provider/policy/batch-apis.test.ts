// fc.AsyncInvokePolicyBatch's provider as the loader configures it (batch-provider.ts `createBatchProvider`), over
// all three APIs against one emulator: a mixed batch makes each API's calls with that API's settings (`alicloud:*`,
// `huaweicloud:*`); FC 2.0 keys are routed as before; an API's settings are read only when one of its targets needs
// the service, so a batch without FunctionGraph targets never asks for Huawei Cloud settings, and the reverse.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../../emulator";
import { createBatchProvider } from "../../../provider/policy/batch-provider";
import { withDefaults } from "../../../provider/policy/async-invoke-policy-batch";
import { BatchFailure, type BatchOutputs } from "../../../provider/policy/batch";
import type { ConfigSource } from "../../../provider/shared/config";
import { functionGraphSdk, urnOf } from "../../../scripts/lib/huawei-sdk";
import { fc2For, nodeFunction, startEmulator } from "../../kit/emulator";
import { fc3For, fc3NodeFunction, liveFc3Config } from "../../kit/fc3";
import { functionZip } from "../../kit/function-zip";

const FC2 = { destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3, statefulInvocation: false };
const FC3 = { asyncTask: false, destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3 };
const FG = { destinationConfig: {}, enableAsyncStatusLog: false, maxAsyncEventAgeInSeconds: 3600, maxAsyncRetryAttempts: 1 };

let emulator: Emulator;
let alicloud: Record<string, string>;
let huaweicloud: Record<string, string>;

const configOf = (values: Record<string, string>): ConfigSource & { reads: string[] } => {
  const reads: string[] = [];
  return { reads, get: (key) => (reads.push(key), values[key]) };
};
const providerWith = (config: ConfigSource) => createBatchProvider(config, { env: {}, defaultChain: async () => Promise.reject(new Error("no default chain in tests")) });

async function calls(): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await emulator.control.requestCounts()).filter(([, n]) => n > 0));
}

beforeAll(async () => {
  emulator = await startEmulator();
  const fc2 = fc2For(emulator);
  await fc2.createService("shop");
  await fc2.createFunction("shop", nodeFunction("orders"));
  await fc3For(emulator).createFunction(fc3NodeFunction("invoices"));
  const zip = Buffer.from(functionZip({ "index.js": "exports.handler = async () => 1;" })).toString("base64");
  await functionGraphSdk(emulator).createFunction({ body: { func_name: "reports", runtime: "Node.js18.15", handler: "index.handler", timeout: 30, memory_size: 128, code_type: "zip", func_code: { file: zip } } });
  alicloud = {
    "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": emulator.credentials.accessKeySecret,
    "alicloud:region": emulator.region,
    "alicloud:accountId": emulator.credentials.accountId,
    "pulumi-async-invoke:fcEndpoint": emulator.url,
  };
  huaweicloud = {
    "huaweicloud:access_key": emulator.credentials.accessKeyId,
    "huaweicloud:secret_key": emulator.credentials.accessKeySecret,
    "huaweicloud:region": "cn-north-4",
    "huaweicloud:project_id": emulator.projectId,
    "pulumi-async-invoke:functiongraphEndpoint": emulator.url,
  };
}, 60_000);
afterAll(() => emulator?.close());
beforeEach(() => emulator.control.resetRequestCounts());

describe("one batch over FC 2.0, FC 3.0 and FunctionGraph", () => {
  it("checks every target by its own API's rules, naming the target and the field, before any call and without settings", async () => {
    const config = configOf({});
    const result = await providerWith(config).check({}, {
      configs: {
        "shop:orders:LATEST": { maxAsyncEventAgeInSeconds: 2592000 },
        "fc3/invoices:LATEST": { maxAsyncEventAgeInSeconds: 2592000 },
        "functiongraph/default/reports:latest": { maxAsyncRetryAttempts: 4 },
        "fc4/x:LATEST": {},
      },
    });
    expect(result.failures).toEqual([
      { property: 'configs["fc3/invoices:LATEST"].maxAsyncEventAgeInSeconds', reason: "must be an integer from 1 to 86400 (default 86400); got 2592000" },
      { property: 'configs["fc4/x:LATEST"]', reason: 'names no target: "fc4/" names no API: a key starts with "fc3/" or "functiongraph/", or is "service:function:qualifier" (FC 2.0); got "fc4/x:LATEST"' },
      { property: 'configs["functiongraph/default/reports:latest"].maxAsyncRetryAttempts', reason: "maxAsyncRetryAttempts must be an integer from 0 to 3 (default 1); got 4" },
    ]);
    expect(config.reads).toEqual([]);
    expect(await calls()).toEqual({});
  });

  it("creates, reads and deletes each target with its API's calls and its API's settings", async () => {
    const provider = providerWith(configOf({ ...alicloud, ...huaweicloud }));
    const { inputs } = await provider.check({}, {
      configs: { "shop:orders:LATEST": { maxAsyncRetryAttempts: 0 }, "fc3/invoices:LATEST": { asyncTask: true }, "functiongraph/default/reports:latest": { maxAsyncRetryAttempts: 2 } },
    });
    const { id, outs } = await provider.create(inputs as Record<string, unknown>);
    // Outputs leave out the fields at each target's own API's defaults; the resource fills them in for the program.
    expect((outs as BatchOutputs).configs).toEqual({
      "fc3/invoices:LATEST": { asyncTask: true },
      "functiongraph/default/reports:latest": { maxAsyncRetryAttempts: 2 },
      "shop:orders:LATEST": { maxAsyncRetryAttempts: 0 },
    });
    expect(withDefaults((outs as BatchOutputs).configs)).toEqual({
      "fc3/invoices:LATEST": { ...FC3, asyncTask: true },
      "functiongraph/default/reports:latest": { ...FG, maxAsyncRetryAttempts: 2 },
      "shop:orders:LATEST": { ...FC2, maxAsyncRetryAttempts: 0 },
    });
    expect(await calls()).toEqual({
      GetFunctionAsyncInvokeConfig: 1,
      PutFunctionAsyncInvokeConfig: 1,
      "fc3:GetAsyncInvokeConfig": 1,
      "fc3:PutAsyncInvokeConfig": 1,
      "functiongraph:ShowFunctionAsyncInvokeConfig": 1,
      "functiongraph:UpdateFunctionAsyncInvokeConfig": 1,
    });
    expect(await liveFc3Config(fc3For(emulator), "invoices")).toEqual({ ...FC3, asyncTask: true });
    const fg = await functionGraphSdk(emulator).showFunctionAsyncInvokeConfig({ function_urn: urnOf(emulator, "reports") });
    expect(fg["max_async_retry_attempts"]).toBe(2);

    await emulator.control.resetRequestCounts();
    // Read hands back inputs in check's form: each target without the fields at its own API's defaults.
    expect((await provider.read(id, outs as Record<string, unknown>)).inputs).toEqual({
      concurrency: 8,
      configs: { "fc3/invoices:LATEST": { asyncTask: true }, "functiongraph/default/reports:latest": { maxAsyncRetryAttempts: 2 }, "shop:orders:LATEST": { maxAsyncRetryAttempts: 0 } },
    });
    expect(inputs).toEqual({
      concurrency: 8,
      configs: { "fc3/invoices:LATEST": { asyncTask: true }, "functiongraph/default/reports:latest": { maxAsyncRetryAttempts: 2 }, "shop:orders:LATEST": { maxAsyncRetryAttempts: 0 } },
    });
    await provider.delete(id, outs as Record<string, unknown>);
    expect(await calls()).toEqual({
      GetFunctionAsyncInvokeConfig: 1,
      DeleteFunctionAsyncInvokeConfig: 1,
      "fc3:GetAsyncInvokeConfig": 1,
      "fc3:DeleteAsyncInvokeConfig": 1,
      "functiongraph:ShowFunctionAsyncInvokeConfig": 1,
      "functiongraph:DeleteFunctionAsyncInvokeConfig": 1,
    });
  });

  it("never reads Huawei Cloud settings for a batch without FunctionGraph targets; a FunctionGraph target without them fails alone", async () => {
    const config = configOf(alicloud);
    const provider = providerWith(config);
    const { inputs } = await provider.check({}, { configs: { "shop:orders:LATEST": {}, "fc3/invoices:LATEST": {} } });
    const { id, outs } = await provider.create(inputs as Record<string, unknown>);
    expect(Object.keys((outs as BatchOutputs).configs)).toEqual(["fc3/invoices:LATEST", "shop:orders:LATEST"]);
    expect(config.reads.filter((key) => key.startsWith("huaweicloud:") || key.endsWith("functiongraphEndpoint"))).toEqual([]);

    const mixed = (await provider.check({}, { configs: { "shop:orders:LATEST": {}, "fc3/invoices:LATEST": {}, "functiongraph/default/reports:latest": {} } })).inputs as Record<string, unknown>;
    const error = (await provider.update(id, outs as BatchOutputs, mixed).catch((e: unknown) => e)) as BatchFailure;
    expect(error).toBeInstanceOf(BatchFailure);
    expect(error.reasons).toEqual(["functiongraph/default/reports:latest: no region: set huaweicloud:region, HW_REGION_NAME, HUAWEICLOUD_SDK_REGION"]);
    expect(Object.keys((error.properties as BatchOutputs).configs)).toEqual(["fc3/invoices:LATEST", "shop:orders:LATEST"]);
    await provider.delete(id, error.properties as Record<string, unknown>);
  });

  it("never reads Alibaba Cloud settings for a FunctionGraph-only batch", async () => {
    const config = configOf(huaweicloud);
    const provider = providerWith(config);
    const { inputs } = await provider.check({}, { configs: { "functiongraph/default/reports:latest": { maxAsyncEventAgeInSeconds: 60 } } });
    const { id, outs } = await provider.create(inputs as Record<string, unknown>);
    expect((outs as BatchOutputs).configs).toEqual({ "functiongraph/default/reports:latest": { maxAsyncEventAgeInSeconds: 60 } });
    await provider.delete(id, outs as Record<string, unknown>);
    expect(config.reads.filter((key) => key.startsWith("alicloud:") || key.endsWith("fcEndpoint"))).toEqual([]);
  });
});
