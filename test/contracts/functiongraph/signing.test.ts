import { describe, expect, it } from "vitest";
import { signing } from "../../../contracts/functiongraph";
// The SDK's own signer, run on the same request: our canonical request must give the same Authorization.
import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";

const AK = "EMULATORAKFUNCTIONGRAPH";
const SK = "EmulatorSecretKeyNotForProduction";
const PROJECT = "0123456789abcdef0123456789abcdef";
const credential = { getAk: () => AK, getSk: () => SK };

function sdkAuthorization(method: string, path: string, query: Record<string, string>, headers: Record<string, string>, data?: unknown): string {
  const signed = AKSKSigner.sign(
    { method, endpoint: `http://127.0.0.1:9000${path}`, queryParams: query, headers: { ...headers }, data } as never,
    credential as never,
  ) as Record<string, string>;
  return signed["Authorization"] as string;
}

describe("SDK-HMAC-SHA256 (contracts/functiongraph/signing)", () => {
  const date = "20261201T150000Z";
  const cases = [
    { name: "GET on a latest URN", method: "GET", path: `/v2/${PROJECT}/fgs/functions/urn:fss:cn-north-4:${PROJECT}:function:default:fn:latest/async-invoke-config`, query: {}, body: undefined },
    { name: "alias URN with ! and :", method: "PUT", path: `/v2/${PROJECT}/fgs/functions/urn:fss:cn-north-4:${PROJECT}:function:default:fn:!prod/async-invoke-config`, query: {}, body: { max_async_retry_attempts: 0 } },
    { name: "query with marker/limit", method: "GET", path: `/v2/${PROJECT}/fgs/functions/urn:fss:cn-north-4:${PROJECT}:function:default:fn/async-invoke-configs`, query: { marker: "0", limit: "2" }, body: undefined },
    { name: "query time with ':'", method: "GET", path: `/v2/${PROJECT}/fgs/functions/fn/async-invocations`, query: { query_begin_time: "2026-12-01T14:00:00", status: "FAIL" }, body: undefined },
  ] as const;
  for (const c of cases) {
    it(`matches the SDK: ${c.name}`, () => {
      const headers = { "Content-Type": "application/json", "X-Project-Id": PROJECT, "X-Sdk-Date": date };
      const expected = sdkAuthorization(c.method, c.path, c.query, headers, c.body);
      const body = c.body === undefined ? undefined : JSON.stringify(c.body);
      const payloadHash = body === undefined ? signing.EMPTY_BODY_SHA256 : signing.sha256Hex(body);
      const signedHeaders = { "content-type": "application/json", host: "127.0.0.1:9000", "x-project-id": PROJECT, "x-sdk-date": date };
      const canonical = signing.canonicalRequest({ method: c.method, wirePath: c.path, query: Object.entries(c.query), headers: signedHeaders, payloadHash });
      const ours = signing.authorizationHeader(AK, signing.signedHeaderNames(signedHeaders), signing.signature(SK, signing.stringToSign(date, canonical)));
      expect(ours).toBe(expected);
    });
  }

  it("signs ':' and '!' as %3A and %21 and appends '/'", () => {
    expect(signing.canonicalUri("/v2/p/fgs/functions/a:b:!c/x")).toBe("/v2/p/fgs/functions/a%3Ab%3A%21c/x/");
    expect(signing.canonicalUri("/v2/p/fgs/functions/a%3Ab%3A%21c/x")).toBe("/v2/p/fgs/functions/a%3Ab%3A%21c/x/");
  });

  it("sign() produces headers the SDK would", () => {
    const now = Date.UTC(2026, 11, 1, 15, 0, 0);
    const path = `/v2/${PROJECT}/fgs/functions/urn:fss:cn-north-4:${PROJECT}:function:default:fn:!prod/async-invoke-config`;
    const out = signing.sign({ method: "DELETE", host: "127.0.0.1:9000", wirePath: path, query: [], headers: { "Content-Type": "application/json", "X-Project-Id": PROJECT }, body: undefined, accessKey: AK, secretKey: SK, now });
    expect(out["x-sdk-date"]).toBe(date);
    expect(out["authorization"]).toBe(sdkAuthorization("DELETE", path, {}, { "Content-Type": "application/json", "X-Project-Id": PROJECT, "X-Sdk-Date": date }));
  });

  it("parses what it formats", () => {
    expect(signing.parseSdkDate(signing.formatSdkDate(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(signing.parseSdkDate("2026-01-02T03:04:05Z")).toBeUndefined();
    const header = signing.authorizationHeader("AK", ["host", "x-sdk-date"], "a".repeat(64));
    expect(signing.parseAuthorization(header)).toEqual({ accessKey: "AK", signedHeaders: ["host", "x-sdk-date"], signature: "a".repeat(64) });
    expect(signing.parseAuthorization("SDK-HMAC-SHA256 Access=AK, Signature=x")).toBeUndefined();
  });
});
