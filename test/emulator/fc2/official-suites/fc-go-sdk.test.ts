// aliyun/fc-go-sdk `client_test.go` (commit 3a1b2ed), ported: each step makes the request fc.Client
// makes (rebuilt in ./sdk-wire.ts: Go's canonical header case, hex Content-MD5, json.Marshal bodies
// with every nil pointer as null, the escaped path signed, queries unsigned) and keeps the assertions.
//
// Not supported by the emulator (asserted below with the exact answer):
// | suite step                                   | operation                     | emulator answers                 |
// |----------------------------------------------|-------------------------------|----------------------------------|
// | TestService: TagResource / ListServices tags | TagResource, ListServices tag | 400 PathNotSupported / NotSupportedByEmulator |
// | TestFunction: code from OSS bucket           | CreateFunction (OSS code)     | 400 InvalidArgument naming code  |
// | TestFunction: python2.7 / python3 invoke     | InvokeFunction (python)       | 400 NotSupportedByEmulator       |
// | TestFunction: HTTP trigger + DoHttpRequest   | CreateTrigger                 | 400 PathNotSupported             |
// | TestTrigger (oss/log/http/eventbridge)       | CreateTrigger                 | 400 PathNotSupported             |
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Emulator } from "../../../../emulator";
import { startEmulator } from "../../../support/emulator";
import { GoFcClient, sdkFailure } from "./sdk-wire";

let emulator: Emulator;
let client: GoFcClient;

beforeAll(async () => {
  emulator = await startEmulator();
  client = new GoFcClient(emulator.url, emulator.credentials.accountId, emulator.credentials.accessKeyId, emulator.credentials.accessKeySecret);
});
afterAll(() => emulator.close());

// json.Marshal of the SDK's input structs: fields without omitempty are always sent, nil as null.
const createServiceInput = (serviceName: string, description: string) => ({
  serviceName, description, role: null, logConfig: null, vpcConfig: null, internetAccess: null, nasConfig: null, tracingConfig: null,
});
const serviceUpdateObject = (description: string) => ({
  description, role: null, logConfig: null, vpcConfig: null, internetAccess: null, nasConfig: null, tracingConfig: null,
});
/** The zip the suite keeps in OSS as hello_world_nodejs.zip: a handler answering "hello world". */
const HELLO_WORLD_ZIP = Buffer.from(
  zipSync({ "hello_world.js": strToU8("exports.handler = (event, context, callback) => callback(null, 'hello world');\n") }, { mtime: new Date("2020-01-01T00:00:00Z") }),
).toString("base64");
const functionInput = (functionName: string, code: object, runtime = "nodejs6", handler = "hello_world.handler") => ({
  functionName, description: "go sdk test function", runtime, handler, initializer: null, timeout: 5, initializationTimeout: null,
  memorySize: null, code, environmentVariables: null, instanceConcurrency: null,
});

describe("FcClientTestSuite", () => {
  test("TestService", async () => {
    const serviceName = "go-service-abcdefgh-ijklmnop";
    const serviceNamePrefix = "go-service-abcdefgh";
    const created = (await client.request("POST", "/services", { payload: createServiceInput(serviceName, "this is a service test for go sdk") })).data;
    expect(created).toMatchObject({ serviceName, description: "this is a service test for go sdk" });
    // The Go SDK dereferences these pointers: each must be present.
    for (const key of ["createdTime", "lastModifiedTime", "logConfig", "role", "serviceId"]) expect(created[key]).not.toBeUndefined();
    expect(created["logConfig"]).toEqual({ project: "", logstore: "", enableRequestMetrics: false, enableInstanceMetrics: false, logBeginRule: "None" });

    const got = (await client.request("GET", `/services/${serviceName}`)).data;
    expect(got).toMatchObject({ serviceName, description: "this is a service test for go sdk" });

    const updated = await client.request("PUT", `/services/${serviceName}`, { payload: serviceUpdateObject("new description") });
    expect(updated.data["description"]).toBe("new description");
    // UpdateService with IfMatch (header "If-Match", as the SDK's ifMatch constant)
    const updated2 = await client.request("PUT", `/services/${serviceName}`, { payload: serviceUpdateObject("new description2"), headers: { "If-Match": updated.headers["etag"] as string } });
    expect(updated2.data["description"]).toBe("new description2");
    // UpdateService with wrong IfMatch
    expect(await sdkFailure(client.request("PUT", `/services/${serviceName}`, { payload: serviceUpdateObject("new description2"), headers: { "If-Match": "1234" } }))).toEqual({
      status: 412, code: "PreconditionFailed", message: "the resource has changed: If-Match '1234' does not match its current ETag",
    });

    const listed = (await client.request("GET", "/services", { query: { prefix: serviceNamePrefix, limit: "100" } })).data;
    expect(listed["services"].map((s: { serviceName: string }) => s.serviceName)).toEqual([serviceName]);
    expect(listed["nextToken"]).toBe("");

    for (let a = 0; a < 10; a++) await client.request("POST", "/services", { payload: createServiceInput(`${serviceNamePrefix}-svc${a}`, "this is a service test for go sdk") });
    // TagResource: not supported.
    expect(await sdkFailure(client.request("POST", "/tag", { payload: { resourceArn: `services/${serviceName}`, tags: { k1: "v1" } } }))).toEqual({
      status: 400, code: "PathNotSupported", message: "'POST' against '/2016-08-15/tag' is not supported",
    });
    const all = (await client.request("GET", "/services", { query: { prefix: serviceNamePrefix, limit: "100" } })).data;
    expect(all["services"]).toHaveLength(11);
    // ListServices WithTags: not supported.
    expect(await sdkFailure(client.request("GET", "/services", { query: { prefix: serviceNamePrefix, limit: "100", tag_k1: "v1" } }))).toMatchObject({ status: 400, code: "NotSupportedByEmulator" });

    expect((await client.request("DELETE", `/services/${serviceName}`)).status).toBe(204);
  });

  test("TestFunction", async () => {
    await emulator.control.reset();
    const serviceName = "go-service-abcdefghij";
    await client.request("POST", "/services", { payload: createServiceInput(serviceName, "this is a function test for go sdk") });
    const functionName = "go-function-abcdefgh";
    // The suite's code is in an OSS bucket: refused (the emulator has no OSS), then sent inline.
    expect(await sdkFailure(client.request("POST", `/services/${serviceName}/functions`, { payload: functionInput(functionName, { ossBucketName: "bucket", ossObjectName: "hello_world_nodejs.zip", zipFile: null }) }))).toMatchObject({
      status: 400, code: "InvalidArgument",
    });
    const code = { ossBucketName: null, ossObjectName: null, zipFile: HELLO_WORLD_ZIP };
    const created = (await client.request("POST", `/services/${serviceName}/functions`, { payload: functionInput(functionName, code) })).data;
    expect(created).toMatchObject({ functionName, description: "go sdk test function", runtime: "nodejs6", handler: "hello_world.handler", timeout: 5, memorySize: 128 });
    for (const key of ["createdTime", "lastModifiedTime", "codeChecksum", "codeSize", "functionId"]) expect(created[key]).not.toBeUndefined();

    const got = (await client.request("GET", `/services/${serviceName}/functions/${functionName}`)).data;
    expect(got).toEqual(created);

    const functionName2 = "go-function-ijklmnop";
    await client.request("POST", `/services/${serviceName}/functions`, { payload: functionInput(functionName2, code) });
    const listed = (await client.request("GET", `/services/${serviceName}/functions`, { query: { prefix: "go-function-" } })).data;
    expect(listed["functions"].map((f: { functionName: string }) => f.functionName)).toEqual([functionName, functionName2]);

    const updated = (await client.request("PUT", `/services/${serviceName}/functions/${functionName}`, { payload: { description: "newdesc", runtime: null, handler: null, code: null } })).data;
    expect(updated["description"]).toBe("newdesc");

    const tail = await client.request("POST", `/services/${serviceName}/functions/${functionName}/invocations`, { headers: { "X-Fc-Log-Type": "Tail" }, bytes: Buffer.alloc(0) });
    expect(tail.headers["x-fc-log-result"]).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(tail.headers["x-fc-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tail.body.toString()).toBe("hello world");
    const none = await client.request("POST", `/services/${serviceName}/functions/${functionName}/invocations`, { headers: { "X-Fc-Log-Type": "None" }, bytes: Buffer.alloc(0) });
    expect(none.body.toString()).toBe("hello world");

    // python2.7 from a local zip: created, but the emulator runs only Node.js.
    const pyName = "go-function-python27";
    await client.request("POST", `/services/${serviceName}/functions`, { payload: functionInput(pyName, code, "python2.7", "main.my_handler") });
    expect(await sdkFailure(client.request("POST", `/services/${serviceName}/functions/${pyName}/invocations`, { bytes: Buffer.alloc(0) }))).toEqual({
      status: 400, code: "NotSupportedByEmulator", message: `not supported by the emulator: function '${pyName}' has runtime 'python2.7'; the emulator runs only Node.js (nodejs*) functions`,
    });
    // HTTP trigger: not supported.
    expect(await sdkFailure(client.request("POST", `/services/${serviceName}/functions/${functionName}/triggers`, { payload: { triggerName: "t", triggerType: "http" } }))).toEqual({
      status: 400, code: "PathNotSupported", message: `'POST' against '/2016-08-15/services/${serviceName}/functions/${functionName}/triggers' is not supported`,
    });
  });

  test("TestTrigger", async () => {
    await emulator.control.reset();
    await client.request("POST", "/services", { payload: createServiceInput("go-service-trigger", "trigger test") });
    await client.request("POST", "/services/go-service-trigger/functions", { payload: functionInput("go-function-1", { zipFile: HELLO_WORLD_ZIP }) });
    for (const triggerType of ["oss", "log", "http", "eventbridge"]) {
      expect(await sdkFailure(client.request("POST", "/services/go-service-trigger/functions/go-function-1/triggers", { payload: { triggerName: `t-${triggerType}`, triggerType } }))).toEqual({
        status: 400, code: "PathNotSupported", message: "'POST' against '/2016-08-15/services/go-service-trigger/functions/go-function-1/triggers' is not supported",
      });
    }
  });
});
