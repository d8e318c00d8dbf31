/**
 * The `FC` request signature, byte for byte as the official Node SDK `@alicloud/fc2` computes it
 * (lib/client.js `request`, lib/helper.js `composeStringToSign`):
 *
 *   StringToSign  = METHOD \n Content-MD5 \n Content-Type \n Date \n CanonicalizedFCHeaders CanonicalizedResource
 *   Authorization = "FC " accessKeyId ":" base64(HMAC-SHA256(accessKeySecret, StringToSign))
 *
 * - Content-MD5 is base64 of the *hex* MD5 digest (the SDK's quirk; the server takes the header verbatim).
 * - CanonicalizedFCHeaders: every `x-fc-*` header, lower-cased and sorted, as `name:value\n` — this covers
 *   `x-fc-account-id`, `x-fc-security-token` (STS) and the invocation headers.
 * - CanonicalizedResource: the decoded path with its version prefix and without the query; HTTP-trigger paths
 *   (`/proxy/`) would add their query, but this package never calls them.
 */
import { createHash, createHmac } from "node:crypto";
import type { SigningCredentials } from "../shared/alicloud-credentials";

/** `Content-MD5` as `@alicloud/fc2` sends it: base64 of the hex digest. */
export function contentMd5(body: Buffer): string {
  const hex = createHash("md5").update(body).digest("hex");
  return Buffer.from(hex, "utf8").toString("base64");
}

/** Every `x-fc-*` header, lower-cased and sorted by name, each as `name:value\n`. */
export function canonicalFcHeaders(headers: Readonly<Record<string, string>>): string {
  const fc = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase().trim(), value] as const)
    .filter(([name]) => name.startsWith("x-fc-"))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return fc.map(([name, value]) => `${name}:${value}\n`).join("");
}

export interface StringToSignInput {
  readonly method: string;
  /** The decoded resource path, version prefix included, query excluded: `/2016-08-15/services/s.LATEST/...`. */
  readonly resource: string;
  /** Request headers; names in any case. `content-md5`, `content-type` and `date` are read from here. */
  readonly headers: Readonly<Record<string, string>>;
}

export function stringToSign(input: StringToSignInput): string {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) lower[name.toLowerCase()] = value;
  return [
    input.method.toUpperCase(),
    lower["content-md5"] ?? "",
    lower["content-type"] ?? "",
    lower["date"] ?? "",
    `${canonicalFcHeaders(lower)}${input.resource}`,
  ].join("\n");
}

/** The `Authorization` header value for a string to sign. */
export function authorization(credentials: SigningCredentials, toSign: string): string {
  const signature = createHmac("sha256", credentials.accessKeySecret).update(toSign, "utf8").digest("base64");
  return `FC ${credentials.accessKeyId}:${signature}`;
}

export interface SignRequestInput {
  readonly method: string;
  readonly resource: string;
  /** Headers to send besides the signing ones, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer | undefined;
  /** Content type of `body`; default `application/json`. */
  readonly contentType?: string | undefined;
  readonly accountId: string;
  readonly credentials: SigningCredentials;
  /** The request time; the service refuses more than 15 minutes of skew. */
  readonly date: Date;
}

/** The complete header set of a signed request: `date`, `x-fc-account-id`, STS token, body headers, `authorization`. */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const headers: Record<string, string> = {
    ...input.headers,
    date: input.date.toUTCString(),
    "x-fc-account-id": input.accountId,
  };
  if (input.credentials.securityToken) headers["x-fc-security-token"] = input.credentials.securityToken;
  if (input.body !== undefined) {
    headers["content-type"] = input.contentType ?? "application/json";
    headers["content-md5"] = contentMd5(input.body);
  }
  headers["authorization"] = authorization(input.credentials, stringToSign({ method: input.method, resource: input.resource, headers }));
  return headers;
}
