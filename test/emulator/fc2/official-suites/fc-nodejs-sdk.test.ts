// aliyun/fc-nodejs-sdk `test/client.test.js` (commit 9e48fa7), ported to vitest and run through the
// official @alicloud/fc2 client against the emulator. Test names, order, before/after hooks, calls and
// assertions are the suite's own (expect.js → vitest); where an assertion had to change it says why, next to it.
// The after() hooks' deletes are awaited one by one in the suite's order (the suite fires some from forEach).
//
// Operations the emulator does not implement (triggers, HTTP-trigger proxy calls, custom domains, tags,
// reserved capacity, account settings, layers, temporary OSS tokens, provisioned concurrency) are not
// skipped: their tests assert the exact error the emulator answers. Table (also in README.md):
//
// | suite test                                              | operation(s)                       | emulator answers                  |
// |---------------------------------------------------------|------------------------------------|-----------------------------------|
// | invokeFunction with injected span context …             | InvokeFunction (tracing context)   | function error: process exited (no `context.tracing`) |
// | createFunction without code size limit should ok        | GetTempBucketToken (OSS upload)    | 400 PathNotSupported              |
// | updateFunction without code size limit should ok        | GetTempBucketToken (OSS upload)    | 400 PathNotSupported              |
// | http trigger should be ok (5 tests)                     | CreateTrigger, GetTrigger, proxy   | 400 PathNotSupported              |
// | oss trigger should be ok (5 tests)                      | Create/List/Get/Update/DeleteTrigger | 400 PathNotSupported            |
// | customDomain should be ok (5 tests)                     | *CustomDomain                      | 400 PathNotSupported              |
// | tag test should be ok (2 tests)                         | TagResource, UntagResource         | 400 PathNotSupported              |
// | listReservedCapacities should ok                        | ListReservedCapacities             | 400 PathNotSupported              |
// | getAccountConfig should ok                              | GetAccountSettings                 | 400 PathNotSupported              |
// | publishLayerVersionForBigCode / remove layer version    | layers                             | 400 PathNotSupported              |
// | getTempBucketToken should ok                            | GetTempBucketToken                 | 400 PathNotSupported              |
// | manage provision config should be ok (3 tests)          | Put/Get/ListProvisionConfig(s)     | 400 PathNotSupported              |
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, useEmulator } from "../../../kit/emulator";
import { counterZipBase64, testZipBase64 } from "./nodejs-figures";

type Response = { headers: Record<string, string>; data: any };
const METHODS = [
  "listServices", "createService", "getService", "updateService", "deleteService", "createFunction", "listFunctions",
  "getFunction", "getFunctionCode", "updateFunction", "deleteFunction", "invokeFunction", "publishVersion", "listVersions",
  "deleteVersion", "createAlias", "updateAlias", "getAlias", "listAliases", "deleteAlias", "putFunctionAsyncConfig",
  "getFunctionAsyncConfig", "listFunctionAsyncConfigs", "deleteFunctionAsyncConfig", "createTrigger", "getTrigger",
  "listTriggers", "updateTrigger", "deleteTrigger", "get", "createCustomDomain", "listCustomDomains", "getCustomDomain",
  "updateCustomDomain", "deleteCustomDomain", "tagResource", "untagResource", "listReservedCapacities", "getAccountSettings",
  "getTempBucketToken", "deleteLayerVersion", "putProvisionConfig", "getProvisionConfig", "listProvisionConfigs",
] as const;
type Client = { [K in (typeof METHODS)[number]]: (...args: any[]) => Promise<Response> } & { endpoint: string; timeout: number };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FunctionComputeClient = require("@alicloud/fc2") as {
  new (accountId?: string, config?: object): Client;
  getSignature(id: string, secret: string, method: string, path: string, headers: object, queries: object): string;
};

const REGION = "cn-shanghai";
const serviceName = "fc-nodejs-sdk-unit-test";

const t = useEmulator({}, { resetEach: false });
let ACCOUNT_ID: string;
let ACCESS_KEY_ID: string;
let ACCESS_KEY_SECRET: string;
const newClient = (extra: object = {}): Client =>
  new FunctionComputeClient(ACCOUNT_ID, { accessKeyID: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, region: REGION, endpoint: t.fc.url, ...extra });

beforeAll(() => {
  ({ accountId: ACCOUNT_ID, accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET } = t.fc.credentials);
});

/** The exact PathNotSupported the emulator answers for `method path` under the 2016-08-15 prefix. */
function pathNotSupported(method: string, path: string) {
  return { code: "PathNotSupported", status: 400, message: `'${method}' against '/2016-08-15${path}' is not supported` };
}

async function createServiceAndFunction(client: Client, service: string, functionName: string, handlerName: string) {
  const created = await client.createService(service, { role: `acs:ram::${ACCOUNT_ID}:role/aliyunfclogexecutionrole` });
  expect(created.data).toHaveProperty("serviceName", service);
  const func = await client.createFunction(service, {
    functionName, description: "function desc", memorySize: 128, handler: handlerName, runtime: "nodejs4.4", timeout: 10,
    code: { zipFile: testZipBase64() },
  });
  expect(func.data).toHaveProperty("functionName", functionName);
}

/** The suite's cleanupResources: the function (a failure ignored), then the service (which must succeed). */
async function cleanupResources(client: Client, service: string, functionName: string) {
  try {
    await client.deleteFunction(service, functionName);
  } catch {
    // Ignore, as the suite does.
  }
  await client.deleteService(service);
}

describe("client test", () => {
  it("static function getSignature", () => {
    const signature = FunctionComputeClient.getSignature("accessKeyID", "accessKeySecret", "GET", "/hello/world", { date: "today" }, { a: "123", b: "xyz", "foo-bar": "123 ~ xyz-a" });
    expect(signature).toContain("FC accessKeyID:");
  });

  it("constructor", () => {
    expect(() => new FunctionComputeClient()).toThrow(/"accountid" must be passed in/);
    expect(() => new FunctionComputeClient("accountid")).toThrow(/"config" must be passed in/);
    expect(() => new FunctionComputeClient("accountid", {})).toThrow(/"config.accessKeyID" must be passed in/);
    expect(() => new FunctionComputeClient("accountid", { accessKeyID: "accessKeyID" })).toThrow(/"config.accessKeySecret" must be passed in/);
    expect(() => new FunctionComputeClient("accountid", { accessKeyID: "accessKeyID", accessKeySecret: "accessKeySecret" })).toThrow(/"config.region" must be passed in/);
    expect(() => new FunctionComputeClient("accountid", { accessKeyID: "STS.accessKeyID", accessKeySecret: "s", region: REGION })).toThrow(/"config.securityToken" must be passed in for STS/);
    const base = { accessKeyID: "accessKeyID", accessKeySecret: "accessKeySecret", region: REGION };
    expect(new FunctionComputeClient("accountid", base).endpoint).toBe(`http://accountid.${REGION}.fc.aliyuncs.com`);
    expect(new FunctionComputeClient("accountid", { ...base, secure: true }).endpoint).toBe(`https://accountid.${REGION}.fc.aliyuncs.com`);
    expect(new FunctionComputeClient("accountid", { ...base, secure: true, internal: true }).endpoint).toBe(`https://accountid.${REGION}-internal.fc.aliyuncs.com`);
    expect(new FunctionComputeClient("accountid", { ...base, endpoint: "http://localhost:8080", secure: true, internal: true }).endpoint).toBe("http://localhost:8080");
    expect(new FunctionComputeClient("accountid", { ...base, timeout: 20000 }).timeout).toBe(20000);
  });

  it("listServices with invalid accessKeyID", async () => {
    const client = new FunctionComputeClient("accountid", { accessKeyID: "invalidAccessKeyID", accessKeySecret: "invalidAccessKeySecret", region: REGION, endpoint: t.fc.url });
    const error = await client.listServices().then(() => undefined, (e: Error) => e);
    expect(error?.name).toBe("FCInvalidAccessKeyIDError");
    expect(error?.message).toMatch(/GET \/services failed with 403\. requestid: .{36}, message: invalid access key ID 'invalidAccessKeyID'./);
  });

  it("listServices with invalid accessKeySecret", async () => {
    const client = newClient({ accessKeySecret: "invalidAccessKeySecret" });
    const error = await client.listServices().then(() => undefined, (e: Error) => e);
    expect(error?.name).toBe("FCSignatureNotMatchError");
    expect(error?.message).toMatch(/GET \/services failed with 403\. requestid: .{36}, message: The request signature we calculated does not match the signature you provided\./);
  });

  describe("request", () => {
    it("accepts timeout", async () => {
      // The suite only checks the error's name when the 1 ms timeout fires; so does this port.
      const error = await newClient({ timeout: 1 }).listServices().then(() => undefined, (e: Error) => e);
      if (error !== undefined) expect(error.name).toBe("RequestTimeoutError");
    });
  });

  describe("service should ok", () => {
    let client: Client;
    beforeAll(async () => {
      client = newClient();
    });
    afterAll(async () => {
      // The suite's after(): delete what is left of the service, ignoring failures (the tests deleted it).
      try {
        const res = await client.listFunctions(serviceName);
        for (const fun of res.data.functions) await client.deleteFunction(serviceName, fun.functionName);
        await client.deleteService(serviceName);
      } catch {
        // ignore
      }
    });

    it("createService should ok", async () => {
      const service = await client.createService(serviceName);
      expect(service.data).toHaveProperty("serviceName", serviceName);
    });
    it("listServices should ok", async () => {
      const response = await client.listServices();
      expect(response.data.services.length).toBeGreaterThan(0);
      expect(response.data.services[0]).toHaveProperty("serviceName");
    });
    it("getService should ok", async () => {
      let service = await client.getService(serviceName, {}, "LATEST");
      expect(service.data).toHaveProperty("serviceName", serviceName);
      expect(service.data).toHaveProperty("description", "");
      service = await client.getService(serviceName);
      expect(service.data).toHaveProperty("serviceName", serviceName);
      expect(service.data).toHaveProperty("description", "");
    });
    it("updateService should ok", async () => {
      const service = await client.updateService(serviceName, { description: "this is test update service" });
      expect(service.data).toHaveProperty("serviceName", serviceName);
      expect(service.data).toHaveProperty("description", "this is test update service");
    });
    it("deleteService should ok", async () => {
      await client.deleteService(serviceName);
    });
    it("createService with tracingConfig should be ok", async () => {
      const jaegerEndpoint = "http://tracing-analysis-dc-sh.aliyuncs.com/adapt_example/api/traces";
      const service = await client.createService(serviceName, { tracingConfig: { type: "Jaeger", params: { endpoint: jaegerEndpoint } } });
      expect(service.data).toHaveProperty("serviceName", serviceName);
      expect(service.data.tracingConfig).toHaveProperty("type", "Jaeger");
      expect(service.data.tracingConfig.params).toHaveProperty("endpoint", jaegerEndpoint);
    });
    it("invokeFunction with injected span context should pass traceID to context", async () => {
      // Not supported: the emulator's runtime gives handlers no `context.tracing`, so main.test_tracing
      // throws reading it, and under nodejs6 a throw ends the process (see the table above).
      const functionName = "echo-tracing-context";
      const func = await client.createFunction(serviceName, {
        functionName, description: "function desc", memorySize: 128, handler: "main.test_tracing", runtime: "nodejs6", timeout: 10,
        code: { zipFile: testZipBase64() },
      });
      expect(func.data).toHaveProperty("functionName", functionName);
      const hs = { "x-fc-tracing-opentracing-span-context": "124ed43254b54966:124ed43254b54966:0:1", "x-fc-tracing-opentracing-span-context-baggage-key": "val" };
      const resp = await client.invokeFunction(serviceName, functionName, "event", hs);
      expect(resp.headers["x-fc-error-type"]).toBe("UnhandledInvocationError");
      expect(resp.data).toEqual({ errorMessage: expect.stringMatching(/^Process exited unexpectedly before completing request \(duration: \d+ms, maxMemoryUsage: [\d.]+MB\)$/) });
      await client.deleteFunction(serviceName, functionName);
    });
    it("update tracingConfig to disable tracingConfig should be ok", async () => {
      const service = await client.updateService(serviceName, { tracingConfig: {} });
      expect(service.data).toHaveProperty("serviceName", serviceName);
      expect(service.data.tracingConfig).toHaveProperty("type", null);
      expect(service.data.tracingConfig).toHaveProperty("params", null);
      await client.deleteService(serviceName);
    });
  });

  describe("function should ok", () => {
    const functionName = "hello-world";
    const functionWithoutLimitName = "func-without-code-size-limit";
    const initFunctionName = "counter";
    const functionWithBufResp = "test-buf-resp";
    const functionWithHandledErr = "test-func-with-handled-err";
    const functionWithUnhandledErr = "test-func-with-unhandled-err";
    let client: Client;
    const fn = (name: string, handler: string, runtime = "nodejs6", zipFile = testZipBase64()) => ({
      functionName: name, description: "function desc", memorySize: 128, handler, runtime, timeout: 10, code: { zipFile },
    });

    beforeAll(async () => {
      client = newClient();
      // clean up (the suite's own step; a failure ignored)
      try {
        await client.deleteService(serviceName);
      } catch {
        // Ignore
      }
      const service = await client.createService(serviceName);
      expect(service.data).toHaveProperty("serviceName", serviceName);
    });
    afterAll(async () => {
      try {
        await client.deleteFunction(serviceName, functionWithBufResp);
        await client.deleteFunction(serviceName, functionWithHandledErr);
        await client.deleteFunction(serviceName, functionWithUnhandledErr);
        await client.deleteFunction(serviceName, functionName);
      } catch {
        // Ignore
      }
      await client.deleteService(serviceName);
    });

    it("createFunction should ok", async () => {
      const func = await client.createFunction(serviceName, fn(functionName, "main.handler", "nodejs4.4"));
      expect(func.data).toHaveProperty("functionName", functionName);
    });
    it("createFunction without code size limit should ok", async () => {
      // Not supported: withoutCodeLimit uploads through a temporary OSS bucket (GetTempBucketToken).
      const call = client.createFunction(serviceName, { ...fn(functionWithoutLimitName, "main.handler", "nodejs4.4"), withoutCodeLimit: true, code: { zipFile: "figures/test.zip" } });
      expect(await failure(call)).toEqual(pathNotSupported("GET", `/services/${serviceName}/tempCodeBucketToken`));
    });
    it("createFunction with initializer should ok", async () => {
      const func = await client.createFunction(serviceName, {
        ...fn(initFunctionName, "counter.handler", "nodejs4.4", counterZipBase64()), initializer: "counter.initializer", initializationTimeout: 10,
      });
      expect(func.data).toHaveProperty("functionName", initFunctionName);
    });
    it("listFunctions should ok", async () => {
      // The suite expects 3 functions; the one "without code size limit" could not be created above.
      for (const qualifier of [undefined, "LATEST"]) {
        const response = await client.listFunctions(serviceName, {}, {}, qualifier);
        expect(response.data.functions.map((f: { functionName: string }) => f.functionName)).toEqual([initFunctionName, functionName]);
      }
    });
    it("getFunction should ok", async () => {
      expect((await client.getFunction(serviceName, functionName, {}, "LATEST")).data).toHaveProperty("functionName", functionName);
      expect((await client.getFunction(serviceName, initFunctionName)).data).toHaveProperty("functionName", initFunctionName);
    });
    it("getFunctionCode should ok", async () => {
      const checksum = (await client.getFunction(serviceName, functionName)).data.codeChecksum;
      for (const qualifier of [undefined, "LATEST"]) {
        const code = await client.getFunctionCode(serviceName, functionName, {}, qualifier);
        expect(code.data).toEqual({ url: `data:application/zip;base64,${testZipBase64()}`, checksum });
      }
      // The url serves the zip that was uploaded.
      const url = (await client.getFunctionCode(serviceName, functionName)).data.url as string;
      expect(Buffer.from(await (await fetch(url)).arrayBuffer()).toString("base64")).toBe(testZipBase64());
    });
    it("updateFunction should ok", async () => {
      const func = await client.updateFunction(serviceName, functionName, { description: "updated function desc" });
      expect(func.data).toHaveProperty("functionName", functionName);
      expect(func.data).toHaveProperty("description", "updated function desc");
      const initFunc = await client.updateFunction(serviceName, initFunctionName, { description: "updated function desc", initializationTimeout: "20" });
      expect(initFunc.data).toHaveProperty("functionName", initFunctionName);
      expect(initFunc.data).toHaveProperty("description", "updated function desc");
      expect(initFunc.data).toHaveProperty("initializationTimeout", 20);
      expect(initFunc.data).toHaveProperty("initializer", "counter.initializer");
    });
    it("updateFunction without code size limit should ok", async () => {
      const call = client.updateFunction(serviceName, functionWithoutLimitName, { functionName: functionWithoutLimitName, description: "updated function desc", withoutCodeLimit: true, code: { zipFile: "figures/test.zip" } });
      expect(await failure(call)).toEqual(pathNotSupported("GET", `/services/${serviceName}/tempCodeBucketToken`));
    });
    it("invokeFunction should ok", async () => {
      expect((await client.invokeFunction(serviceName, functionName, "world", {}, "LATEST")).data).toBe("hello world");
      expect((await client.invokeFunction(serviceName, initFunctionName, null)).data).toBe("2");
    });
    it("invokeFunction should faster", async () => {
      const response = await client.invokeFunction(serviceName, functionName, Buffer.from("world"));
      expect(response.data).toBe("hello world");
    });
    it("invokeFunction with rawBuf=false should return string", async () => {
      const response = await client.invokeFunction(serviceName, functionName, Buffer.from("world"), {}, "LATEST", { rawBuf: false });
      expect(response.data).toBe("hello world");
    });
    it("invokeFunction with buffer response should return buffer", async () => {
      expect((await client.createFunction(serviceName, fn(functionWithBufResp, "main.test_buf"))).data).toHaveProperty("functionName", functionWithBufResp);
      const response = await client.invokeFunction(serviceName, functionWithBufResp, Buffer.from("world"), {}, "LATEST", { rawBuf: true });
      expect(Buffer.isBuffer(response.data)).toBe(true);
      expect(response.data.toString()).toBe("world");
    });
    it("invokeFunction with handled error should decode with utf8", async () => {
      expect((await client.createFunction(serviceName, fn(functionWithHandledErr, "main.test_buf_handled_err"))).data).toHaveProperty("functionName", functionWithHandledErr);
      const response = await client.invokeFunction(serviceName, functionWithHandledErr, Buffer.from("world"), {}, "LATEST", { rawBuf: true });
      expect(Buffer.isBuffer(response.data)).toBe(false);
      expect(JSON.stringify(response.data)).toBe(JSON.stringify({ errorMessage: "This is a handled error" }));
    });
    it("invokeFunction with unhandled error should decode with utf8", async () => {
      expect((await client.createFunction(serviceName, fn(functionWithUnhandledErr, "main.test_buf_unhandled_err"))).data).toHaveProperty("functionName", functionWithUnhandledErr);
      const response = await client.invokeFunction(serviceName, functionWithUnhandledErr, Buffer.from("world"), {}, "LATEST", { rawBuf: true });
      expect(Buffer.isBuffer(response.data)).toBe(false);
      expect(JSON.stringify(response.data)).toContain(JSON.stringify({ errorMessage: "Process exited unexpectedly before completing request" }).slice(0, -2));
    });
    it("invokeFunction async should ok", async () => {
      expect((await client.invokeFunction(serviceName, functionName, Buffer.from("world"), { "x-fc-invocation-type": "Async" })).data).toBe("");
      expect((await client.invokeFunction(serviceName, functionName, null, { "x-fc-invocation-type": "Async" })).data).toBe("");
    });
    it("invokeFunction async with upper case header should ok", async () => {
      expect((await client.invokeFunction(serviceName, functionName, Buffer.from("world"), { "X-Fc-Invocation-Type": "Async" })).data).toBe("");
    });
    it("invokeFunction with invalid event should fail", () => {
      expect(() => client.invokeFunction(serviceName, functionName, { event: "hello world" })).toThrow(/"event" must be String or Buffer/);
    });
    it("createFunction with invalid runtime should fail", async () => {
      for (const options of [fn("test_invalid_runtime_function", "main.handler"), { ...fn("test_invalid_runtime_function", "counter.handler", "nodejs6", counterZipBase64()), initializer: "counter.initializer", initializationTimeout: 10 }]) {
        const error = await client.createFunction(serviceName, { ...options, runtime: 10 }).then(() => undefined, (e: Error) => e);
        expect(error?.stack).toContain("FCInvalidArgumentError");
        expect(error?.stack).toContain("Runtime is set to an invalid value");
      }
    });
    it("updateFunction with invalid runtime should fail", async () => {
      for (const name of [functionName, initFunctionName]) {
        const error = await client.updateFunction(serviceName, name, { description: "updated function desc", runtime: 10 }).then(() => undefined, (e: Error) => e);
        expect(error?.stack).toContain("FCInvalidArgumentError");
        expect(error?.stack).toContain("Runtime is set to an invalid value");
      }
    });
    it("deleteFunction should ok", async () => {
      await client.deleteFunction(serviceName, functionName);
      await client.deleteFunction(serviceName, initFunctionName);
      expect(await failure(client.deleteFunction(serviceName, functionWithoutLimitName))).toMatchObject({ code: "FunctionNotFound", status: 404 });
    });
  });

  describe("alias test", () => {
    const functionName = "hello-world";
    const aliasName = "new-version";
    let client: Client;
    afterAll(async () => {
      // The suite's after(): aliases, then versions, then the function and the service. (The suite fires the
      // deletes from forEach without awaiting them; the port awaits each, in the same order.)
      for (const alias of (await client.listAliases(serviceName)).data.aliases) await client.deleteAlias(serviceName, alias.aliasName);
      for (const version of (await client.listVersions(serviceName)).data.versions) await client.deleteVersion(serviceName, version.versionId);
      await cleanupResources(client, serviceName, functionName);
    });
    beforeAll(async () => {
      client = newClient();
      await createServiceAndFunction(client, serviceName, functionName, "main.handler");
      await client.publishVersion(serviceName, "test version 1");
      await client.updateFunction(serviceName, functionName, { description: "updated function desc" });
      await client.publishVersion(serviceName, "test version 2");
    });

    it("create alias", async () => {
      const res = await client.createAlias(serviceName, aliasName, "1", { description: "test alias" });
      expect([res.data.aliasName, res.data.versionId, res.data.description]).toEqual([aliasName, "1", "test alias"]);
    });
    it("update alias", async () => {
      let res = await client.updateAlias(serviceName, aliasName, null, { additionalVersionWeight: { "2": 0.3 }, description: "" });
      expect([res.data.aliasName, res.data.versionId, res.data.description]).toEqual([aliasName, "1", ""]);
      expect(res.data.additionalVersionWeight).toEqual({ "2": 0.3 });
      res = await client.updateAlias(serviceName, aliasName, "1", { additionalVersionWeight: { "2": 0.5 } });
      expect([res.data.aliasName, res.data.versionId, res.data.description]).toEqual([aliasName, "1", ""]);
      expect(res.data.additionalVersionWeight).toEqual({ "2": 0.5 });
    });
    it("get alias", async () => {
      const res = await client.getAlias(serviceName, aliasName);
      expect([res.data.aliasName, res.data.versionId, res.data.description]).toEqual([aliasName, "1", ""]);
      expect(res.data.additionalVersionWeight).toEqual({ "2": 0.5 });
    });
    it("list aliases", async () => {
      const res = await client.listAliases(serviceName);
      expect(res.data.aliases).toHaveLength(1);
      expect([res.data.aliases[0].versionId, res.data.aliases[0].description]).toEqual(["1", ""]);
      expect(res.data.aliases[0].additionalVersionWeight).toEqual({ "2": 0.5 });
    });
    it("delete alias", async () => {
      expect((await client.deleteAlias(serviceName, aliasName)).data).toBe("");
    });
  });

  describe("versions test", () => {
    const functionName = "hello-world";
    let client: Client;
    beforeAll(async () => {
      client = newClient();
      await createServiceAndFunction(client, serviceName, functionName, "main.handler");
    });
    afterAll(async () => {
      for (const version of (await client.listVersions(serviceName)).data.versions) await client.deleteVersion(serviceName, version.versionId);
      await cleanupResources(client, serviceName, functionName);
    });

    it("publish version", async () => {
      await client.publishVersion(serviceName);
      await client.deleteVersion(serviceName, "1");
      const version = await client.publishVersion(serviceName, "test version");
      expect(version.data).toHaveProperty("versionId", "2");
      expect(version.data).toHaveProperty("description", "test version");
    });
    it("list versions", async () => {
      const res = await client.listVersions(serviceName);
      expect(res.data.versions.map((v: { versionId: string }) => v.versionId)).toEqual(["2"]);
    });
    it("delete version", async () => {
      expect((await client.deleteVersion(serviceName, "2")).data).toBe("");
    });
  });

  describe("manage function async config should be ok", () => {
    const functionName = "asyncTest";
    let client: Client;
    let asyncConfig: { destinationConfig: { onSuccess: { destination: string } }; maxAsyncRetryAttempts: number; maxAsyncEventAgeInSeconds: number };
    afterAll(async () => {
      await cleanupResources(client, serviceName, functionName);
    });
    beforeAll(async () => {
      client = newClient();
      asyncConfig = { destinationConfig: { onSuccess: { destination: `acs:mns:${REGION}:${ACCOUNT_ID}:/queues/sth/messages` } }, maxAsyncRetryAttempts: 1, maxAsyncEventAgeInSeconds: 100 };
      await createServiceAndFunction(client, serviceName, functionName, "main.handler");
    });

    it("putFunctionAsyncConfig should be ok", async () => {
      const response = await client.putFunctionAsyncConfig(serviceName, functionName, "", asyncConfig);
      expect(response.data.destinationConfig.onSuccess.destination).toBe(asyncConfig.destinationConfig.onSuccess.destination);
      expect(response.data.lastModifiedTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(response.data.createdTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    });
    it("getFunctionAsyncConfig should be ok", async () => {
      expect((await client.getFunctionAsyncConfig(serviceName, functionName, "")).data.maxAsyncEventAgeInSeconds).toBe(100);
    });
    it("listFunctionAsyncConfig should ok", async () => {
      const response = await client.listFunctionAsyncConfigs(serviceName, functionName, { limit: 1 });
      expect(response.data.configs.map((c: { maxAsyncEventAgeInSeconds: number; maxAsyncRetryAttempts: number }) => [c.maxAsyncEventAgeInSeconds, c.maxAsyncRetryAttempts])).toEqual([[100, 1]]);
    });
    it("deleteFunctionAsyncConfig should be ok", async () => {
      await client.deleteFunctionAsyncConfig(serviceName, functionName, "");
      expect(await failure(client.getFunctionAsyncConfig(serviceName, functionName, ""))).toMatchObject({ code: "AsyncConfigNotExists", status: 404 });
    });
  });

  // Operations the emulator does not implement: each of the suite's tests is here under its own name,
  // making the suite's first call, and asserts the emulator's exact answer.
  describe("not supported by the emulator", () => {
    let client: Client;
    const S = `/services/${serviceName}`;
    beforeAll(async () => {
      await t.fc.control.reset();
      client = newClient();
      await createServiceAndFunction(client, serviceName, "http-echo", "main.http_handler");
    });
    const trigger = { triggerName: "http-trigger", triggerType: "http", triggerConfig: { authType: "function", methods: ["GET", "POST", "PUT"] } };
    const cases: Array<[string, (c: Client) => Promise<unknown>, string, string]> = [
      ["http trigger should be ok > createTrigger should be ok", (c) => c.createTrigger(serviceName, "http-echo", trigger), "POST", `${S}/functions/http-echo/triggers`],
      ["http trigger should be ok > getTrigger should be ok", (c) => c.getTrigger(serviceName, "http-echo", "http-trigger"), "GET", `${S}/functions/http-echo/triggers/http-trigger`],
      ["http trigger should be ok > send `GET` request to access http function should be ok", (c) => c.get(`/proxy/${serviceName}/http-echo/action`, { x: "awsome", y: "serverless" }, { "custom-header": "abc" }), "GET", `/proxy/${serviceName}/http-echo/action`],
      ["http trigger should be ok > send `GET` request with empty queries and headers to access http function should be ok", (c) => c.get(`/proxy/${serviceName}/http-echo/`), "GET", `/proxy/${serviceName}/http-echo/`],
      ["http trigger should be ok > http trigger with function error passing through should be ok", (c) => c.get(`/proxy/${serviceName}/http-echo/action`), "GET", `/proxy/${serviceName}/http-echo/action`],
      ["oss trigger should be ok > createTrigger should be ok", (c) => c.createTrigger(serviceName, "http-echo", { triggerName: "oss-trigger", triggerType: "oss" }), "POST", `${S}/functions/http-echo/triggers`],
      ["oss trigger should be ok > listTriggers should be ok", (c) => c.listTriggers(serviceName, "http-echo"), "GET", `${S}/functions/http-echo/triggers`],
      ["oss trigger should be ok > getTrigger should be ok", (c) => c.getTrigger(serviceName, "http-echo", "oss-trigger"), "GET", `${S}/functions/http-echo/triggers/oss-trigger`],
      ["oss trigger should be ok > updateTrigger should be ok", (c) => c.updateTrigger(serviceName, "http-echo", "oss-trigger", { invocationRole: "r" }), "PUT", `${S}/functions/http-echo/triggers/oss-trigger`],
      ["oss trigger should be ok > deleteTrigger should be ok", (c) => c.deleteTrigger(serviceName, "http-echo", "oss-trigger"), "DELETE", `${S}/functions/http-echo/triggers/oss-trigger`],
      ["customDomain should be ok > createCustomDomain should be ok", (c) => c.createCustomDomain("sdk.example.com"), "POST", "/custom-domains"],
      ["customDomain should be ok > listCustomDomains should be ok", (c) => c.listCustomDomains(), "GET", "/custom-domains"],
      ["customDomain should be ok > getCustomDomain should be ok", (c) => c.getCustomDomain("sdk.example.com"), "GET", "/custom-domains/sdk.example.com"],
      ["customDomain should be ok > updateCustomDomain should be ok", (c) => c.updateCustomDomain("sdk.example.com", {}), "PUT", "/custom-domains/sdk.example.com"],
      ["customDomain should be ok > deleteCustomDomain should be ok", (c) => c.deleteCustomDomain("sdk.example.com"), "DELETE", "/custom-domains/sdk.example.com"],
      ["tag test should be ok > tagResource should ok", (c) => c.tagResource(`services/${serviceName}`, { k1: "v1", k2: "v2" }), "POST", "/tag"],
      ["tag test should be ok > untagResource should ok", (c) => c.untagResource(`services/${serviceName}`, ["k1"], false), "DELETE", "/tag"],
      ["list reserved capacity should ok > listReservedCapacities should ok", (c) => c.listReservedCapacities(), "GET", "/reservedCapacities"],
      ["get account config should ok > getAccountConfig should ok", (c) => c.getAccountSettings(), "GET", "/account-settings"],
      ["publish layer version should ok > publishLayerVersionForBigCode should ok", (c) => c.getTempBucketToken(), "GET", "/tempBucketToken"],
      ["publish layer version should ok > remove layer version should ok", (c) => c.deleteLayerVersion("layer", 1), "DELETE", "/layers/layer/versions/1"],
      ["get oss temp token should ok > getTempBucketToken should ok", (c) => c.getTempBucketToken(), "GET", "/tempBucketToken"],
      ["manage provision config should be ok > putProvisionConfigs should be ok", (c) => c.putProvisionConfig(serviceName, "http-echo", "alias", { target: 1 }), "PUT", `${S}.alias/functions/http-echo/provision-config`],
      ["manage provision config should be ok > getProvisionConfig should be ok", (c) => c.getProvisionConfig(serviceName, "http-echo", "alias"), "GET", `${S}.alias/functions/http-echo/provision-config`],
      ["manage provision config should be ok > listProvisionConfigs should ok", (c) => c.listProvisionConfigs({ serviceName }), "GET", "/provision-configs"],
    ];
    it.each(cases)("%s", async (_name, call, method, path) => {
      expect(await failure(call(client))).toEqual(pathNotSupported(method, path));
    });
  });
});

