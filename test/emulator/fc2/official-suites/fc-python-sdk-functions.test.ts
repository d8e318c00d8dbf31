// aliyun/fc-python-sdk `test/function_test.py` (commit a4e2957), ported like ./fc-python-sdk.test.ts:
// the requests fc2.Client makes (./sdk-wire.ts), the suite's names and assertions.
//
// Not supported by the emulator (asserted with the exact answer):
// | suite test                          | what                                     | emulator answers                 |
// |-------------------------------------|------------------------------------------|----------------------------------|
// | test_initialize                     | InvokeFunction of a python2.7 function   | 400 NotSupportedByEmulator       |
// | test_invoke (hello world, custom)   | InvokeFunction of python2.7 / custom     | 400 NotSupportedByEmulator       |
// | test_sts                            | InvokeFunction of a python2.7 function   | 400 NotSupportedByEmulator (after STS authentication passed) |
// test_invoke's nodejs4.4 image resize needs the suite's vendored jimp tree (test/image_process/code,
// ~1,800 files) and is not ported. The Python code zips are the suite's main.py files, zipped.
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Emulator } from "../../../../emulator";
import { startEmulator } from "../../../support/emulator";
import { PythonFcClient, sdkFailure, type WireResponse } from "./sdk-wire";

const HELLO_WORLD_MAIN = "import json\n\ndef my_handler(event, context):\n    return 'hello world'\n";
const COUNTER_MAIN = "counter = 0\ndef my_initializer(context):\n    global counter\n    counter += 1\n\ndef my_handler(event, context):\n    global counter\n    counter += 1\n    return counter\n";
const zip = (source: string) => Buffer.from(zipSync({ "main.py": strToU8(source) }, { mtime: new Date("2020-01-01T00:00:00Z") })).toString("base64");
const HELLO_WORLD_ZIP = zip(HELLO_WORLD_MAIN);
const COUNTER_ZIP = zip(COUNTER_MAIN);

let emulator: Emulator;
let client: PythonFcClient;
const V = "/2016-08-15";
const serviceName = "TestFunction_service_abcdefgh";

beforeAll(async () => {
  emulator = await startEmulator();
  client = new PythonFcClient(emulator.url, emulator.credentials.accessKeyId, emulator.credentials.accessKeySecret);
  await client.request("POST", `${V}/services`, { payload: { serviceName, description: null } });
});
afterAll(async () => {
  // tearDownClass: every test deleted its functions.
  const listed = await client.request("GET", `${V}/services/${serviceName}/functions`);
  expect(listed.data["functions"]).toEqual([]);
  await client.request("DELETE", `${V}/services/${serviceName}`);
  await emulator.close();
});

type Fn = { handler: string; runtime: unknown; zipFile?: unknown; description?: string; environmentVariables?: object; initializer?: string; initializationTimeout?: number; instanceType?: string; instanceConcurrency?: number };
/** create_function / update_function: required keys first, optional ones only when given. */
function payload(fn: Partial<Fn> & { functionName?: string }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (fn.functionName !== undefined) Object.assign(out, { functionName: fn.functionName, runtime: fn.runtime, handler: fn.handler });
  else {
    if (fn.runtime !== undefined) out["runtime"] = fn.runtime;
    if (fn.handler !== undefined) out["handler"] = fn.handler;
  }
  if (fn.zipFile !== undefined) out["code"] = { zipFile: fn.zipFile };
  for (const key of ["description", "initializer", "initializationTimeout", "environmentVariables", "instanceConcurrency", "instanceType"] as const) {
    if (fn[key] !== undefined && fn[key] !== "") out[key] = fn[key];
  }
  return out;
}
const createFunction = (functionName: string, fn: Fn) => client.request("POST", `${V}/services/${serviceName}/functions`, { payload: payload({ functionName, ...fn }) });
const updateFunction = (functionName: string, fn: Partial<Fn>, headers: Record<string, string> = {}) =>
  client.request("PUT", `${V}/services/${serviceName}/functions/${functionName}`, { payload: payload(fn), headers });
const getFunction = (functionName: string, headers: Record<string, string> = {}) => client.request("GET", `${V}/services/${serviceName}/functions/${functionName}`, { headers });
const deleteFunction = (functionName: string, headers: Record<string, string> = {}) => client.request("DELETE", `${V}/services/${serviceName}/functions/${functionName}`, { headers });
const invokeFunction = (c: PythonFcClient, functionName: string) => c.request("POST", `${V}/services/${serviceName}/functions/${functionName}/invocations`, { raiseOnFunctionError: true });
const listFunctions = (p: Record<string, string | number>) => client.request("GET", `${V}/services/${serviceName}/functions`, { params: p });

async function checkFunction(response: WireResponse, functionName: string, desc: string, runtime = "python2.7", initializer?: string) {
  const etag = response.headers["etag"] as string;
  expect(etag).toMatch(/^[0-9a-f]{32}$/);
  const fn = response.data;
  expect(fn).toMatchObject({ functionName, runtime, handler: "main.my_handler", description: desc, instanceType: "e1" });
  for (const key of ["codeChecksum", "codeSize", "createdTime", "lastModifiedTime", "functionId", "memorySize", "timeout"]) expect(fn).toHaveProperty(key);
  if (desc === "test for initializer") expect([fn["initializer"], fn["initializationTimeout"]]).toEqual([initializer, 30]);
  const checksum = fn["codeChecksum"];
  const got = (await getFunction(functionName, { "x-fc-trace-id": "0b6c2f4e-2f0d-4b59-8a8e-0d6b7b1c9a11" })).data;
  expect(got).toMatchObject({ functionName, runtime, handler: "main.my_handler", description: desc });
  if (desc === "test for initializer") expect([got["initializer"], got["initializationTimeout"]]).toEqual([initializer, 30]);
  const code = (await client.request("GET", `${V}/services/${serviceName}/functions/${functionName}/code`)).data;
  expect(code["checksum"]).toBe(checksum);
  expect(code["url"]).not.toBe("");
  // expect the delete function failed because of invalid etag.
  expect(await sdkFailure(deleteFunction(functionName, { "if-match": "invalid etag" }))).toEqual({
    status: 412, code: "PreconditionFailed", message: "the resource has changed: If-Match 'invalid etag' does not match its current ETag",
  });
  // now success with valid etag.
  expect((await deleteFunction(functionName, { "if-match": etag })).status).toBe(204);
  // can not get the deleted function.
  expect(await sdkFailure(getFunction(functionName))).toMatchObject({ status: 404, code: "FunctionNotFound" });
}

describe("function_test TestFunction", () => {
  test("test_create", async () => {
    const desc1 = "这是测试function";
    const f1 = await createFunction("test_create_aaaaaaaa", { handler: "main.my_handler", runtime: "python2.7", zipFile: HELLO_WORLD_ZIP, description: desc1, environmentVariables: { testKey: "testValue" } });
    expect(f1.data["environmentVariables"]["testKey"]).toBe("testValue");
    await checkFunction(f1, "test_create_aaaaaaaa", desc1);
    const f2 = await createFunction("test_create_bbbbbbbb", { handler: "main.my_handler", runtime: "python2.7", zipFile: COUNTER_ZIP, initializer: "main.my_initializer", description: "test for initializer", environmentVariables: { testKey: "testValue" } });
    expect(f2.data["environmentVariables"]["testKey"]).toBe("testValue");
    await checkFunction(f2, "test_create_bbbbbbbb", "test for initializer", "python2.7", "main.my_initializer");
    const f3 = await createFunction("test_create_cccccccc", { handler: "main.my_handler", runtime: "python2.7", zipFile: HELLO_WORLD_ZIP, description: "test for InstanceType", environmentVariables: { testKey: "testValue" }, instanceType: "e1" });
    expect(f3.data["environmentVariables"]["testKey"]).toBe("testValue");
    await checkFunction(f3, "test_create_cccccccc", "test for InstanceType");
  });

  test("test_instance_concurrency", async () => {
    const name = "test_create_dddddddd";
    const created = await createFunction(name, { handler: "main.my_handler", runtime: "nodejs10", zipFile: COUNTER_ZIP, initializer: "main.my_initializer", description: "test for initializer", environmentVariables: { testKey: "testValue" }, instanceConcurrency: 2 });
    expect(created.data["instanceConcurrency"]).toBe(2);
    expect((await updateFunction(name, { instanceConcurrency: 10 })).data["instanceConcurrency"]).toBe(10);
    await deleteFunction(name);
  });

  test("test_create_from_zip", async () => {
    const desc = "这是测试function";
    await checkFunction(await createFunction("test_create_eeeeeeee", { handler: "main.my_handler", runtime: "python2.7", zipFile: HELLO_WORLD_ZIP, description: desc }), "test_create_eeeeeeee", desc);
  });

  test("test_update", async () => {
    let name = "test_update_aaaaaaaa";
    await createFunction(name, { handler: "main.my_handler", runtime: "python2.7", zipFile: HELLO_WORLD_ZIP, environmentVariables: { testKey0: "testValue0", testKey1: "testValue1" } });
    const desc = "function description";
    let fn = await updateFunction(name, { zipFile: HELLO_WORLD_ZIP, description: desc, environmentVariables: { newTestKey: "newTestValue" } });
    expect(fn.headers["etag"]).toMatch(/^[0-9a-f]{32}$/);
    expect([fn.data["description"], fn.data["environmentVariables"]]).toEqual([desc, { newTestKey: "newTestValue" }]);
    fn = await updateFunction(name, { zipFile: HELLO_WORLD_ZIP, description: desc });
    expect([fn.data["description"], fn.data["environmentVariables"]]).toEqual([desc, { newTestKey: "newTestValue" }]);
    fn = await updateFunction(name, { zipFile: HELLO_WORLD_ZIP, description: desc, environmentVariables: {} });
    expect(fn.data["environmentVariables"]).toEqual({});
    expect(await sdkFailure(updateFunction(name, { description: "invalid" }, { "if-match": "invalid etag" }))).toMatchObject({ status: 412, code: "PreconditionFailed" });
    expect(await sdkFailure(updateFunction(name, { zipFile: HELLO_WORLD_ZIP, runtime: 10 }))).toMatchObject({ status: 400, code: "InvalidArgument" });
    await deleteFunction(name);

    name = "test_update_with_initializer_aaaaaaaa";
    await createFunction(name, { handler: "main.my_handler", initializer: "main.my_initializer", runtime: "python2.7", zipFile: COUNTER_ZIP, environmentVariables: { testKey0: "testValue0", testKey1: "testValue1" } });
    fn = await updateFunction(name, { zipFile: COUNTER_ZIP, initializationTimeout: 60, description: desc, environmentVariables: { newTestKey: "newTestValue" } });
    expect(fn.headers["etag"]).toMatch(/^[0-9a-f]{32}$/);
    expect([fn.data["description"], fn.data["initializationTimeout"], fn.data["environmentVariables"]]).toEqual([desc, 60, { newTestKey: "newTestValue" }]);
    await deleteFunction(name);
  });

  test("test_list", async () => {
    const prefix = "test_list_";
    for (const s of ["abc", "abd", "ade", "bcd", "bde", "zzz"]) await createFunction(prefix + s, { handler: "main.my_handler", runtime: "python2.7", zipFile: HELLO_WORLD_ZIP });
    const names = (r: WireResponse) => (r.data["functions"] as Array<{ functionName: string }>).map((f) => f.functionName);
    let r = await listFunctions({ limit: 2, startKey: `${prefix}b` });
    const nextToken = r.data["nextToken"] as string;
    expect(names(r)).toEqual([`${prefix}bcd`, `${prefix}bde`]);
    expect(names(await listFunctions({ limit: 1, startKey: `${prefix}b`, nextToken }))).toEqual([`${prefix}zzz`]);
    // It's ok to omit the startKey and only provide continuationToken.
    expect(names(await listFunctions({ limit: 1, nextToken }))).toEqual([`${prefix}zzz`]);
    // If continuationToken is provided, along with a prefix, then the prefix is considered.
    expect(names(await listFunctions({ limit: 2, prefix: `${prefix}x`, nextToken }))).toEqual([]);
    r = await listFunctions({ limit: 2, prefix: `${prefix}a` });
    expect(names(r)).toEqual([`${prefix}abc`, `${prefix}abd`]);
    expect(names(await listFunctions({ limit: 2, prefix: `${prefix}ab`, startKey: `${prefix}abd` }))).toEqual([`${prefix}abd`]);
    for (const s of ["abc", "abd", "ade", "bcd", "bde", "zzz"]) await deleteFunction(prefix + s);
  });

  const pythonNotRun = (name: string, runtime = "python2.7") => ({
    status: 400, code: "NotSupportedByEmulator", message: `not supported by the emulator: function '${name}' has runtime '${runtime}'; the emulator runs only Node.js (nodejs*) functions`,
  });

  test("test_initialize", async () => {
    const name = "test_invoke_counter_aaaaaaaa";
    await createFunction(name, { handler: "main.my_handler", runtime: "python2.7", initializer: "main.my_initializer", zipFile: COUNTER_ZIP });
    expect(await sdkFailure(invokeFunction(client, name))).toEqual(pythonNotRun(name));
    await deleteFunction(name);
  });

  test("test_invoke", async () => {
    const hello = "test_invoke_hello_world_aaaaaaaa";
    await createFunction(hello, { handler: "main.my_handler", runtime: "python2.7", zipFile: HELLO_WORLD_ZIP });
    expect(await sdkFailure(invokeFunction(client, hello))).toEqual(pythonNotRun(hello));
    await deleteFunction(hello);
    const customGoError = "test_invoke_custom_go_error_aaaaaaaa";
    await createFunction(customGoError, { handler: "main.handler", runtime: "custom", zipFile: HELLO_WORLD_ZIP });
    expect(await sdkFailure(invokeFunction(client, customGoError))).toEqual(pythonNotRun(customGoError, "custom"));
    await deleteFunction(customGoError);
  });

  test("test_sts", async () => {
    const hello = "test_invoke_hello_world_bbbbbbbb";
    await createFunction(hello, { handler: "main.my_handler", runtime: "python2.7", zipFile: HELLO_WORLD_ZIP });
    // AssumeRole, as the emulator's control surface issues it; the STS client signs with x-fc-security-token.
    const sts = await emulator.control.mintSts();
    const stsClient = new PythonFcClient(emulator.url, sts.accessKeyId, sts.accessKeySecret, sts.securityToken);
    expect(await sdkFailure(invokeFunction(stsClient, hello))).toEqual(pythonNotRun(hello));
    await deleteFunction(hello);
  });

  test("test_fc_error_code", async () => {
    const failure = await sdkFailure(invokeFunction(client, "undefine_function"));
    expect(failure).toEqual({ status: 404, code: "FunctionNotFound", message: `function 'undefine_function' does not exist in service '${serviceName}'` });
  });

  test("test_check_op_function_param_check", async () => {
    // The SDK refuses all but one of these cases itself, before any request; the one that reaches the
    // server is runtime=10.
    expect(await sdkFailure(createFunction("test_create_ffffffff", { handler: "main.my_handler", runtime: 10, zipFile: HELLO_WORLD_ZIP }))).toMatchObject({ status: 400, code: "InvalidArgument" });
    expect(await sdkFailure(getFunction("test_create_ffffffff"))).toMatchObject({ status: 404, code: "FunctionNotFound" });
  });
});
