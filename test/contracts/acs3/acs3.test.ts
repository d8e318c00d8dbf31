// ACS3-HMAC-SHA256 against the SDKs' own helpers: @alicloud/openapi-core (what the FC 3.0 SDK signs with) and
// @alicloud/openapi-util (what the FC 2.0 2021-04-06 SDK signs with). Each expected string is written out by
// hand, so the format is readable here, and also recomputed live with the SDK function, so a change in either
// the SDK or the contract shows up.
import { OpenApiUtil as CoreUtil } from "@alicloud/openapi-core";
import OpenApiUtil from "@alicloud/openapi-util";
import * as $tea from "@alicloud/tea-typescript";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACS3_DATE_PATTERN,
  acs3CanonicalRequest,
  acs3SignedHeaderNames,
  acs3Signature,
  acs3StringToSign,
  acsPercentEncode,
  canonicalQuery,
  canonicalUri,
  formatAcs3Authorization,
  formatAcs3Date,
  parseAcs3AuthorizationFields,
  sha256Hex,
  signAcs3Request,
} from "../../../contracts/acs3";

const SECRET = "vector-secret";

function teaRequest(method: string, pathname: string, query: Record<string, string>, headers: Record<string, string>): $tea.Request {
  return Object.assign(new $tea.Request(), { method, pathname, query, headers });
}

describe("the canonical request and string to sign", () => {
  const body = '{"maxAsyncRetryAttempts":1}';
  const payload = sha256Hex(body);
  const headers: Record<string, string> = {
    host: "127.0.0.1:9000",
    "x-acs-version": "2021-04-06",
    "x-acs-action": "PutFunctionAsyncInvokeConfig",
    "user-agent": "AlibabaCloud (linux; x64) Node.js/v24 Core/1.0.1 TeaDSL/1",
    "x-acs-date": "2024-05-01T10:00:00Z",
    "x-acs-signature-nonce": "0123456789abcdef",
    accept: "application/json",
    "content-type": "application/json; charset=utf-8",
    "x-acs-content-sha256": payload,
  };
  const pathname = `/2021-04-06/services/${acsPercentEncode("svc (1)")}/functions/fn/async-invoke-config`;
  const query = { qualifier: "LATEST", nextToken: "a b+c*'~" };
  const signedHeaders = ["content-type", "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"];

  it("builds the canonical request and string to sign as openapi-util getAuthorization does", () => {
    const canonical = acs3CanonicalRequest({
      method: "PUT",
      uri: canonicalUri(pathname),
      query: new URLSearchParams(query),
      headers,
      signedHeaders,
      hashedPayload: payload,
    });
    expect(canonical).toBe(
      [
        "PUT",
        "/2021-04-06/services/svc%20%281%29/functions/fn/async-invoke-config",
        "nextToken=a%20b%2Bc%2A%27~&qualifier=LATEST",
        "content-type:application/json; charset=utf-8\nhost:127.0.0.1:9000\nx-acs-action:PutFunctionAsyncInvokeConfig\n" +
          `x-acs-content-sha256:${payload}\nx-acs-date:2024-05-01T10:00:00Z\nx-acs-signature-nonce:0123456789abcdef\nx-acs-version:2021-04-06\n`,
        signedHeaders.join(";"),
        payload,
      ].join("\n"),
    );
    expect(acs3StringToSign(canonical)).toBe(`ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`);

    const signature = acs3Signature(acs3StringToSign(canonical), SECRET);
    const expected = `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=${signedHeaders.join(";")},Signature=${signature}`;
    expect(OpenApiUtil.getAuthorization(teaRequest("PUT", pathname, query, headers), "ACS3-HMAC-SHA256", payload, "AK", SECRET)).toBe(expected);
    expect(CoreUtil.getAuthorization(teaRequest("PUT", pathname, query, headers), "ACS3-HMAC-SHA256", payload, "AK", SECRET)).toBe(expected);
  });

  it("signs a whole request exactly as openapi-core does, naming the headers the SDK signs", () => {
    const unsigned = { ...headers };
    delete unsigned["x-acs-content-sha256"];
    const sent = signAcs3Request({ method: "PUT", path: pathname, query: new URLSearchParams(query), headers: unsigned, body }, { accessKeyId: "AK", accessKeySecret: SECRET });
    expect(sent["x-acs-content-sha256"]).toBe(payload);
    expect(sent["user-agent"]).toBe(headers["user-agent"]);
    expect(sent["authorization"]).toBe(
      CoreUtil.getAuthorization(teaRequest("PUT", pathname, query, { ...unsigned, "x-acs-content-sha256": payload }), "ACS3-HMAC-SHA256", payload, "AK", SECRET),
    );
    expect(sent["authorization"]).toContain(`SignedHeaders=${signedHeaders.join(";")},`);
    expect(JSON.stringify(sent)).not.toContain(SECRET);
  });

  it("signs the empty body as the hash of nothing", () => {
    const sent = signAcs3Request(
      { method: "GET", path: "/2023-03-30/functions/fn/async-invoke-config", query: new URLSearchParams(), headers: { host: "h", "x-acs-date": "2024-05-01T10:00:00Z" }, body: "" },
      { accessKeyId: "AK", accessKeySecret: SECRET },
    );
    expect(sent["x-acs-content-sha256"]).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const expected = CoreUtil.getAuthorization(
      teaRequest("GET", "/2023-03-30/functions/fn/async-invoke-config", {}, { host: "h", "x-acs-date": "2024-05-01T10:00:00Z", "x-acs-content-sha256": sent["x-acs-content-sha256"] ?? "" }),
      "ACS3-HMAC-SHA256",
      sent["x-acs-content-sha256"] ?? "",
      "AK",
      SECRET,
    );
    expect(sent["authorization"]).toBe(expected);
  });

  it("canonicalises paths and queries however the client escaped them", () => {
    expect(canonicalUri("/a/svc (1)/b")).toBe("/a/svc%20%281%29/b");
    expect(canonicalUri("/a/svc%20(1)/~x")).toBe("/a/svc%20%281%29/~x");
    expect(canonicalUri("/bad/%E0%A4%A")).toBe("/bad/%E0%A4%A");
    expect(canonicalQuery(new URLSearchParams("b=2&a=&a=1&c=%2A"))).toBe("a=&a=1&b=2&c=%2A");
  });

  it("signs x-acs-*, host and content-type only, lower-cased and sorted", () => {
    expect(acs3SignedHeaderNames({ "X-Acs-B": "1", host: "h", accept: "a", "content-type": "t", "x-acs-a": "2", "user-agent": "u" })).toEqual([
      "content-type",
      "host",
      "x-acs-a",
      "x-acs-b",
    ]);
  });

  it("a path encoded segment by segment is already canonical", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" }), { minLength: 1, maxLength: 4 }), (segments) => {
        const path = `/${segments.map(acsPercentEncode).join("/")}`;
        expect(canonicalUri(path)).toBe(path);
        expect(path).toBe(`/${segments.map((segment) => OpenApiUtil.getEncodeParam(segment)).join("/")}`);
      }),
    );
  });
});

describe("the Authorization header and the date", () => {
  it("reads back what it writes", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9.]{1,40}$/), fc.array(name, { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[0-9a-f]{64}$/), (accessKeyId, signedHeaders, signature) => {
        const auth = { accessKeyId, signedHeaders, signature };
        const header = formatAcs3Authorization(auth);
        expect(header.startsWith("ACS3-HMAC-SHA256 ")).toBe(true);
        expect(parseAcs3AuthorizationFields(header.slice("ACS3-HMAC-SHA256 ".length))).toEqual({ ok: true, value: auth });
      }),
    );
  });

  it("refuses incomplete or malformed fields with the reason", () => {
    expect(parseAcs3AuthorizationFields("Credential=AK,SignedHeaders=host")).toEqual({
      ok: false,
      reason: "the ACS3-HMAC-SHA256 Authorization header needs Credential, SignedHeaders and Signature",
    });
    expect(parseAcs3AuthorizationFields("Credential")).toEqual({ ok: false, reason: "the ACS3-HMAC-SHA256 Authorization header is malformed" });
    expect(parseAcs3AuthorizationFields("Signature=ab, SignedHeaders=Host;X-Acs-Date, Credential=AK")).toEqual({
      ok: true,
      value: { accessKeyId: "AK", signedHeaders: ["host", "x-acs-date"], signature: "ab" },
    });
  });

  it("writes x-acs-date as openapi-core's getTimestamp does: UTC seconds and Z", () => {
    expect(formatAcs3Date(new Date("2024-05-01T10:00:00.987Z"))).toBe("2024-05-01T10:00:00Z");
    expect(CoreUtil.getTimestamp()).toMatch(ACS3_DATE_PATTERN);
    expect(ACS3_DATE_PATTERN.test("2024-05-01T10:00:00.000Z")).toBe(false);
  });
});
