// FunctionGraph's code types as the API defines them, judged by the official SDK (@huaweicloud/huaweicloud-sdk-functiongraph):
// `inline` is the base64 of the handler's source text (Huawei's API reference, Terraform's huaweicloud_fgs_function
// `code_type = "inline"` examples), kept as one file named for the handler's module; `zip` a base64 zip; `obs`, and
// runtimes other than Node.js, refused at create with FSS.0400 naming what the emulator runs. UpdateFunctionCode
// takes the same types. The engine's time is a VirtualClock: nothing sleeps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock, type Emulator } from "../../../emulator";
import { functionGraphSdk, sdkFailure, urnOf, type HuaweiFgClient } from "../../../scripts/lib/huawei-sdk";
import { functionZip } from "../../kit/function-zip";
import { startEmulator } from "../../kit/emulator";

/** The SDK's UpdateFunctionCode (PUT …/code), which the shared client type does not list. */
type FgClient = HuaweiFgClient & { updateFunctionCode(r: { function_urn: string; body: Record<string, unknown> }): Promise<Record<string, unknown> & { httpStatusCode?: number }> };

const WORKER = `
exports.handler = async (event, context) => {
  if (event.fail) throw new Error("asked to fail: " + context.functionName);
  return { echoed: event.value ?? null, fn: context.functionName };
};
`;
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const base = { package: "default", runtime: "Node.js18.15", handler: "index.handler", timeout: 30, memory_size: 128 };

const clock = new VirtualClock();
let emu: Emulator;
let sdk: FgClient;

async function messagesOf(destination: string): Promise<Record<string, unknown>[]> {
  const kept = (await emu.control.destinations()).find((d) => d.destination === destination);
  return (kept?.messages ?? []).map((m) => JSON.parse(m.body) as Record<string, unknown>);
}

async function recordsOf(name: string): Promise<Record<string, { status: string; error_code: number; error_message: string }>> {
  const list = await sdk.listAsyncInvocations({ function_urn: urnOf(emu, name) });
  return Object.fromEntries((list["invocations"] as { request_id: string; status: string; error_code: number; error_message: string }[]).map((r) => [r.request_id, r]));
}

beforeAll(async () => {
  emu = await startEmulator({ asyncScheduler: clock });
  sdk = functionGraphSdk(emu) as FgClient;
});
afterAll(async () => {
  await emu.close();
});

describe("inline code", () => {
  it("keeps the source text as the handler module's file and answers code_type, code_filename, code_size and digest", async () => {
    const created = await sdk.createFunction({ body: { ...base, func_name: "inline-show", code_type: "inline", func_code: { file: b64(WORKER) } } });
    expect(created).toMatchObject({ httpStatusCode: 200, code_type: "inline", code_filename: "index.js", code_size: Buffer.byteLength(WORKER) });
    expect(created["digest"]).toMatch(/^[0-9a-f]{64}$/);
    const shown = await sdk.showFunctionConfig({ function_urn: urnOf(emu, "inline-show") });
    expect(shown).toMatchObject({ code_type: "inline", code_filename: "index.js", code_size: Buffer.byteLength(WORKER), digest: created["digest"] });
  });

  it("runs a handler in a module other than index (app.main → app.js) on a synchronous invoke", async () => {
    await sdk.createFunction({ body: { ...base, func_name: "inline-app", handler: "app.main", code_type: "inline", func_code: { file: b64("exports.main = async (event) => ({ got: event.value });") } } });
    const r = await sdk.invokeFunction({ function_urn: urnOf(emu, "inline-app"), body: { value: 5 } });
    expect(r).toMatchObject({ httpStatusCode: 200, status: 200, result: '{"got":5}', is_error: false });
  });

  it("an async invocation of an inline Node.js function reaches SUCCESS in ListAsyncInvocations", async () => {
    await sdk.createFunction({ body: { ...base, func_name: "inline-ok", code_type: "inline", func_code: { file: b64(WORKER) } } });
    await sdk.updateFunctionAsyncInvokeConfig({
      function_urn: urnOf(emu, "inline-ok"),
      body: { max_async_retry_attempts: 0, destination_config: { on_success: { destination: "OBS", param: JSON.stringify({ bucket: "inline", prefix: "ok/", expires: 0 }) } } },
    });
    const queued = await sdk.asyncInvokeFunction({ function_urn: urnOf(emu, "inline-ok"), body: { value: 3 } });
    expect(queued.httpStatusCode).toBe(202);
    await clock.runUntilIdle();
    expect((await recordsOf("inline-ok"))[queued["request_id"] as string]).toMatchObject({ status: "SUCCESS", error_code: 0, error_message: "" });
    const [record] = await messagesOf("obs://inline/ok/");
    expect(record).toMatchObject({ request_context: { request_id: queued["request_id"], condition: "", approximate_invoke_count: 1 }, response_payload: '{"echoed":3,"fn":"inline-ok"}' });
  });

  it("a throwing inline function ends FAIL after its configured retries, its own error in the failure record", async () => {
    await sdk.createFunction({ body: { ...base, func_name: "inline-bad", code_type: "inline", func_code: { file: b64(WORKER) } } });
    await sdk.updateFunctionAsyncInvokeConfig({
      function_urn: urnOf(emu, "inline-bad"),
      body: { max_async_retry_attempts: 2, destination_config: { on_failure: { destination: "OBS", param: JSON.stringify({ bucket: "inline", prefix: "failed/", expires: 0 }) } } },
    });
    const queued = await sdk.asyncInvokeFunction({ function_urn: urnOf(emu, "inline-bad"), body: { fail: true } });
    await clock.runUntilIdle();
    expect((await recordsOf("inline-bad"))[queued["request_id"] as string]).toMatchObject({ status: "FAIL", error_code: 1, error_message: "UnhandledInvocationError" });
    const [record] = await messagesOf("obs://inline/failed/");
    expect(record).toMatchObject({
      request_context: { request_id: queued["request_id"], condition: "UnhandledInvocationError", approximate_invoke_count: 3 },
      request_payload: '{"fail":true}',
      response_context: { function_error: "Unhandled" },
    });
    expect(JSON.parse(record?.["response_payload"] as string)).toMatchObject({ errorMessage: "asked to fail: inline-bad" });
  });
});

describe("code refused at create", () => {
  const refused = async (body: Record<string, unknown>) => sdkFailure(sdk.createFunction({ body: { ...base, ...body } }));

  it("answers obs with FSS.0400: the emulator does not fetch OBS code, and creates nothing", async () => {
    expect(await refused({ func_name: "from-obs", code_type: "obs", code_url: "https://bucket.obs.cn-north-4.myhuaweicloud.com/code.zip" })).toMatchObject({
      status: 400,
      code: "FSS.0400",
      message:
        "Invalid parameter: code_type obs is not supported by the emulator: it does not fetch code from OBS (https://bucket.obs.cn-north-4.myhuaweicloud.com/code.zip); send the package as code_type zip or the source as code_type inline",
    });
    expect(await sdkFailure(sdk.showFunctionConfig({ function_urn: urnOf(emu, "from-obs") }))).toMatchObject({ status: 404, code: "FSS.1051" });
  });

  it("answers a runtime it cannot run with the runtimes it can", async () => {
    expect(await refused({ func_name: "py", runtime: "Python3.9", handler: "index.handler", code_type: "inline", func_code: { file: b64("def handler(event, context):\n    return 1\n") } })).toMatchObject({
      status: 400,
      code: "FSS.0400",
      message:
        "Invalid parameter: runtime Python3.9 is not one the emulator runs; it runs Node.js functions only: Node.js6.10, Node.js8.10, Node.js10.16, Node.js12.13, Node.js14.18, Node.js16.17, Node.js18.15 (or a newer Node.js{major}.{minor})",
    });
  });

  it("tells inline from zip, and wants func_code.file for both", async () => {
    const zip = Buffer.from(functionZip({ "index.js": WORKER })).toString("base64");
    expect(await refused({ func_name: "z1", code_type: "zip", func_code: { file: b64(WORKER) } })).toMatchObject({ status: 400, code: "FSS.0400", message: "Invalid parameter: func_code.file is not a zip package; source text is code_type inline" });
    expect(await refused({ func_name: "z2", code_type: "inline", func_code: { file: zip } })).toMatchObject({
      status: 400,
      code: "FSS.0400",
      message: "Invalid parameter: func_code.file holds a zip package; send it with code_type zip (inline is the source text itself)",
    });
    expect(await refused({ func_name: "z3", code_type: "inline" })).toMatchObject({
      status: 400,
      code: "FSS.0400",
      message: "Invalid parameter: func_code.file is required for code_type inline (the base64 of the handler's source text, kept as index.js)",
    });
    expect(await refused({ func_name: "z4", code_type: "jar", func_code: { file: zip } })).toMatchObject({
      status: 400,
      code: "FSS.0400",
      message: "Invalid parameter: code_type jar is not supported by the emulator, which runs Node.js code sent as code_type inline or zip",
    });
  });
});

describe("UpdateFunctionCode", () => {
  it("replaces latest's code with any runnable type; a published version keeps its own", async () => {
    await sdk.createFunction({ body: { ...base, func_name: "recode", code_type: "inline", func_code: { file: b64("exports.handler = async () => 'one';") } } });
    await sdk.createFunctionVersion({ function_urn: urnOf(emu, "recode"), body: { version: "1" } });
    const zip = Buffer.from(functionZip({ "index.js": "exports.handler = async () => 'two';" }));
    const updated = await sdk.updateFunctionCode({ function_urn: urnOf(emu, "recode"), body: { code_type: "zip", code_filename: "recode.zip", func_code: { file: zip.toString("base64") } } });
    expect(updated).toMatchObject({ httpStatusCode: 200, func_urn: urnOf(emu, "recode"), code_type: "zip", code_filename: "recode.zip", code_size: zip.length });
    expect((await sdk.invokeFunction({ function_urn: urnOf(emu, "recode"), body: {} }))["result"]).toBe("two");
    expect((await sdk.invokeFunction({ function_urn: urnOf(emu, "recode", "1"), body: {} }))["result"]).toBe("one");

    await sdk.updateFunctionCode({ function_urn: urnOf(emu, "recode"), body: { code_type: "inline", func_code: { file: b64("exports.handler = async () => 'three';") } } });
    expect((await sdk.invokeFunction({ function_urn: urnOf(emu, "recode"), body: {} }))["result"]).toBe("three");
    expect(await sdkFailure(sdk.updateFunctionCode({ function_urn: urnOf(emu, "recode"), body: { code_type: "obs", code_url: "https://b.obs/c.zip" } }))).toMatchObject({ status: 400, code: "FSS.0400" });
    expect(await sdkFailure(sdk.updateFunctionCode({ function_urn: urnOf(emu, "recode", "1"), body: { code_type: "inline", func_code: { file: b64("x") } } }))).toMatchObject({
      status: 400,
      code: "FSS.0400",
      message: "Invalid parameter: function code is updated on latest; 1 is a published version or an alias",
    });
    expect(await sdkFailure(sdk.updateFunctionCode({ function_urn: urnOf(emu, "nope"), body: { code_type: "inline", func_code: { file: b64("x") } } }))).toMatchObject({ status: 404, code: "FSS.1051" });
  });
});
