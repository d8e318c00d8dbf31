// Services and functions through both official SDKs: create/get/update/list/delete, the cloud's name
// rules, conflicts and not-found codes, and the code package kept exactly as sent.
import { beforeEach, describe, expect, test } from "vitest";
import { failure, $FcOpen, handlerZipBase64, nodeFunction, useEmulator } from "../../kit/emulator";

const t = useEmulator();

describe("services", () => {
  test("create answers the service with defaults; get returns the same through the other SDK", async () => {
    const created = await t.fc2.createService("orders", { description: "order pipeline", logConfig: { project: "p", logstore: "s" } });
    expect(created.data).toMatchObject({
      serviceName: "orders",
      description: "order pipeline",
      role: "",
      internetAccess: true,
      logConfig: { project: "p", logstore: "s" },
    });
    expect(created.data["serviceId"]).toMatch(/^[0-9a-f-]{36}$/);
    const got = await t.open.getService("orders", new $FcOpen.GetServiceRequest({}));
    expect(got.body.serviceName).toBe("orders");
    expect(got.body.serviceId).toBe(created.data["serviceId"]);
    expect(got.body.logConfig?.project).toBe("p");
  });

  test("a second create of the same name is ServiceAlreadyExists (409)", async () => {
    await t.open.createService(new $FcOpen.CreateServiceRequest({ serviceName: "dup" }));
    expect(await failure(t.fc2.createService("dup"))).toEqual({ code: "ServiceAlreadyExists", status: 409, message: "service 'dup' already exists" });
  });

  test.each([["1starts-with-digit"], ["has.dot"], ["has space"], ["x".repeat(129)]])("name %j is InvalidArgument", async (name) => {
    const error = await failure(t.fc2.createService(name));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("serviceName must start with a letter or '_'");
  });

  test("the longest allowed names and a leading underscore are accepted", async () => {
    const name = `_${"a".repeat(127)}`;
    expect((await t.fc2.createService(name)).data["serviceName"]).toBe(name);
  });

  test("update changes only the fields sent", async () => {
    await t.fc2.createService("svc", { description: "before", role: "acs:ram::1:role/fc" });
    const updated = await t.open.updateService("svc", new $FcOpen.UpdateServiceRequest({ description: "after" }));
    expect(updated.body.description).toBe("after");
    expect(updated.body.role).toBe("acs:ram::1:role/fc");
  });

  test("list pages by name with prefix, startKey, limit and nextToken", async () => {
    for (const name of ["a1", "a2", "a3", "b1"]) await t.fc2.createService(name);
    const first = await t.open.listServices(new $FcOpen.ListServicesRequest({ prefix: "a", limit: 2 }));
    expect(first.body.services?.map((s) => s.serviceName)).toEqual(["a1", "a2"]);
    const second = await t.open.listServices(new $FcOpen.ListServicesRequest({ prefix: "a", limit: 2, nextToken: first.body.nextToken }));
    expect(second.body.services?.map((s) => s.serviceName)).toEqual(["a3"]);
    expect(second.body.nextToken).toBe("");
    const fromKey = await t.fc2.listServices({ startKey: "a3" });
    expect((fromKey.data["services"] as Array<{ serviceName: string }>).map((s) => s.serviceName)).toEqual(["a3", "b1"]);
  });

  test("delete refuses a service that still has functions, then succeeds with 204", async () => {
    await t.fc2.createService("svc");
    await t.fc2.createFunction("svc", nodeFunction("fn"));
    expect(await failure(t.fc2.deleteService("svc"))).toEqual({
      code: "ServiceNotEmpty",
      status: 400,
      message: "service 'svc' is not empty: delete its 1 functions first",
    });
    await t.fc2.deleteFunction("svc", "fn");
    const deleted = await t.open.deleteService("svc");
    expect(deleted.statusCode).toBe(204);
    expect((await failure(t.fc2.getService("svc"))).code).toBe("ServiceNotFound");
  });

  test("unknown service: get, update and delete are ServiceNotFound (404)", async () => {
    for (const call of [t.fc2.getService("nope"), t.fc2.updateService("nope", {}), t.fc2.deleteService("nope")]) {
      expect(await failure(call)).toEqual({ code: "ServiceNotFound", status: 404, message: "service 'nope' does not exist" });
    }
  });
});

describe("functions", () => {
  beforeEach(() => t.fc2.createService("svc"));

  test("create stores the zip as given and reports its size and CRC-64", async () => {
    const zip = handlerZipBase64("exports.handler = async () => 'hi';\n");
    const created = await t.open.createFunction(
      "svc",
      new $FcOpen.CreateFunctionRequest({
        functionName: "fn",
        runtime: "nodejs18",
        handler: "index.handler",
        memorySize: 256,
        timeout: 30,
        environmentVariables: { STAGE: "dev" },
        code: new $FcOpen.Code({ zipFile: zip }),
      }),
    );
    expect(created.body).toMatchObject({
      functionName: "fn",
      runtime: "nodejs18",
      handler: "index.handler",
      memorySize: 256,
      timeout: 30,
      instanceConcurrency: 1,
      environmentVariables: { STAGE: "dev" },
      codeSize: Buffer.from(zip, "base64").length,
    });
    expect(created.body.codeChecksum).toMatch(/^[0-9]{1,20}$/);
    const got = await t.fc2.getFunction("svc", "fn");
    expect(got.data["codeChecksum"]).toBe(created.body.codeChecksum);
    expect(got.data["functionId"]).toBe(created.body.functionId);
  });

  test("defaults: timeout 3, memory 128, instance type e1", async () => {
    const { data } = await t.fc2.createFunction("svc", nodeFunction("fn"));
    expect([data["timeout"], data["memorySize"], data["instanceType"], data["description"]]).toEqual([3, 128, "e1", ""]);
  });

  test("a duplicate is FunctionAlreadyExists (409); a missing service is ServiceNotFound", async () => {
    await t.fc2.createFunction("svc", nodeFunction("fn"));
    expect(await failure(t.fc2.createFunction("svc", nodeFunction("fn")))).toEqual({
      code: "FunctionAlreadyExists",
      status: 409,
      message: "function 'fn' already exists in service 'svc'",
    });
    expect((await failure(t.fc2.createFunction("ghost", nodeFunction("fn")))).code).toBe("ServiceNotFound");
  });

  test.each([
    [{ runtime: "cobol" }, 'Runtime is set to an invalid value: "cobol"; it must be one of nodejs4.4, nodejs6'],
    [{ code: { zipFile: Buffer.from("not a zip").toString("base64") } }, "code.zipFile must be a base64-encoded zip file"],
    [{ code: { ossBucketName: "b", ossObjectName: "o.zip" } }, "code from OSS (ossBucketName/ossObjectName) is not supported by the emulator"],
    [{ code: undefined }, "code is required: send the function's zip as code.zipFile"],
    [{ memorySize: 64 }, "memorySize must be an integer from 128 to 32768, got 64"],
    [{ handler: "" }, "handler must be a non-empty string"],
  ])("create with %j is InvalidArgument", async (change, message) => {
    const error = await failure(t.fc2.createFunction("svc", { ...nodeFunction("fn"), ...change }));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain(message);
  });

  test("update merges fields and replaces the code; lastModifiedTime is kept current", async () => {
    const created = await t.fc2.createFunction("svc", nodeFunction("fn"));
    const zip = handlerZipBase64("exports.handler = async () => 'v2';\n");
    const updated = await t.fc2.updateFunction("svc", "fn", { timeout: 60, code: { zipFile: zip } });
    expect(updated.data).toMatchObject({ timeout: 60, runtime: "nodejs18", handler: "index.handler", codeSize: Buffer.from(zip, "base64").length });
    expect(updated.data["codeChecksum"]).not.toBe(created.data["codeChecksum"]);
    expect(updated.data["createdTime"]).toBe(created.data["createdTime"]);
  });

  test("list, get and delete; a deleted function is FunctionNotFound", async () => {
    for (const name of ["f1", "f2", "f3"]) await t.fc2.createFunction("svc", nodeFunction(name));
    const listed = await t.open.listFunctions("svc", new $FcOpen.ListFunctionsRequest({ limit: 2 }));
    expect(listed.body.functions?.map((f) => f.functionName)).toEqual(["f1", "f2"]);
    const rest = await t.open.listFunctions("svc", new $FcOpen.ListFunctionsRequest({ limit: 2, nextToken: listed.body.nextToken }));
    expect(rest.body.functions?.map((f) => f.functionName)).toEqual(["f3"]);
    expect((await t.open.deleteFunction("svc", "f2")).statusCode).toBe(204);
    expect(await failure(t.open.getFunction("svc", "f2", new $FcOpen.GetFunctionRequest({})))).toEqual({
      code: "FunctionNotFound",
      status: 404,
      message: "function 'f2' does not exist in service 'svc'",
    });
    expect((await failure(t.fc2.deleteFunction("svc", "f2"))).code).toBe("FunctionNotFound");
  });
});
