// The FC string-to-sign and signature against vectors produced by @alicloud/fc2's own helpers: each expected string
// is written out by hand (so the format is readable here) and also recomputed live with the SDK function.
import { describe, expect, it, test } from "vitest";
import {
  canonicalFcHeaders,
  fcContentMd5,
  fcSignature,
  fcStringToSign,
  formatFcAuthorization,
  isProxyPath,
  signFcRequest,
} from "../../../contracts/fc2";
import { Fc2, fc2Helper } from "../../emulator/core/auth/alicloud/sdk-clients";

const SECRET = "vector-secret";
const DATE = "Wed, 01 May 2024 10:00:00 GMT";

describe("FC scheme (as @alicloud/fc2 signs)", () => {
  const headers = {
    accept: "application/json",
    date: DATE,
    host: "1234567890.cn-hangzhou.fc.aliyuncs.com",
    "content-type": "application/json",
    "content-md5": "ZDQxZDhjZDk4ZjAwYjIwNGU5ODAwOTk4ZWNmODQyN2U=",
    "x-fc-security-token": "tok",
    "x-fc-account-id": "1234567890",
  };
  const path = "/2016-08-15/services/svc.LATEST/functions/fn/async-invoke-config";

  it("builds METHOD, Content-MD5, Content-Type, Date, sorted x-fc-* headers and the versioned path", () => {
    const expected =
      "PUT\nZDQxZDhjZDk4ZjAwYjIwNGU5ODAwOTk4ZWNmODQyN2U=\napplication/json\nWed, 01 May 2024 10:00:00 GMT\n" +
      "x-fc-account-id:1234567890\nx-fc-security-token:tok\n" +
      "/2016-08-15/services/svc.LATEST/functions/fn/async-invoke-config";
    const ours = fcStringToSign({ method: "PUT", path, headers });
    expect(ours).toBe(expected);
    expect(fc2Helper.composeStringToSign("PUT", path, headers, null)).toBe(expected);
  });

  it("signs with base64 HMAC-SHA256, the same value Client.getSignature puts after 'FC {ak}:'", () => {
    const ours = fcSignature(fcStringToSign({ method: "PUT", path, headers }), SECRET);
    expect(Fc2.getSignature("AK", SECRET, "PUT", path, headers, null)).toBe(`FC AK:${ours}`);
    expect(ours).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it("appends the sorted key=value lines of the decoded query only on /proxy/ paths", () => {
    const proxyPath = "/2016-08-15/proxy/svc/fn/x y";
    const plainHeaders = { date: DATE };
    const query = new URLSearchParams([
      ["z", "2"],
      ["a", "x y"],
      ["a", "1"],
    ]);
    const expected = "GET\n\n\nWed, 01 May 2024 10:00:00 GMT\n/2016-08-15/proxy/svc/fn/x y\na=1\na=x y\nz=2";
    expect(fcStringToSign({ method: "GET", path: proxyPath, headers: plainHeaders, signedQuery: query })).toBe(expected);
    expect(fc2Helper.composeStringToSign("GET", proxyPath, plainHeaders, { z: "2", a: ["x y", "1"] })).toBe(expected);
    // An empty query on a proxy path still gets the separator, as the SDK writes it.
    expect(fcStringToSign({ method: "GET", path: proxyPath, headers: plainHeaders, signedQuery: new URLSearchParams() })).toBe(
      "GET\n\n\nWed, 01 May 2024 10:00:00 GMT\n/2016-08-15/proxy/svc/fn/x y\n",
    );
    expect(isProxyPath(proxyPath)).toBe(true);
    expect(isProxyPath("/2021-04-06/proxy/svc/fn/")).toBe(true);
    expect(isProxyPath("/2016-08-15/services/proxy/functions/fn")).toBe(false);
  });
});

describe("string to sign", () => {
  test("x-fc-* headers lower-cased, sorted, each on its own line, then the resource", () => {
    const text = fcStringToSign({
      method: "post",
      path: "/2016-08-15/services/s.LATEST/functions/f/invocations",
      headers: {
        "X-Fc-Invocation-Type": "Async",
        "x-fc-account-id": "1",
        "X-Fc-Stateful-Async-Invocation-Id": "job-1",
        "Content-Type": "application/octet-stream",
        "Content-MD5": "md5",
        Date: "Wed, 14 Aug 2024 07:02:38 GMT",
        Accept: "application/json",
      },
    });
    expect(text).toBe(
      [
        "POST",
        "md5",
        "application/octet-stream",
        "Wed, 14 Aug 2024 07:02:38 GMT",
        "x-fc-account-id:1",
        "x-fc-invocation-type:Async",
        "x-fc-stateful-async-invocation-id:job-1",
        "/2016-08-15/services/s.LATEST/functions/f/invocations",
      ].join("\n"),
    );
  });

  test("no x-fc headers: the resource follows the date line directly", () => {
    expect(canonicalFcHeaders({ accept: "x", date: "d" })).toBe("");
    expect(fcStringToSign({ method: "DELETE", path: "/r", headers: { date: "d" } })).toBe("DELETE\n\n\nd\n/r");
  });
});

describe("Content-MD5 and the Authorization header", () => {
  test("Content-MD5 is base64 of the hex digest, as @alicloud/fc2 sends it", () => {
    expect(fcContentMd5('{"maxAsyncRetryAttempts":0}')).toBe("YzRhMjExMDZmNjRhMDkwMjkwNDk2MDhkN2M1YjFmZTI=");
  });

  test("authorization is `FC id:base64(hmac-sha256)`", () => {
    expect(formatFcAuthorization("AKIDEXAMPLE", fcSignature("x", SECRET))).toMatch(/^FC AKIDEXAMPLE:[A-Za-z0-9+/]{43}=$/);
  });

  test("signFcRequest adds Content-MD5 for a body and signs as Client.getSignature does", () => {
    const headers = { date: DATE, "content-type": "application/json", "x-fc-account-id": "1234567890" };
    const path = "/2016-08-15/services/svc/functions/fn/async-invoke-config";
    const signed = signFcRequest({ method: "PUT", path, headers, body: "{}" }, { accessKeyId: "AK", accessKeySecret: SECRET });
    const { authorization, ...unsigned } = signed;
    expect(unsigned).toEqual({ ...headers, "content-md5": fcContentMd5("{}") });
    expect(authorization).toBe(Fc2.getSignature("AK", SECRET, "PUT", path, unsigned, null));
    expect(JSON.stringify(signed)).not.toContain(SECRET);
  });
});
