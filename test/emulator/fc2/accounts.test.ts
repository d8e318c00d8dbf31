// Several accounts, each with its own keys and resources, STS credentials from the control surface, and
// the authentication refusals as the SDKs see them — all through the official SDKs.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_ACCOUNT, VirtualClock, type Emulator } from "../../../emulator";
import { derivedProjectId } from "../../../emulator/core/accounts";
import { $FcOpen, SECOND_ACCOUNT, failure, fc2For, fcOpenFor, nodeFunction, startEmulator } from "../../support/emulator";

const clock = new VirtualClock(new Date());
let fc: Emulator;

beforeAll(async () => {
  fc = await startEmulator({ accounts: [{ ...DEFAULT_ACCOUNT }, SECOND_ACCOUNT], clock });
});
afterAll(() => fc.close());
beforeEach(async () => {
  clock.set(new Date());
  await fc.control.reset();
});

describe("start()", () => {
  test("names the first account's credentials and project id; every account has one", () => {
    expect(fc.credentials).toEqual(DEFAULT_ACCOUNT);
    expect(fc.projectId).toBe("0e6f3a1c9b2d4e5f8a7b6c5d4e3f2a1b");
    expect(fc.accounts.map((a) => a.projectId)).toEqual(["0e6f3a1c9b2d4e5f8a7b6c5d4e3f2a1b", derivedProjectId(SECOND_ACCOUNT.accountId)]);
  });
});

describe("isolation", () => {
  test("each account sees only its own services, even under the same names", async () => {
    const a = fc2For(fc);
    const b = fc2For(fc, SECOND_ACCOUNT, SECOND_ACCOUNT.accountId);
    await a.createService("shared-name", { description: "A's" });
    await a.createFunction("shared-name", nodeFunction("fn"));
    await a.putFunctionAsyncConfig("shared-name", "fn", undefined, { maxAsyncRetryAttempts: 7 });

    expect((await failure(b.getService("shared-name"))).code).toBe("ServiceNotFound");
    expect((await failure(b.getFunctionAsyncConfig("shared-name", "fn"))).code).toBe("ServiceNotFound");
    expect((await b.listServices()).data).toEqual({ services: [], nextToken: "" });

    await b.createService("shared-name", { description: "B's" });
    expect((await b.getService("shared-name")).data["description"]).toBe("B's");
    expect((await a.getService("shared-name")).data["description"]).toBe("A's");
    expect((await failure(b.deleteFunction("shared-name", "fn"))).code).toBe("FunctionNotFound");
    expect((await a.getFunctionAsyncConfig("shared-name", "fn")).data["maxAsyncRetryAttempts"]).toBe(7);
  });

  test("a key used with another account's id is AccessDenied", async () => {
    const bAsA = fc2For(fc, SECOND_ACCOUNT, DEFAULT_ACCOUNT.accountId);
    expect(await failure(bAsA.listServices())).toEqual({
      code: "AccessDenied",
      status: 403,
      message: `access key ID '${SECOND_ACCOUNT.accessKeyId}' is not allowed to access account '${DEFAULT_ACCOUNT.accountId}'`,
    });
  });

  test("a page token issued to one account is refused for another", async () => {
    const a = fc2For(fc);
    const b = fc2For(fc, SECOND_ACCOUNT, SECOND_ACCOUNT.accountId);
    for (const name of ["s1", "s2"]) {
      await a.createService(name);
      await b.createService(name);
    }
    const token = (await a.listServices({ limit: "1" })).data["nextToken"] as string;
    expect((await failure(b.listServices({ limit: "1", nextToken: token }))).code).toBe("InvalidArgument");
  });
});

describe("authentication through the SDKs", () => {
  test("a wrong secret is SignatureNotMatch and an unknown key InvalidAccessKeyID, for both SDKs", async () => {
    const wrongSecret = { accessKeyId: DEFAULT_ACCOUNT.accessKeyId, accessKeySecret: "wrong" };
    const unknownKey = { accessKeyId: "LTAINoSuchKey", accessKeySecret: "whatever" };
    expect((await failure(fc2For(fc, wrongSecret).listServices())).code).toBe("SignatureNotMatch");
    expect(await failure(fcOpenFor(fc, wrongSecret).listServices(new $FcOpen.ListServicesRequest({})))).toMatchObject({
      code: "SignatureNotMatch",
      status: 403,
    });
    expect(await failure(fc2For(fc, unknownKey).listServices())).toEqual({
      code: "InvalidAccessKeyID",
      status: 403,
      message: "invalid access key ID 'LTAINoSuchKey'",
    });
    expect((await failure(fcOpenFor(fc, unknownKey, "v2").listServices(new $FcOpen.ListServicesRequest({})))).code).toBe("InvalidAccessKeyID");
  });

  test("more than 15 minutes between the request's Date and the emulator's clock is refused", async () => {
    clock.advance(16 * 60 * 1000);
    expect(await failure(fc2For(fc).listServices())).toMatchObject({ code: "RequestTimeTooSkewed", status: 403 });
    clock.set(new Date(Date.now() - 14 * 60 * 1000));
    expect((await fc2For(fc).listServices()).data).toEqual({ services: [], nextToken: "" });
  });
});

describe("STS credentials from the control surface", () => {
  test("work with their token through both SDKs and act on the minting account", async () => {
    const sts = await fc.control.mintSts({ accountId: SECOND_ACCOUNT.accountId });
    expect(sts.accountId).toBe(SECOND_ACCOUNT.accountId);
    expect(sts.accessKeyId.startsWith("STS.")).toBe(true);
    const viaFc2 = fc2For(fc, sts, SECOND_ACCOUNT.accountId);
    await viaFc2.createService("temp");
    const viaOpen = fcOpenFor(fc, sts);
    const listed = await viaOpen.listServices(new $FcOpen.ListServicesRequest({}));
    expect(listed.body.services?.map((s) => s.serviceName)).toEqual(["temp"]);
    expect((await fc2For(fc, SECOND_ACCOUNT, SECOND_ACCOUNT.accountId).getService("temp")).data["serviceName"]).toBe("temp");
    expect((await failure(fc2For(fc).getService("temp"))).code).toBe("ServiceNotFound");
  });

  test("a wrong token is AccessDenied; after expiration the key is InvalidAccessKeyID", async () => {
    const sts = await fc.control.mintSts({ durationSeconds: 60 });
    expect((await failure(fc2For(fc, { ...sts, securityToken: "CAISforged" }).listServices())).code).toBe("AccessDenied");
    expect((await fc2For(fc, sts).listServices()).data).toEqual({ services: [], nextToken: "" });
    clock.advance(61 * 1000);
    const error = await failure(fc2For(fc, sts).listServices());
    expect(error.code).toBe("InvalidAccessKeyID");
    expect(error.message).toContain("the security token has expired");
  });

  test("minting for an unknown account is refused", async () => {
    await expect(fc.control.mintSts({ accountId: "999" })).rejects.toThrow("control POST sts failed with 400");
  });
});
