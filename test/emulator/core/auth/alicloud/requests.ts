// Hand-built requests for the cases the SDKs will not produce (missing headers, tampering, skew), signed
// with the SDKs' own helper functions so that these tests do not merely check our code against itself.
import OpenApiUtil from "@alicloud/openapi-util";
import * as $tea from "@alicloud/tea-typescript";
import { createHash } from "node:crypto";
import querystring from "node:querystring";
import { Fc2 } from "./sdk-clients";

export type Key = { accessKeyId: string; accessKeySecret: string };
export type RawRequest = { method: string; path: string; headers: Record<string, string>; body?: string };

function md5Base64OfHex(body: string): string {
  // What @alicloud/fc2 sends as Content-MD5: base64 of the hex digest.
  return Buffer.from(createHash("md5").update(body).digest("hex"), "utf8").toString("base64");
}

/** What every builder below takes; the path defaults to GetFunctionAsyncInvokeConfig under the builder's API version. */
type RequestOptions = {
  key: Key;
  date: Date;
  method?: string;
  path?: string;
  query?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
};

/** The request as sent once its headers are signed: the query goes back onto the path. */
function signed(method: string, path: string, query: Record<string, string>, headers: Record<string, string>, body: string | undefined): RawRequest {
  const withQuery = Object.keys(query).length === 0 ? path : `${path}?${querystring.stringify(query)}`;
  return { method, path: withQuery, headers, ...(body === undefined ? {} : { body }) };
}

/** As @alicloud/fc2 builds and signs a request (Client.getSignature). */
export function fcRequest(options: RequestOptions): RawRequest {
  const method = options.method ?? "GET";
  const path = options.path ?? "/2016-08-15/services/svc/functions/fn/async-invoke-config";
  const query = options.query ?? {};
  const headers: Record<string, string> = { accept: "application/json", date: options.date.toUTCString(), host: "127.0.0.1", ...options.headers };
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-md5"] ??= md5Base64OfHex(options.body);
  }
  const queriesToSign = /^\/[^/]+\/proxy\//.test(path) ? query : null;
  headers["authorization"] = Fc2.getSignature(options.key.accessKeyId, options.key.accessKeySecret, method, path, headers, queriesToSign);
  return signed(method, path, query, headers, options.body);
}

function teaRequest(method: string, pathname: string, query: Record<string, string>, headers: Record<string, string>): $tea.Request {
  return Object.assign(new $tea.Request(), { method, pathname, query, headers });
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** As @alicloud/openapi-client's doRequest builds and signs a request (ACS3-HMAC-SHA256). */
export function acs3Request(options: RequestOptions & { host: string }): RawRequest {
  const method = options.method ?? "GET";
  const path = options.path ?? "/2021-04-06/services/svc/functions/fn/async-invoke-config";
  const query = options.query ?? {};
  const payload = createHash("sha256").update(options.body ?? "").digest("hex");
  const headers: Record<string, string> = {
    host: options.host,
    "x-acs-version": "2021-04-06",
    "x-acs-action": "GetFunctionAsyncInvokeConfig",
    "x-acs-date": isoSeconds(options.date),
    "x-acs-signature-nonce": "4f6c0e1a2b3c4d5e",
    accept: "application/json",
    ...(options.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
    "x-acs-content-sha256": payload,
    ...options.headers,
  };
  headers["authorization"] = OpenApiUtil.getAuthorization(
    teaRequest(method, path, query, headers),
    "ACS3-HMAC-SHA256",
    payload,
    options.key.accessKeyId,
    options.key.accessKeySecret,
  );
  return signed(method, path, query, headers, options.body);
}

/** As @alicloud/openapi-client's doROARequest builds and signs a request (`signatureAlgorithm: "v2"`). */
export function roaRequest(options: RequestOptions & { host: string }): RawRequest {
  const method = options.method ?? "GET";
  const path = options.path ?? "/2021-04-06/services/svc/functions/fn/async-invoke-config";
  const query = options.query ?? {};
  const headers: Record<string, string> = {
    date: options.date.toUTCString(),
    host: options.host,
    accept: "application/json",
    "x-acs-signature-nonce": "4f6c0e1a2b3c4d5e",
    "x-acs-signature-method": "HMAC-SHA1",
    "x-acs-signature-version": "1.0",
    "x-acs-version": "2021-04-06",
    "x-acs-action": "GetFunctionAsyncInvokeConfig",
    ...(options.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
    ...options.headers,
  };
  const stringToSign = OpenApiUtil.getStringToSign(teaRequest(method, path, query, headers));
  headers["authorization"] = `acs ${options.key.accessKeyId}:${OpenApiUtil.getROASignature(stringToSign, options.key.accessKeySecret)}`;
  return signed(method, path, query, headers, options.body);
}
