// Every refusal, on the wire, with hand-built requests signed by the SDKs' helpers and the server clock
// fixed: the exact status, FC's error body, and which check answered.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccountRegistry, derivedProjectId, type Account, type StsCredentials } from "../../../../../emulator/core/accounts";
import { send, startAuthServer, type AuthServer, type RawResponse } from "./harness";
import { acs3Request, fcRequest, roaRequest, type RawRequest } from "./requests";

const NOW = new Date("2024-05-01T10:00:00.000Z");
const ALICE: Account = { accountId: "1111111111", accessKeyId: "LTAIaliceKey0000000001", accessKeySecret: "alice-secret-0123456789" };
const BOB: Account = { accountId: "2222222222", accessKeyId: "LTAIbobKey000000000002", accessKeySecret: "bob-secret-9876543210" };
const MINUTE = 60 * 1000;
const SIGNATURE_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your access key and signing method";

let stsClock = NOW;
let registry: AccountRegistry;
let server: AuthServer;
let host: string;

beforeAll(async () => {
  registry = new AccountRegistry([ALICE, BOB], () => stsClock);
  server = await startAuthServer(registry, () => NOW);
  host = `127.0.0.1:${server.port}`;
});
afterAll(() => server.close());
beforeEach(() => {
  server.now = () => NOW;
  stsClock = NOW;
});

const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const go = (request: RawRequest) => send(server.port, request);
const OK: RawResponse["body"] = {};

function refused(status: number, ErrorCode: string, ErrorMessage: string) {
  return { status, body: { ErrorCode, ErrorMessage }, requestId: expect.stringMatching(/^auth-test-\d+$/) as unknown };
}
function accepted() {
  return { status: 200, body: OK, requestId: expect.stringMatching(/^auth-test-\d+$/) as unknown };
}

describe("missing or malformed headers → 400", () => {
  it("no Authorization → MissingRequiredHeader", async () => {
    const request = fcRequest({ key: ALICE, date: NOW });
    delete request.headers["authorization"];
    expect(await go(request)).toEqual(refused(400, "MissingRequiredHeader", "required HTTP header Authorization was not specified"));
  });

  it("FC and ROA without Date, V3 without x-acs-date or x-acs-content-sha256 → MissingRequiredHeader", async () => {
    const fc = fcRequest({ key: ALICE, date: NOW });
    delete fc.headers["date"];
    expect(await go(fc)).toEqual(refused(400, "MissingRequiredHeader", "required HTTP header Date was not specified"));

    const roa = roaRequest({ key: ALICE, date: NOW, host });
    delete roa.headers["date"];
    expect(await go(roa)).toEqual(refused(400, "MissingRequiredHeader", "required HTTP header Date was not specified"));

    const v3 = acs3Request({ key: ALICE, date: NOW, host });
    delete v3.headers["x-acs-date"];
    expect(await go(v3)).toEqual(refused(400, "MissingRequiredHeader", "required HTTP header x-acs-date was not specified"));

    const noDigest = acs3Request({ key: ALICE, date: NOW, host });
    delete noDigest.headers["x-acs-content-sha256"];
    expect(await go(noDigest)).toEqual(refused(400, "MissingRequiredHeader", "required HTTP header x-acs-content-sha256 was not specified"));
  });

  it("an Authorization in no known scheme, or an ACS3 algorithm the SDKs do not use → InvalidArgument", async () => {
    const bearer = fcRequest({ key: ALICE, date: NOW });
    bearer.headers["authorization"] = "Bearer abc";
    expect(await go(bearer)).toEqual(
      refused(400, "InvalidArgument", "the Authorization header is not in a supported form (FC, acs or ACS3-HMAC-SHA256)"),
    );

    const sm3 = acs3Request({ key: ALICE, date: NOW, host });
    sm3.headers["authorization"] = (sm3.headers["authorization"] ?? "").replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3");
    expect(await go(sm3)).toEqual(
      refused(400, "InvalidArgument", "signature algorithm ACS3-HMAC-SM3 is not supported; use ACS3-HMAC-SHA256"),
    );

    const incomplete = acs3Request({ key: ALICE, date: NOW, host });
    incomplete.headers["authorization"] = `ACS3-HMAC-SHA256 Credential=${ALICE.accessKeyId},SignedHeaders=host`;
    expect(await go(incomplete)).toEqual(
      refused(400, "InvalidArgument", "the ACS3-HMAC-SHA256 Authorization header needs Credential, SignedHeaders and Signature"),
    );
  });

  it("a Date that is not RFC 1123, or an x-acs-date that is not ISO 8601 → InvalidArgument", async () => {
    const fc = fcRequest({ key: ALICE, date: NOW, headers: { date: "2024-05-01T10:00:00Z" } });
    expect(await go(fc)).toEqual(
      refused(400, "InvalidArgument", "Date '2024-05-01T10:00:00Z' is not a valid time (RFC 1123, e.g. Mon, 09 Nov 2020 09:46:33 GMT)"),
    );
    const v3 = acs3Request({ key: ALICE, date: NOW, host, headers: { "x-acs-date": "Wed, 01 May 2024 10:00:00 GMT" } });
    expect(await go(v3)).toEqual(
      refused(400, "InvalidArgument", "x-acs-date 'Wed, 01 May 2024 10:00:00 GMT' is not a valid time (yyyy-MM-ddTHH:mm:ssZ)"),
    );
  });

  it("V3 with an x-acs-* header it did not sign → InvalidArgument, since that header could be swapped in flight", async () => {
    const request = acs3Request({ key: ALICE, date: NOW, host });
    request.headers["x-acs-security-token"] = "added-after-signing";
    expect(await go(request)).toEqual(refused(400, "InvalidArgument", "SignedHeaders must include x-acs-security-token"));
  });

  it("ROA whose x-acs-accesskey-id names another key → InvalidArgument", async () => {
    const request = roaRequest({ key: ALICE, date: NOW, host, headers: { "x-acs-accesskey-id": BOB.accessKeyId } });
    expect(await go(request)).toEqual(
      refused(400, "InvalidArgument", "x-acs-accesskey-id does not match the access key ID in the Authorization header"),
    );
  });
});

describe("keys and signatures → 403", () => {
  const builders = {
    FC: (key: { accessKeyId: string; accessKeySecret: string }) => fcRequest({ key, date: NOW }),
    ACS3: (key: { accessKeyId: string; accessKeySecret: string }) => acs3Request({ key, date: NOW, host }),
    ROA: (key: { accessKeyId: string; accessKeySecret: string }) => roaRequest({ key, date: NOW, host }),
  };

  for (const [scheme, build] of Object.entries(builders)) {
    it(`${scheme}: accepted when right; wrong secret → SignatureNotMatch; unknown key → InvalidAccessKeyID`, async () => {
      expect(await go(build(ALICE))).toEqual(accepted());
      expect(server.results.at(-1)).toEqual({
        ok: true,
        principal: { accountId: ALICE.accountId, projectId: derivedProjectId(ALICE.accountId), accessKeyId: ALICE.accessKeyId },
      });

      const wrong = build({ ...ALICE, accessKeySecret: "not-the-secret" });
      const response = await go(wrong);
      expect(response).toEqual(refused(403, "SignatureNotMatch", SIGNATURE_MESSAGE));
      // Neither the secret nor any signature may leak into what the caller (or a log) sees.
      const text = JSON.stringify(response.body);
      const provided = /(?:Signature=|:)([^:,\s]+)$/.exec(wrong.headers["authorization"] ?? "")?.[1] ?? "";
      expect(provided.length).toBeGreaterThan(20);
      expect(text).not.toContain(provided);
      expect(text).not.toContain(ALICE.accessKeySecret);

      expect(await go(build({ accessKeyId: "LTAInobody", accessKeySecret: "x" }))).toEqual(
        refused(403, "InvalidAccessKeyID", "invalid access key ID 'LTAInobody'"),
      );
    });
  }
});

describe("clock skew → 403 RequestTimeTooSkewed beyond 15 minutes either way", () => {
  it("FC Date 16 minutes behind or ahead is refused; exactly 15 minutes is accepted", async () => {
    expect(await go(fcRequest({ key: ALICE, date: at(-16 * MINUTE) }))).toEqual(
      refused(
        403,
        "RequestTimeTooSkewed",
        "the difference between the request time 'Wed, 01 May 2024 09:44:00 GMT' and the server time 'Wed, 01 May 2024 10:00:00 GMT' exceeds 15 minutes",
      ),
    );
    expect((await go(fcRequest({ key: ALICE, date: at(16 * MINUTE) }))).body).toMatchObject({ ErrorCode: "RequestTimeTooSkewed" });
    expect(await go(fcRequest({ key: ALICE, date: at(15 * MINUTE) }))).toEqual(accepted());
    expect(await go(fcRequest({ key: ALICE, date: at(-15 * MINUTE) }))).toEqual(accepted());
  });

  it("V3 x-acs-date and ROA Date 16 minutes off are refused", async () => {
    expect(await go(acs3Request({ key: ALICE, date: at(16 * MINUTE), host }))).toEqual(
      refused(
        403,
        "RequestTimeTooSkewed",
        "the difference between the request time '2024-05-01T10:16:00Z' and the server time 'Wed, 01 May 2024 10:00:00 GMT' exceeds 15 minutes",
      ),
    );
    expect((await go(roaRequest({ key: ALICE, date: at(-16 * MINUTE), host }))).body).toMatchObject({ ErrorCode: "RequestTimeTooSkewed" });
  });
});

describe("accounts → 403 AccessDenied across accounts", () => {
  it("x-fc-account-id of another account is refused; of the key's own account accepted", async () => {
    expect(await go(fcRequest({ key: ALICE, date: NOW, headers: { "x-fc-account-id": ALICE.accountId } }))).toEqual(accepted());
    expect(await go(fcRequest({ key: ALICE, date: NOW, headers: { "x-fc-account-id": BOB.accountId } }))).toEqual(
      refused(403, "AccessDenied", "access key ID 'LTAIaliceKey0000000001' is not allowed to access account '2222222222'"),
    );
    expect((await go(acs3Request({ key: BOB, date: NOW, host, headers: { "x-fc-account-id": ALICE.accountId } }))).body).toEqual({
      ErrorCode: "AccessDenied",
      ErrorMessage: "access key ID 'LTAIbobKey000000000002' is not allowed to access account '1111111111'",
    });
  });

  it("the account in an FC host name must be the key's", async () => {
    const own = acs3Request({ key: BOB, date: NOW, host: "2222222222.cn-hangzhou.fc.aliyuncs.com" });
    expect(await go(own)).toEqual(accepted());
    const other = acs3Request({ key: BOB, date: NOW, host: "1111111111.cn-hangzhou-internal.fc.aliyuncs.com" });
    expect(await go(other)).toEqual(
      refused(403, "AccessDenied", "access key ID 'LTAIbobKey000000000002' is not allowed to access account '1111111111'"),
    );
  });
});

describe("STS credentials", () => {
  let sts: StsCredentials;
  beforeEach(() => {
    sts = registry.mintSts(ALICE.accountId, 3600);
  });

  it("accepted with the token in x-fc-security-token (FC) or x-acs-security-token (V3, ROA)", async () => {
    expect(await go(fcRequest({ key: sts, date: NOW, headers: { "x-fc-security-token": sts.securityToken } }))).toEqual(accepted());
    expect(server.results.at(-1)).toEqual({
      ok: true,
      principal: { accountId: ALICE.accountId, projectId: derivedProjectId(ALICE.accountId), accessKeyId: sts.accessKeyId },
    });
    expect(await go(acs3Request({ key: sts, date: NOW, host, headers: { "x-acs-security-token": sts.securityToken } }))).toEqual(accepted());
    expect(await go(roaRequest({ key: sts, date: NOW, host, headers: { "x-acs-security-token": sts.securityToken } }))).toEqual(accepted());
  });

  it("token missing → AccessDenied", async () => {
    expect(await go(fcRequest({ key: sts, date: NOW }))).toEqual(
      refused(
        403,
        "AccessDenied",
        `access key ID '${sts.accessKeyId}' is temporary (STS) and needs its security token (x-fc-security-token or x-acs-security-token)`,
      ),
    );
    expect((await go(acs3Request({ key: sts, date: NOW, host }))).body).toMatchObject({ ErrorCode: "AccessDenied" });
  });

  it("another credential's token, or one of two tokens wrong → AccessDenied, without echoing either token", async () => {
    const other = registry.mintSts(ALICE.accountId);
    const response = await go(fcRequest({ key: sts, date: NOW, headers: { "x-fc-security-token": other.securityToken } }));
    expect(response).toEqual(refused(403, "AccessDenied", `the security token does not belong to access key ID '${sts.accessKeyId}'`));
    expect(JSON.stringify(response.body)).not.toContain(other.securityToken.slice(0, 24));

    const mixed = acs3Request({
      key: sts,
      date: NOW,
      host,
      headers: { "x-acs-security-token": sts.securityToken, "x-fc-security-token": other.securityToken },
    });
    expect((await go(mixed)).body).toMatchObject({ ErrorCode: "AccessDenied" });
  });

  it("expired → InvalidAccessKeyID, from the second the expiration names", async () => {
    const signed = (date: Date) => fcRequest({ key: sts, date, headers: { "x-fc-security-token": sts.securityToken } });
    const expiresAt = new Date(sts.expiration);
    expect(expiresAt.toISOString()).toBe("2024-05-01T11:00:00.000Z");

    server.now = () => new Date(expiresAt.getTime() - 1000);
    expect(await go(signed(server.now()))).toEqual(accepted());
    server.now = () => expiresAt;
    expect(await go(signed(expiresAt))).toEqual(
      refused(403, "InvalidAccessKeyID", `invalid access key ID '${sts.accessKeyId}': the security token has expired`),
    );
  });

  it("a security token sent with a long-term key → AccessDenied", async () => {
    expect(await go(fcRequest({ key: ALICE, date: NOW, headers: { "x-fc-security-token": sts.securityToken } }))).toEqual(
      refused(403, "AccessDenied", "a security token was sent with the long-term access key ID 'LTAIaliceKey0000000001'; only STS keys take one"),
    );
  });
});

describe("tampering in flight → 403 SignatureNotMatch", () => {
  const body = '{"maxAsyncRetryAttempts":1}';
  const tampered = '{"maxAsyncRetryAttempts":8}';
  const putPath = "/2016-08-15/services/svc.LATEST/functions/fn/async-invoke-config";

  it("FC: a body that no longer matches its signed Content-MD5", async () => {
    const request = fcRequest({ key: ALICE, date: NOW, method: "PUT", path: putPath, body });
    expect(await go(request)).toEqual(accepted());
    expect(await go({ ...request, body: tampered })).toEqual(
      refused(403, "SignatureNotMatch", "the request body does not match its signed digest (Content-MD5); it was altered after signing"),
    );
    // Recomputing Content-MD5 for the new body breaks the signature instead.
    const md5 = Buffer.from(createHash("md5").update(tampered).digest("hex")).toString("base64");
    expect(await go({ ...request, body: tampered, headers: { ...request.headers, "content-md5": md5 } })).toEqual(
      refused(403, "SignatureNotMatch", SIGNATURE_MESSAGE),
    );
  });

  it("FC: the Go SDK's hex Content-MD5 and RFC 1864's base64 digest are checked too", async () => {
    const hex = createHash("md5").update(body).digest("hex");
    const rfc = createHash("md5").update(body).digest("base64");
    for (const contentMd5 of [hex, rfc]) {
      const request = fcRequest({ key: ALICE, date: NOW, method: "PUT", path: putPath, body, headers: { "content-md5": contentMd5 } });
      expect(await go(request)).toEqual(accepted());
      expect((await go({ ...request, body: tampered })).body).toMatchObject({ ErrorCode: "SignatureNotMatch" });
    }
  });

  it("V3: a body that no longer matches x-acs-content-sha256", async () => {
    const request = acs3Request({ key: ALICE, date: NOW, host, method: "PUT", body });
    expect(await go(request)).toEqual(accepted());
    expect(await go({ ...request, body: tampered })).toEqual(
      refused(403, "SignatureNotMatch", "the request body does not match its signed digest (x-acs-content-sha256); it was altered after signing"),
    );
    const sha = createHash("sha256").update(tampered).digest("hex");
    expect(await go({ ...request, body: tampered, headers: { ...request.headers, "x-acs-content-sha256": sha } })).toEqual(
      refused(403, "SignatureNotMatch", SIGNATURE_MESSAGE),
    );
  });

  it("a changed path, in every scheme", async () => {
    const retarget = (request: RawRequest): RawRequest => ({ ...request, path: request.path.replace("/services/svc/", "/services/other/") });
    for (const request of [fcRequest({ key: ALICE, date: NOW }), acs3Request({ key: ALICE, date: NOW, host }), roaRequest({ key: ALICE, date: NOW, host })]) {
      expect(request.path).toContain("/services/svc/");
      expect(await go(retarget(request))).toEqual(refused(403, "SignatureNotMatch", SIGNATURE_MESSAGE));
    }
  });

  it("a changed query in V3 and ROA, and on FC /proxy/ paths; FC leaves other queries unsigned, as the cloud does", async () => {
    const query = { qualifier: "LATEST" };
    const requalify = (request: RawRequest): RawRequest => ({ ...request, path: request.path.replace("qualifier=LATEST", "qualifier=prod") });
    for (const request of [acs3Request({ key: ALICE, date: NOW, host, query }), roaRequest({ key: ALICE, date: NOW, host, query })]) {
      expect(await go(request)).toEqual(accepted());
      expect(await go(requalify(request))).toEqual(refused(403, "SignatureNotMatch", SIGNATURE_MESSAGE));
    }
    const proxy = fcRequest({ key: ALICE, date: NOW, path: "/2016-08-15/proxy/svc/fn/hook", query: { a: "1 2" } });
    expect(await go(proxy)).toEqual(accepted());
    expect(await go({ ...proxy, path: proxy.path.replace("a=1%202", "a=3") })).toEqual(refused(403, "SignatureNotMatch", SIGNATURE_MESSAGE));

    const plain = fcRequest({ key: ALICE, date: NOW, path: "/2021-04-06/services/svc/functions/fn/async-invoke-config", query });
    expect(await go(requalify(plain))).toEqual(accepted());
  });

  it("a changed x-fc-* header (FC signs them all)", async () => {
    const request = fcRequest({ key: ALICE, date: NOW, headers: { "x-fc-invocation-type": "Async" } });
    expect(await go(request)).toEqual(accepted());
    expect(await go({ ...request, headers: { ...request.headers, "x-fc-invocation-type": "Sync" } })).toEqual(
      refused(403, "SignatureNotMatch", SIGNATURE_MESSAGE),
    );
  });
});
