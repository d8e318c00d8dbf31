// Functions, versions and aliases of FC 3.0 through @alicloud/fc20230330: what async configs hang off, with the
// cloud's codes for what does not exist or already does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../emulator";
import { startEmulator } from "../../kit/emulator";
import { $Fc3, fc3Failure, fc3For, fc3NodeFunction, type Fc3 } from "../../kit/fc3";

let emulator: Emulator;
let sdk: Fc3;

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc3For(emulator);
});
afterAll(() => emulator.close());

const publish = (fn: string, description?: string) =>
  sdk.publishFunctionVersion(fn, new $Fc3.PublishFunctionVersionRequest({ body: new $Fc3.PublishVersionInput(description === undefined ? {} : { description }) }));

describe("FC 3.0 functions, versions and aliases through @alicloud/fc20230330", () => {
  it("creates, reads, updates, lists and deletes functions", async () => {
    const created = await sdk.createFunction(fc3NodeFunction("orders"));
    expect(created.body?.toMap()).toMatchObject({
      functionName: "orders",
      functionArn: "acs:fc:cn-hangzhou:1234567890123456:functions/orders",
      runtime: "nodejs18",
      handler: "index.handler",
      timeout: 3,
      memorySize: 128,
      codeChecksum: expect.stringMatching(/^[0-9]+$/),
      state: "Active",
    });
    expect(await fc3Failure(sdk.createFunction(fc3NodeFunction("orders")))).toMatchObject({ code: "FunctionAlreadyExists", status: 409 });
    const updated = await sdk.updateFunction("orders", new $Fc3.UpdateFunctionRequest({ body: new $Fc3.UpdateFunctionInput({ timeout: 30, description: "v2" }) }));
    expect(updated.body?.toMap()).toMatchObject({ timeout: 30, description: "v2" });
    expect((await sdk.getFunction("orders", new $Fc3.GetFunctionRequest({}))).body?.timeout).toBe(30);
    await sdk.createFunction(fc3NodeFunction("billing"));
    const page = await sdk.listFunctions(new $Fc3.ListFunctionsRequest({ limit: 1 }));
    expect(page.body?.functions?.map((f) => f.functionName)).toEqual(["billing"]);
    const rest = await sdk.listFunctions(new $Fc3.ListFunctionsRequest({ limit: 1, nextToken: page.body?.nextToken }));
    expect(rest.body?.functions?.map((f) => f.functionName)).toEqual(["orders"]);
    expect(rest.body?.nextToken).toBeUndefined();
    expect((await sdk.deleteFunction("billing")).statusCode).toBe(204);
    expect(await fc3Failure(sdk.getFunction("billing", new $Fc3.GetFunctionRequest({})))).toMatchObject({ code: "FunctionNotFound", status: 404 });
    expect(await fc3Failure(sdk.createFunction(fc3NodeFunction("9starts-with-digit")))).toMatchObject({ code: "InvalidArgument", status: 400 });
  });

  it("publishes versions that freeze the function, lists them newest first, deletes them", async () => {
    expect((await publish("orders", "first")).body?.toMap()).toMatchObject({ versionId: "1", description: "first" });
    await sdk.updateFunction("orders", new $Fc3.UpdateFunctionRequest({ body: new $Fc3.UpdateFunctionInput({ timeout: 60 }) }));
    expect((await publish("orders")).body?.versionId).toBe("2");
    expect((await sdk.getFunction("orders", new $Fc3.GetFunctionRequest({ qualifier: "1" }))).body?.timeout).toBe(30);
    expect((await sdk.getFunction("orders", new $Fc3.GetFunctionRequest({ qualifier: "2" }))).body?.timeout).toBe(60);
    const listed = await sdk.listFunctionVersions("orders", new $Fc3.ListFunctionVersionsRequest({}));
    expect(listed.body?.versions?.map((v) => v.versionId)).toEqual(["2", "1"]);
    expect(listed.body?.direction).toBe("BACKWARD");
    expect((await sdk.deleteFunctionVersion("orders", "2")).statusCode).toBe(204);
    expect(await fc3Failure(sdk.deleteFunctionVersion("orders", "2"))).toMatchObject({ code: "VersionNotFound", status: 404 });
    // Version ids are never reused.
    expect((await publish("orders")).body?.versionId).toBe("3");
  });

  it("creates, reads, updates, lists and deletes aliases", async () => {
    const alias = await sdk.createAlias("orders", new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: "prod", versionId: "1" }) }));
    expect(alias.body?.toMap()).toMatchObject({ aliasName: "prod", versionId: "1", description: "" });
    expect(await fc3Failure(sdk.createAlias("orders", new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: "prod", versionId: "1" }) })))).toMatchObject({
      code: "AliasAlreadyExists",
      status: 409,
    });
    expect(await fc3Failure(sdk.createAlias("orders", new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: "beta", versionId: "9" }) })))).toMatchObject({
      code: "VersionNotFound",
      status: 404,
    });
    await sdk.updateAlias("orders", "prod", new $Fc3.UpdateAliasRequest({ body: new $Fc3.UpdateAliasInput({ versionId: "3" }) }));
    expect((await sdk.getAlias("orders", "prod")).body?.versionId).toBe("3");
    expect((await sdk.listAliases("orders", new $Fc3.ListAliasesRequest({}))).body?.aliases?.map((a) => a.aliasName)).toEqual(["prod"]);
    expect(await fc3Failure(sdk.deleteFunctionVersion("orders", "3"))).toMatchObject({ code: "InvalidArgument", status: 400 });
    expect((await sdk.deleteAlias("orders", "prod")).statusCode).toBe(204);
    expect(await fc3Failure(sdk.getAlias("orders", "prod"))).toMatchObject({ code: "AliasNotFound", status: 404 });
    expect(await fc3Failure(sdk.getAlias("nope", "prod"))).toMatchObject({ code: "FunctionNotFound", status: 404 });
  });
});
