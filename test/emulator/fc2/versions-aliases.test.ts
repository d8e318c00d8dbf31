// Versions and aliases through both official SDKs: publish/list/delete, alias CRUD, and the rule that a
// version an alias routes to cannot be deleted.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Emulator } from "../../../emulator";
import { $FcOpen, failure, fc2For, fcOpenFor, handlerZipBase64, nodeFunction, startEmulator, type Fc2Client, type FcOpen } from "../../support/emulator";
import { changeAndPublish } from "../../support/publish";

let fc: Emulator;
let fc2: Fc2Client;
let open: FcOpen;

beforeAll(async () => {
  fc = await startEmulator();
  fc2 = fc2For(fc);
  open = fcOpenFor(fc);
});
afterAll(() => fc.close());
beforeEach(async () => {
  await fc.control.reset();
  await fc2.createService("svc");
  await fc2.createFunction("svc", nodeFunction("fn"));
});

describe("versions", () => {
  test("publish numbers versions 1, 2, … and never reuses a deleted number", async () => {
    const first = await changeAndPublish(fc2, "svc", "first");
    expect(first.data).toMatchObject({ versionId: "1", description: "first" });
    await fc2.updateService("svc", { description: "changed before version 2" });
    const second = await open.publishServiceVersion("svc", new $FcOpen.PublishServiceVersionRequest({}));
    expect(second.body.versionId).toBe("2");
    await fc2.deleteVersion("svc", "2");
    expect((await changeAndPublish(fc2, "svc")).data["versionId"]).toBe("3");
  });

  test("publishing when nothing changed since the newest version is refused, under both prefixes", async () => {
    await changeAndPublish(fc2, "svc", "v1");
    const message = "nothing changed in service 'svc' since version 1: update the service or a function before publishing";
    expect(await failure(fc2.publishVersion("svc", "again"))).toEqual({ code: "InvalidArgument", status: 400, message });
    expect(await failure(open.publishServiceVersion("svc", new $FcOpen.PublishServiceVersionRequest({ description: "again" })))).toEqual({
      code: "InvalidArgument",
      status: 400,
      message,
    });
    await fc2.updateFunction("svc", "fn", { timeout: 7 });
    expect((await fc2.publishVersion("svc", "after a function change")).data["versionId"]).toBe("2");
  });

  test("GetService through a version answers the version's description", async () => {
    await changeAndPublish(fc2, "svc", "published as v1");
    await fc2.updateService("svc", { description: "moved on" });
    expect((await fc2.getService("svc", {}, "1")).data["description"]).toBe("published as v1");
    const viaOpen = await open.getService("svc", new $FcOpen.GetServiceRequest({ qualifier: "1" }));
    expect(viaOpen.body.description).toBe("published as v1");
    expect((await fc2.getService("svc")).data["description"]).toBe("moved on");
  });

  test("a version keeps the function as it was published while LATEST moves on", async () => {
    await changeAndPublish(fc2, "svc");
    await fc2.updateFunction("svc", "fn", { timeout: 99, code: { zipFile: handlerZipBase64("exports.handler = async () => 2;\n") } });
    const v1 = await open.getFunction("svc", "fn", new $FcOpen.GetFunctionRequest({ qualifier: "1" }));
    const latest = await fc2.getFunction("svc", "fn");
    expect(v1.body.timeout).toBe(3);
    expect(latest.data["timeout"]).toBe(99);
    expect(v1.body.codeChecksum).not.toBe(latest.data["codeChecksum"]);
    const listedAtV1 = await fc2.listFunctions("svc", {}, {}, "1");
    expect((listedAtV1.data["functions"] as Array<{ timeout: number }>).map((f) => f.timeout)).toEqual([3]);
  });

  test("list is newest first by default, oldest first with FORWARD, and pages", async () => {
    for (let i = 0; i < 3; i++) await changeAndPublish(fc2, "svc");
    const backward = await open.listServiceVersions("svc", new $FcOpen.ListServiceVersionsRequest({ limit: 2 }));
    expect(backward.body.versions?.map((v) => v.versionId)).toEqual(["3", "2"]);
    expect(backward.body.direction).toBe("BACKWARD");
    const rest = await open.listServiceVersions("svc", new $FcOpen.ListServiceVersionsRequest({ limit: 2, nextToken: backward.body.nextToken }));
    expect(rest.body.versions?.map((v) => v.versionId)).toEqual(["1"]);
    const forward = await fc2.listVersions("svc", { direction: "FORWARD" });
    expect((forward.data["versions"] as Array<{ versionId: string }>).map((v) => v.versionId)).toEqual(["1", "2", "3"]);
  });

  test("deleting an unknown version is VersionNotFound (404)", async () => {
    expect(await failure(open.deleteServiceVersion("svc", "4"))).toEqual({
      code: "VersionNotFound",
      status: 404,
      message: "version '4' of service 'svc' does not exist",
    });
  });

  test("a version an alias points to, or weights traffic to, cannot be deleted", async () => {
    await changeAndPublish(fc2, "svc");
    await changeAndPublish(fc2, "svc");
    await fc2.createAlias("svc", "prod", "1", { additionalVersionWeight: { "2": 0.1 } });
    for (const version of ["1", "2"]) {
      const error = await failure(fc2.deleteVersion("svc", version));
      expect(error).toEqual({
        code: "InvalidArgument",
        status: 400,
        message: `version '${version}' of service 'svc' is used by alias(es) 'prod'; point them elsewhere or delete them first`,
      });
    }
    await fc2.deleteAlias("svc", "prod");
    expect((await open.deleteServiceVersion("svc", "1")).statusCode).toBe(204);
  });
});

describe("aliases", () => {
  beforeEach(async () => {
    await changeAndPublish(fc2, "svc");
    await changeAndPublish(fc2, "svc");
  });

  test("create, get, update, list and delete", async () => {
    const created = await open.createAlias(
      "svc",
      new $FcOpen.CreateAliasRequest({ aliasName: "prod", versionId: "1", description: "production" }),
    );
    expect(created.body).toMatchObject({ aliasName: "prod", versionId: "1", description: "production", additionalVersionWeight: {} });
    expect((await fc2.getAlias("svc", "prod")).data["versionId"]).toBe("1");

    const updated = await fc2.updateAlias("svc", "prod", "2", { additionalVersionWeight: { "1": 0.2 } });
    expect(updated.data).toMatchObject({ versionId: "2", description: "production", additionalVersionWeight: { "1": 0.2 } });

    await fc2.createAlias("svc", "canary", "2");
    const listed = await open.listAliases("svc", new $FcOpen.ListAliasesRequest({}));
    expect(listed.body.aliases?.map((a) => a.aliasName)).toEqual(["canary", "prod"]);

    expect((await open.deleteAlias("svc", "prod")).statusCode).toBe(204);
    expect(await failure(fc2.getAlias("svc", "prod"))).toEqual({
      code: "AliasNotFound",
      status: 404,
      message: "alias 'prod' of service 'svc' does not exist",
    });
  });

  test("conflicts and bad references have the cloud's codes", async () => {
    await fc2.createAlias("svc", "prod", "1");
    expect(await failure(fc2.createAlias("svc", "prod", "1"))).toEqual({
      code: "AliasAlreadyExists",
      status: 409,
      message: "alias prod of service svc already exists",
    });
    expect((await failure(fc2.createAlias("svc", "beta", "9"))).code).toBe("VersionNotFound");
    expect((await failure(fc2.updateAlias("svc", "prod", "9"))).code).toBe("VersionNotFound");
    expect(await failure(fc2.createAlias("svc", "beta", "1", { additionalVersionWeight: { "1": 0.5 } }))).toMatchObject({
      code: "AdditionalVersionContainsMajorVersion",
      status: 400,
    });
    expect((await failure(fc2.createAlias("svc", "LATEST", "1"))).code).toBe("InvalidArgument");
    expect((await failure(fc2.updateAlias("svc", "ghost", "1"))).code).toBe("AliasNotFound");
  });

  test("deleting an alias removes the async invoke config set on it", async () => {
    await fc2.createAlias("svc", "prod", "1");
    await fc2.putFunctionAsyncConfig("svc", "fn", "prod", { maxAsyncRetryAttempts: 2 });
    await fc2.putFunctionAsyncConfig("svc", "fn", "1", { maxAsyncRetryAttempts: 1 });
    await fc2.deleteAlias("svc", "prod");
    await fc2.createAlias("svc", "prod", "1");
    expect((await failure(fc2.getFunctionAsyncConfig("svc", "fn", "prod"))).code).toBe("AsyncConfigNotExists");
    expect((await fc2.getFunctionAsyncConfig("svc", "fn", "1")).data["maxAsyncRetryAttempts"]).toBe(1);
  });

  test("a service with versions or aliases left is not empty", async () => {
    await fc2.createAlias("svc", "prod", "1");
    await fc2.deleteFunction("svc", "fn");
    expect(await failure(fc2.deleteService("svc"))).toEqual({
      code: "ServiceNotEmpty",
      status: 400,
      message: "service 'svc' is not empty: delete its 2 versions, 1 aliases first",
    });
  });
});
