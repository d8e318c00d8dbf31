// The official SDKs, unmodified, against a server that only authenticates. Every accepted request proves
// that our string-to-sign matches what the SDK really sends; every refusal is checked for its exact code
// as the SDK surfaces it and as `authenticate` reported it.
import * as $Util from "@alicloud/tea-util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccountRegistry, derivedProjectId, type Account } from "../../../../../emulator/core/accounts";
import type { AuthResult } from "../../../../../emulator/core/auth/alicloud";
import { startAuthServer, type AuthServer } from "./harness";
import { $FcOpen, fc2Client, fcOpenClient } from "./sdk-clients";

const ALICE: Account = { accountId: "1111111111", accessKeyId: "LTAIaliceKey0000000001", accessKeySecret: "alice-secret-0123456789" };
const BOB: Account = { accountId: "2222222222", accessKeyId: "LTAIbobKey000000000002", accessKeySecret: "bob-secret-9876543210" };
const SIXTEEN_MINUTES = 16 * 60 * 1000;

const ok = (account: Account, accessKeyId = account.accessKeyId): AuthResult => ({
  ok: true,
  principal: { accountId: account.accountId, projectId: derivedProjectId(account.accountId), accessKeyId },
});

let registry: AccountRegistry;
let server: AuthServer;
// The STS issuer's clock; a test sets it to the past to mint credentials that have already expired.
let stsClock: Date | undefined;

beforeAll(async () => {
  registry = new AccountRegistry([ALICE, BOB], () => stsClock ?? new Date());
  server = await startAuthServer(registry);
});
afterAll(() => server.close());
beforeEach(() => {
  server.results.length = 0;
  server.schemes.length = 0;
  server.now = () => new Date();
  stsClock = undefined;
});

function lastResult(): AuthResult | undefined {
  return server.results.at(-1);
}

describe("@alicloud/fc2 — FC scheme", () => {
  it("accepts put, get, list and delete of an async config under 2016-08-15", async () => {
    const client = fc2Client(server.origin, ALICE.accountId, ALICE);
    await client.putFunctionAsyncConfig("svc", "fn", "LATEST", { maxAsyncRetryAttempts: 1, destinationConfig: { onSuccess: { destination: "acs:mns:cn-hangzhou:1111111111:/queues/q/messages" } } });
    await client.getFunctionAsyncConfig("svc", "fn", "prod");
    await client.listFunctionAsyncConfigs("svc", "fn", { limit: "5", nextToken: "a b+c/=" });
    await client.deleteFunctionAsyncConfig("svc", "fn");
    expect(server.results).toEqual([ok(ALICE), ok(ALICE), ok(ALICE), ok(ALICE)]);
    expect(server.schemes).toEqual(["FC", "FC", "FC", "FC"]);
  });

  it("accepts 2021-04-06 paths signed the FC way, and names that the SDK sends escaped", async () => {
    const client = fc2Client(server.origin, BOB.accountId, BOB);
    client.version = "2021-04-06";
    await client.get("/services/svc/functions/fn/async-invoke-config", { qualifier: "LATEST" });
    // url.parse escapes the space and the quote on the wire; the SDK signed them unescaped.
    await client.getFunctionAsyncConfig('my svc"', "fn", "LATEST");
    // A layer ARN the SDK encodes itself before signing: the signed path is the escaped one.
    await client.get(`/layerarn/${encodeURIComponent("acs:fc:cn-hangzhou:2222222222:layers/x/versions/1")}`);
    expect(server.results).toEqual([ok(BOB), ok(BOB), ok(BOB)]);
  });

  it("accepts HTTP-trigger /proxy/ paths, whose query is signed", async () => {
    const client = fc2Client(server.origin, ALICE.accountId, ALICE);
    await client.get("/proxy/svc/fn/some path", { q: "a b", z: ["2", "1"], "ü": "é" });
    expect(server.results).toEqual([ok(ALICE)]);
  });

  it("accepts STS credentials with their security token", async () => {
    const sts = registry.mintSts(BOB.accountId);
    await fc2Client(server.origin, BOB.accountId, sts).getFunctionAsyncConfig("svc", "fn");
    expect(server.results).toEqual([ok(BOB, sts.accessKeyId)]);
  });

  it("refuses a wrong secret with 403 SignatureNotMatch", async () => {
    const client = fc2Client(server.origin, ALICE.accountId, { ...ALICE, accessKeySecret: "not-the-secret" });
    await expect(client.getFunctionAsyncConfig("svc", "fn")).rejects.toMatchObject({ code: "SignatureNotMatch", name: "FCSignatureNotMatchError" });
    expect(lastResult()).toEqual({
      ok: false,
      code: "SignatureNotMatch",
      status: 403,
      message: "The request signature we calculated does not match the signature you provided. Check your access key and signing method",
    });
  });

  it("refuses an unknown AccessKey ID with 403 InvalidAccessKeyID", async () => {
    const client = fc2Client(server.origin, ALICE.accountId, { accessKeyId: "LTAInobody", accessKeySecret: "whatever" });
    await expect(client.getFunctionAsyncConfig("svc", "fn")).rejects.toMatchObject({ code: "InvalidAccessKeyID" });
    expect(lastResult()).toEqual({ ok: false, code: "InvalidAccessKeyID", status: 403, message: "invalid access key ID 'LTAInobody'" });
  });

  it("refuses a key used for another account (x-fc-account-id) with 403 AccessDenied", async () => {
    const client = fc2Client(server.origin, ALICE.accountId, BOB);
    await expect(client.getFunctionAsyncConfig("svc", "fn")).rejects.toMatchObject({ code: "AccessDenied" });
    expect(lastResult()).toEqual({
      ok: false,
      code: "AccessDenied",
      status: 403,
      message: "access key ID 'LTAIbobKey000000000002' is not allowed to access account '1111111111'",
    });
  });

  it("refuses a Date more than 15 minutes off the server clock with 403 RequestTimeTooSkewed", async () => {
    server.now = () => new Date(Date.now() + SIXTEEN_MINUTES);
    await expect(fc2Client(server.origin, ALICE.accountId, ALICE).getFunctionAsyncConfig("svc", "fn")).rejects.toMatchObject({
      code: "RequestTimeTooSkewed",
    });
    expect(lastResult()).toMatchObject({ ok: false, code: "RequestTimeTooSkewed", status: 403 });
  });

  it("refuses an STS key with another key's token (403 AccessDenied) and an expired one (403 InvalidAccessKeyID)", async () => {
    const sts = registry.mintSts(ALICE.accountId);
    const other = registry.mintSts(ALICE.accountId);
    await expect(
      fc2Client(server.origin, ALICE.accountId, { ...sts, securityToken: other.securityToken }).getFunctionAsyncConfig("svc", "fn"),
    ).rejects.toMatchObject({ code: "AccessDenied" });
    expect(lastResult()).toEqual({
      ok: false,
      code: "AccessDenied",
      status: 403,
      message: `the security token does not belong to access key ID '${sts.accessKeyId}'`,
    });

    stsClock = new Date(Date.now() - 2 * 3600 * 1000);
    const expired = registry.mintSts(ALICE.accountId, 3600);
    await expect(fc2Client(server.origin, ALICE.accountId, expired).getFunctionAsyncConfig("svc", "fn")).rejects.toMatchObject({
      code: "InvalidAccessKeyID",
    });
    expect(lastResult()).toEqual({
      ok: false,
      code: "InvalidAccessKeyID",
      status: 403,
      message: `invalid access key ID '${expired.accessKeyId}': the security token has expired`,
    });
  });
});

// Found by instrumenting the client: fc-open20210406 declares its operations ROA-style, but openapi-client's
// callApi only takes the ROA signing path when `signatureAlgorithm` is "v2"; by default it signs ACS3.
for (const [label, algorithm, scheme] of [
  ["ACS3-HMAC-SHA256 (the default)", undefined, "ACS3-HMAC-SHA256"],
  ["ROA, signatureAlgorithm v2", "v2", "acs"],
] as const) {
  describe(`@alicloud/fc-open20210406 — ${label}`, () => {
    it("accepts put, get, list and delete of an async config, with a query that needs escaping", async () => {
      const client = fcOpenClient(server.port, ALICE, algorithm);
      await client.putFunctionAsyncInvokeConfig(
        "svc",
        "fn",
        new $FcOpen.PutFunctionAsyncInvokeConfigRequest({ qualifier: "LATEST", maxAsyncRetryAttempts: 2, statefulInvocation: true }),
      );
      await client.getFunctionAsyncInvokeConfig("svc", "fn", new $FcOpen.GetFunctionAsyncInvokeConfigRequest({ qualifier: "prod" }));
      await client.listFunctionAsyncInvokeConfigs(
        "svc",
        "fn",
        new $FcOpen.ListFunctionAsyncInvokeConfigsRequest({ limit: 5, nextToken: "a b+c*'~(x)!/=" }),
      );
      await client.deleteFunctionAsyncInvokeConfig("svc", "fn", new $FcOpen.DeleteFunctionAsyncInvokeConfigRequest({}));
      // Names that the SDK percent-encodes into the path it signs.
      await client.getFunctionAsyncInvokeConfig("svc (1)*", "fn~'!", new $FcOpen.GetFunctionAsyncInvokeConfigRequest({}));
      expect(server.results).toEqual([ok(ALICE), ok(ALICE), ok(ALICE), ok(ALICE), ok(ALICE)]);
      expect(server.schemes).toEqual([scheme, scheme, scheme, scheme, scheme]);
    });

    it("accepts its own account in X-Fc-Account-Id and refuses another's with 403 AccessDenied", async () => {
      const client = fcOpenClient(server.port, BOB, algorithm);
      const list = (accountId: string) =>
        client.listFunctionAsyncInvokeConfigsWithOptions(
          "svc",
          "fn",
          new $FcOpen.ListFunctionAsyncInvokeConfigsRequest({}),
          new $FcOpen.ListFunctionAsyncInvokeConfigsHeaders({ xFcAccountId: accountId }),
          new $Util.RuntimeOptions({}),
        );
      await list(BOB.accountId);
      expect(server.results).toEqual([ok(BOB)]);
      await expect(list(ALICE.accountId)).rejects.toMatchObject({ data: { ErrorCode: "AccessDenied", statusCode: 403 } });
      expect(lastResult()).toMatchObject({ ok: false, code: "AccessDenied", status: 403 });
    });

    it("accepts STS credentials (x-acs-security-token)", async () => {
      const sts = registry.mintSts(BOB.accountId, 900);
      await fcOpenClient(server.port, sts, algorithm).getFunctionAsyncInvokeConfig(
        "svc",
        "fn",
        new $FcOpen.GetFunctionAsyncInvokeConfigRequest({}),
      );
      expect(server.results).toEqual([ok(BOB, sts.accessKeyId)]);
    });

    it("refuses a wrong secret (403 SignatureNotMatch), an unknown key (403 InvalidAccessKeyID) and a skewed clock (403 RequestTimeTooSkewed)", async () => {
      const get = (credentials: { accessKeyId: string; accessKeySecret: string }) =>
        fcOpenClient(server.port, credentials, algorithm).getFunctionAsyncInvokeConfig("svc", "fn", new $FcOpen.GetFunctionAsyncInvokeConfigRequest({}));
      await expect(get({ ...ALICE, accessKeySecret: "wrong" })).rejects.toMatchObject({ data: { ErrorCode: "SignatureNotMatch", statusCode: 403 } });
      await expect(get({ accessKeyId: "LTAInobody", accessKeySecret: "x" })).rejects.toMatchObject({
        data: { ErrorCode: "InvalidAccessKeyID", ErrorMessage: "invalid access key ID 'LTAInobody'", statusCode: 403 },
      });
      server.now = () => new Date(Date.now() - SIXTEEN_MINUTES);
      await expect(get(ALICE)).rejects.toMatchObject({ data: { ErrorCode: "RequestTimeTooSkewed", statusCode: 403 } });
      expect(server.results.map((r) => (r.ok ? "ok" : r.code))).toEqual(["SignatureNotMatch", "InvalidAccessKeyID", "RequestTimeTooSkewed"]);
    });

    it("refuses an STS key whose token is another's (403 AccessDenied)", async () => {
      const sts = registry.mintSts(ALICE.accountId);
      const other = registry.mintSts(ALICE.accountId);
      await expect(
        fcOpenClient(server.port, { ...sts, securityToken: other.securityToken }, algorithm).getFunctionAsyncInvokeConfig(
          "svc",
          "fn",
          new $FcOpen.GetFunctionAsyncInvokeConfigRequest({}),
        ),
      ).rejects.toMatchObject({ data: { ErrorCode: "AccessDenied", statusCode: 403 } });
    });
  });
}
