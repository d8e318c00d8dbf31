// Versions and aliases through both official SDKs: publish/list/delete, alias CRUD, and what the cloud does
// with a version deleted under an alias (it is deleted; the alias stays and leads nowhere).
import { beforeEach, describe, expect, test } from "vitest";
import { failure, $FcOpen, handlerZipBase64, nodeFunction, useEmulator } from "../../kit/emulator";
import { changeAndPublish } from "../../kit/publish";

const t = useEmulator();
/** `@alicloud/fc2`'s invokeFunction (the kit's client type leaves it out). */
const invoke = (service: string, fn: string, event: string, headers: Record<string, string>, qualifier: string) =>
  (t.fc2 as unknown as { invokeFunction(s: string, f: string, e: string, h: Record<string, string>, q: string): Promise<{ headers: Record<string, string>; data: unknown }> }).invokeFunction(service, fn, event, headers, qualifier);

beforeEach(async () => {
  await t.fc2.createService("svc");
  await t.fc2.createFunction("svc", nodeFunction("fn"));
});

describe("versions", () => {
  test("publish numbers versions 1, 2, … and never reuses a deleted number", async () => {
    const first = await changeAndPublish(t.fc2, "svc", "first");
    expect(first.data).toMatchObject({ versionId: "1", description: "first" });
    await t.fc2.updateService("svc", { description: "changed before version 2" });
    const second = await t.open.publishServiceVersion("svc", new $FcOpen.PublishServiceVersionRequest({}));
    expect(second.body.versionId).toBe("2");
    await t.fc2.deleteVersion("svc", "2");
    expect((await changeAndPublish(t.fc2, "svc")).data["versionId"]).toBe("3");
  });

  test("publishing when nothing changed since the newest version is refused, under both prefixes", async () => {
    await changeAndPublish(t.fc2, "svc", "v1");
    const message = "nothing changed in service 'svc' since version 1: update the service or a function before publishing";
    expect(await failure(t.fc2.publishVersion("svc", "again"))).toEqual({ code: "InvalidArgument", status: 400, message });
    expect(await failure(t.open.publishServiceVersion("svc", new $FcOpen.PublishServiceVersionRequest({ description: "again" })))).toEqual({
      code: "InvalidArgument",
      status: 400,
      message,
    });
    await t.fc2.updateFunction("svc", "fn", { timeout: 7 });
    expect((await t.fc2.publishVersion("svc", "after a function change")).data["versionId"]).toBe("2");
  });

  test("GetService through a version answers the version's description", async () => {
    await changeAndPublish(t.fc2, "svc", "published as v1");
    await t.fc2.updateService("svc", { description: "moved on" });
    expect((await t.fc2.getService("svc", {}, "1")).data["description"]).toBe("published as v1");
    const viaOpen = await t.open.getService("svc", new $FcOpen.GetServiceRequest({ qualifier: "1" }));
    expect(viaOpen.body.description).toBe("published as v1");
    expect((await t.fc2.getService("svc")).data["description"]).toBe("moved on");
  });

  test("a version keeps the function as it was published while LATEST moves on", async () => {
    await changeAndPublish(t.fc2, "svc");
    await t.fc2.updateFunction("svc", "fn", { timeout: 99, code: { zipFile: handlerZipBase64("exports.handler = async () => 2;\n") } });
    const v1 = await t.open.getFunction("svc", "fn", new $FcOpen.GetFunctionRequest({ qualifier: "1" }));
    const latest = await t.fc2.getFunction("svc", "fn");
    expect(v1.body.timeout).toBe(3);
    expect(latest.data["timeout"]).toBe(99);
    expect(v1.body.codeChecksum).not.toBe(latest.data["codeChecksum"]);
    const listedAtV1 = await t.fc2.listFunctions("svc", {}, {}, "1");
    expect((listedAtV1.data["functions"] as Array<{ timeout: number }>).map((f) => f.timeout)).toEqual([3]);
  });

  test("list is newest first by default, oldest first with FORWARD, and pages", async () => {
    for (let i = 0; i < 3; i++) await changeAndPublish(t.fc2, "svc");
    const backward = await t.open.listServiceVersions("svc", new $FcOpen.ListServiceVersionsRequest({ limit: 2 }));
    expect(backward.body.versions?.map((v) => v.versionId)).toEqual(["3", "2"]);
    expect(backward.body.direction).toBe("BACKWARD");
    const rest = await t.open.listServiceVersions("svc", new $FcOpen.ListServiceVersionsRequest({ limit: 2, nextToken: backward.body.nextToken }));
    expect(rest.body.versions?.map((v) => v.versionId)).toEqual(["1"]);
    const forward = await t.fc2.listVersions("svc", { direction: "FORWARD" });
    expect((forward.data["versions"] as Array<{ versionId: string }>).map((v) => v.versionId)).toEqual(["1", "2", "3"]);
  });

  test("deleting an unknown version is VersionNotFound (404)", async () => {
    expect(await failure(t.open.deleteServiceVersion("svc", "4"))).toEqual({
      code: "VersionNotFound",
      status: 404,
      message: "version '4' of service 'svc' does not exist",
    });
  });

  test("a version an alias points to, or weights traffic to, is deleted; the alias stays and answers VersionNotFound when used", async () => {
    await changeAndPublish(t.fc2, "svc");
    await changeAndPublish(t.fc2, "svc");
    await t.fc2.createAlias("svc", "prod", "1", { additionalVersionWeight: { "2": 0.1 } });
    await t.fc2.putFunctionAsyncConfig("svc", "fn", "prod", { maxAsyncRetryAttempts: 2 });
    expect((await t.fc2.deleteVersion("svc", "2")).data).toBe("");
    expect((await t.open.deleteServiceVersion("svc", "1")).statusCode).toBe(204);
    expect((await t.fc2.getAlias("svc", "prod")).data).toMatchObject({ aliasName: "prod", versionId: "1", additionalVersionWeight: { "2": 0.1 } });
    const gone = { code: "VersionNotFound", status: 404, message: "version '1' of service 'svc' does not exist" };
    expect(await failure(invoke("svc", "fn", "e", {}, "prod"))).toEqual(gone);
    expect(await failure(t.fc2.getFunction("svc", "fn", {}, "prod"))).toEqual(gone);
    // Pointing the alias at a live version makes it usable again, its own async config kept.
    await changeAndPublish(t.fc2, "svc");
    await t.fc2.updateAlias("svc", "prod", "3", { additionalVersionWeight: {} });
    expect((await t.fc2.getFunctionAsyncConfig("svc", "fn", "prod")).data["maxAsyncRetryAttempts"]).toBe(2);
  });
});

describe("aliases", () => {
  beforeEach(async () => {
    await changeAndPublish(t.fc2, "svc");
    await changeAndPublish(t.fc2, "svc");
  });

  test("create, get, update, list and delete", async () => {
    const created = await t.open.createAlias(
      "svc",
      new $FcOpen.CreateAliasRequest({ aliasName: "prod", versionId: "1", description: "production" }),
    );
    expect(created.body).toMatchObject({ aliasName: "prod", versionId: "1", description: "production", additionalVersionWeight: {} });
    expect((await t.fc2.getAlias("svc", "prod")).data["versionId"]).toBe("1");

    const updated = await t.fc2.updateAlias("svc", "prod", "2", { additionalVersionWeight: { "1": 0.2 } });
    expect(updated.data).toMatchObject({ versionId: "2", description: "production", additionalVersionWeight: { "1": 0.2 } });

    await t.fc2.createAlias("svc", "canary", "2");
    const listed = await t.open.listAliases("svc", new $FcOpen.ListAliasesRequest({}));
    expect(listed.body.aliases?.map((a) => a.aliasName)).toEqual(["canary", "prod"]);

    expect((await t.open.deleteAlias("svc", "prod")).statusCode).toBe(204);
    expect(await failure(t.fc2.getAlias("svc", "prod"))).toEqual({
      code: "AliasNotFound",
      status: 404,
      message: "alias 'prod' of service 'svc' does not exist",
    });
  });

  test("conflicts and bad references have the cloud's codes", async () => {
    await t.fc2.createAlias("svc", "prod", "1");
    expect(await failure(t.fc2.createAlias("svc", "prod", "1"))).toEqual({
      code: "AliasAlreadyExists",
      status: 409,
      message: "alias prod of service svc already exists",
    });
    expect((await failure(t.fc2.createAlias("svc", "beta", "9"))).code).toBe("VersionNotFound");
    expect((await failure(t.fc2.updateAlias("svc", "prod", "9"))).code).toBe("VersionNotFound");
    expect((await failure(t.fc2.createAlias("svc", "beta", "1", { additionalVersionWeight: { "9": 0.5 } }))).code).toBe("VersionNotFound");
    expect((await failure(t.fc2.createAlias("svc", "LATEST", "1"))).code).toBe("InvalidArgument");
    expect((await failure(t.fc2.updateAlias("svc", "ghost", "1"))).code).toBe("AliasNotFound");
  });

  test("a weight on the alias's own version is accepted, as the official Python suite expects", async () => {
    const created = await t.fc2.createAlias("svc", "test", "1", { description: "test alias", additionalVersionWeight: { "1": 0.9 } });
    expect(created.data).toMatchObject({ aliasName: "test", versionId: "1", additionalVersionWeight: { "1": 0.9 } });
    const updated = await t.open.updateAlias("svc", "test", new $FcOpen.UpdateAliasRequest({ versionId: "1", additionalVersionWeight: { "1": 0.8 } }));
    expect(updated.body.additionalVersionWeight).toEqual({ "1": 0.8 });
    expect((await invoke("svc", "fn", "e", {}, "test")).headers["x-fc-error-type"]).toBeUndefined();
  });

  test("deleting an alias removes the async invoke config set on it", async () => {
    await t.fc2.createAlias("svc", "prod", "1");
    await t.fc2.putFunctionAsyncConfig("svc", "fn", "prod", { maxAsyncRetryAttempts: 2 });
    await t.fc2.putFunctionAsyncConfig("svc", "fn", "1", { maxAsyncRetryAttempts: 1 });
    await t.fc2.deleteAlias("svc", "prod");
    await t.fc2.createAlias("svc", "prod", "1");
    expect((await failure(t.fc2.getFunctionAsyncConfig("svc", "fn", "prod"))).code).toBe("AsyncConfigNotExists");
    expect((await t.fc2.getFunctionAsyncConfig("svc", "fn", "1")).data["maxAsyncRetryAttempts"]).toBe(1);
  });

  test("a service with versions or aliases left is not empty", async () => {
    await t.fc2.createAlias("svc", "prod", "1");
    await t.fc2.deleteFunction("svc", "fn");
    expect(await failure(t.fc2.deleteService("svc"))).toEqual({
      code: "ServiceNotEmpty",
      status: 400,
      message: "service 'svc' is not empty: delete its 2 versions, 1 aliases first",
    });
  });
});
