// The FC and ROA string-to-sign builders (ACS3 is in test/contracts/acs3/) against vectors produced by the SDKs' own helpers: each expected string is
// written out by hand (so the format is readable here) and also recomputed live with the SDK function,
// so a change in either the SDK or our builder shows up.
import OpenApiUtil from "@alicloud/openapi-util";
import * as $tea from "@alicloud/tea-typescript";
import { describe, expect, it } from "vitest";
import { fcSignature, fcStringToSign, isProxyPath } from "../../../../emulator/fc2/auth/fc-signature";
import { roaSignature, roaStringToSign } from "../../../../emulator/fc2/auth/roa-signature";
import { Fc2, fc2Helper } from "./sdk-clients";

const SECRET = "vector-secret";

function teaRequest(method: string, pathname: string, query: Record<string, string>, headers: Record<string, string>): $tea.Request {
  return Object.assign(new $tea.Request(), { method, pathname, query, headers });
}
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

describe("ROA (as @alicloud/openapi-util getStringToSign signs)", () => {
  const headers: Record<string, string> = {
    date: DATE,
    host: "127.0.0.1:9000",
    accept: "application/json",
    "x-acs-signature-nonce": "0123456789abcdef",
    "x-acs-signature-method": "HMAC-SHA1",
    "x-acs-signature-version": "1.0",
    "x-acs-version": "2021-04-06",
    "x-acs-action": "ListFunctionAsyncInvokeConfigs",
    "x-acs-security-token": " tok\twith tab ",
    "user-agent": "AlibabaCloud",
  };
  const pathname = "/2021-04-06/services/svc/functions/fn/async-invoke-configs";
  const query = { nextToken: "a b+c", limit: "5" };

  it("builds METHOD, Accept, Content-MD5, Content-Type, Date, x-acs-* headers and path?sorted decoded query", () => {
    const expected =
      "GET\napplication/json\n\n\nWed, 01 May 2024 10:00:00 GMT\n" +
      "x-acs-action:ListFunctionAsyncInvokeConfigs\nx-acs-security-token:tok with tab\nx-acs-signature-method:HMAC-SHA1\n" +
      "x-acs-signature-nonce:0123456789abcdef\nx-acs-signature-version:1.0\nx-acs-version:2021-04-06\n" +
      "/2021-04-06/services/svc/functions/fn/async-invoke-configs?limit=5&nextToken=a b+c";
    const ours = roaStringToSign({ method: "GET", path: pathname, query: new URLSearchParams(query), headers });
    expect(ours).toBe(expected);
    expect(OpenApiUtil.getStringToSign(teaRequest("GET", pathname, query, headers))).toBe(expected);
    expect(roaSignature(ours, SECRET)).toBe(OpenApiUtil.getROASignature(expected, SECRET));
  });
});
