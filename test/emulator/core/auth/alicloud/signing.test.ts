// The ROA string-to-sign builder (FC and ACS3 are contracts: test/contracts/fc2/, test/contracts/acs3/) against vectors produced by the SDKs' own helpers: each expected string is
// written out by hand (so the format is readable here) and also recomputed live with the SDK function,
// so a change in either the SDK or our builder shows up.
import OpenApiUtil from "@alicloud/openapi-util";
import * as $tea from "@alicloud/tea-typescript";
import { describe, expect, it } from "vitest";
import { roaSignature, roaStringToSign } from "../../../../../contracts/alicloud";

const SECRET = "vector-secret";

function teaRequest(method: string, pathname: string, query: Record<string, string>, headers: Record<string, string>): $tea.Request {
  return Object.assign(new $tea.Request(), { method, pathname, query, headers });
}
const DATE = "Wed, 01 May 2024 10:00:00 GMT";

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
