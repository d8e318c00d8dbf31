// FunctionGraph's region and project come from the start options, not from constants: `start({ functionGraphRegion })`
// names the region of every URN the API takes and answers (and the one its functions see), and an account's project
// id (`accounts: [{ projectId }]`) is the project of its paths and URNs. Driven by the official SDK; virtual time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock, type Emulator } from "../../../emulator";
import { functionGraphSdk, sdkFailure, urnOf, type HuaweiFgClient } from "../../../scripts/lib/huawei-sdk";
import { startEmulator } from "../../kit/emulator";

const PROJECT = "5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d";
const SOURCE = "exports.handler = async (event, context) => ({ region: context.region, env: process.env.RUNTIME_REGION, project: context.projectId });";
const clock = new VirtualClock();
let emu: Emulator;
let sdk: HuaweiFgClient;

beforeAll(async () => {
  emu = await startEmulator({
    asyncScheduler: clock,
    functionGraphRegion: "ap-southeast-1",
    accounts: [{ accountId: "3333333333333333", accessKeyId: "FgRegionTestKey", accessKeySecret: "FgRegionTestSecret", projectId: PROJECT }],
  });
  sdk = functionGraphSdk(emu);
  await sdk.createFunction({
    body: { func_name: "where", package: "default", runtime: "Node.js18.15", handler: "index.handler", timeout: 30, memory_size: 128, code_type: "inline", func_code: { file: Buffer.from(SOURCE).toString("base64") } },
  });
});
afterAll(async () => {
  await emu.close();
});

describe("FunctionGraph's region and project from the start options", () => {
  it("reports them on the emulator and in its connections", () => {
    expect(emu.functiongraphRegion).toBe("ap-southeast-1");
    expect(emu.projectId).toBe(PROJECT);
    expect(emu.connections.functiongraph).toEqual({ endpoint: emu.url, region: "ap-southeast-1", projectId: PROJECT, accessKey: "FgRegionTestKey", secretKey: "FgRegionTestSecret" });
    expect(emu.connections.fc3).toEqual({ endpoint: emu.url, region: "cn-hangzhou", accountId: "3333333333333333", accessKeyId: "FgRegionTestKey", accessKeySecret: "FgRegionTestSecret" });
  });

  it("names the region in every URN it answers, and the function sees it", async () => {
    const shown = await sdk.showFunctionConfig({ function_urn: urnOf(emu, "where") });
    expect(shown).toMatchObject({ func_urn: `urn:fss:ap-southeast-1:${PROJECT}:function:default:where:latest`, project_name: "ap-southeast-1", namespace: PROJECT });
    const run = await sdk.invokeFunction({ function_urn: urnOf(emu, "where"), body: {} });
    expect(JSON.parse(run["result"] as string)).toEqual({ region: "ap-southeast-1", env: "ap-southeast-1", project: PROJECT });
  });

  it("refuses a URN of another region (the old constant cn-north-4 included)", async () => {
    expect(await sdkFailure(sdk.showFunctionConfig({ function_urn: `urn:fss:cn-north-4:${PROJECT}:function:default:where:latest` }))).toMatchObject({
      status: 400,
      code: "FSS.1309",
      message: "Invalid function URN: region cn-north-4 is not this endpoint's region ap-southeast-1",
    });
  });

  it("runs async invocations and FunctionGraph destinations in that region", async () => {
    await sdk.createFunction({
      body: { func_name: "sink", package: "default", runtime: "Node.js18.15", handler: "index.handler", timeout: 30, memory_size: 128, code_type: "inline", func_code: { file: Buffer.from("exports.handler = async () => 'ok';").toString("base64") } },
    });
    await sdk.updateFunctionAsyncInvokeConfig({
      function_urn: urnOf(emu, "where"),
      body: { max_async_retry_attempts: 0, destination_config: { on_success: { destination: "FunctionGraph", param: JSON.stringify({ func_urn: urnOf(emu, "sink") }) } } },
    });
    const queued = await sdk.asyncInvokeFunction({ function_urn: urnOf(emu, "where"), body: {} });
    await clock.runUntilIdle();
    const records = await sdk.listAsyncInvocations({ function_urn: urnOf(emu, "where"), request_id: queued["request_id"] as string });
    expect(records["invocations"]).toEqual([expect.objectContaining({ status: "SUCCESS", error_code: 0 })]);
    // The destination function was invoked asynchronously with the success record: its own record succeeded.
    const delivered = await sdk.listAsyncInvocations({ function_urn: urnOf(emu, "sink") });
    expect(delivered["count"]).toBe(1);
    expect(delivered["invocations"]).toEqual([expect.objectContaining({ status: "SUCCESS" })]);
  });
});
