/**
 * ACS3-HMAC-SHA256, as `@alicloud/fc20230330` signs through `@alicloud/openapi-core` (doRequest → getAuthorization):
 *
 *   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
 *   StringToSign     = "ACS3-HMAC-SHA256\n" + hex(sha256(CanonicalRequest))
 *   Authorization: ACS3-HMAC-SHA256 Credential={ak},SignedHeaders={a;b},Signature={hex hmac-sha256(secret, StringToSign)}
 *
 * Signed headers: `host`, `content-type` and every `x-acs-*` (lower-case, sorted, values trimmed). CanonicalURI:
 * each path segment percent-encoded (`encodeURIComponent` plus `!'()*`); the same encoding goes on the wire, so the
 * server sees exactly what was signed. CanonicalQuery: keys sorted, values encoded alike. HashedPayload: hex SHA-256
 * of the exact body bytes (of `""` when there is none), also sent as `x-acs-content-sha256`.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";

export const ALGORITHM = "ACS3-HMAC-SHA256";

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS: sent as `x-acs-security-token` (and `x-acs-accesskey-id`), both signed. */
  readonly securityToken?: string | undefined;
}

export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** `/2023-03-30/functions/my fn/...` → each segment encoded. */
export function canonicalPath(segments: readonly string[]): string {
  return `/${segments.map(percentEncode).join("/")}`;
}

export function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(query[key] as string)}`)
    .join("&");
}

export interface SignInput {
  readonly method: string;
  /** Path segments, unencoded, version prefix first. */
  readonly segments: readonly string[];
  readonly query: Readonly<Record<string, string>>;
  /** Host as sent (`127.0.0.1:9000`, `123.cn-hangzhou.fc.aliyuncs.com`). */
  readonly host: string;
  /** `x-acs-action`, e.g. `PutAsyncInvokeConfig`. */
  readonly action: string;
  readonly version: string;
  readonly body?: Buffer | undefined;
  readonly contentType?: string | undefined;
  /** Further headers to send; `x-acs-*` among them are signed too. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly credentials: SigningCredentials;
  readonly date: Date;
  /** For tests; random hex by default. */
  readonly nonce?: string;
}

/** The complete header set of a signed request, `authorization` included. */
export function signRequest(input: SignInput): Record<string, string> {
  const body = input.body ?? Buffer.alloc(0);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    host: input.host,
    "x-acs-version": input.version,
    "x-acs-action": input.action,
    "x-acs-date": input.date.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": input.nonce ?? randomBytes(16).toString("hex"),
    "x-acs-content-sha256": sha256Hex(body),
  };
  if (input.body !== undefined) headers["content-type"] = input.contentType ?? "application/json; charset=utf-8";
  if (input.credentials.securityToken) {
    headers["x-acs-accesskey-id"] = input.credentials.accessKeyId;
    headers["x-acs-security-token"] = input.credentials.securityToken;
  }
  const signed = Object.keys(headers)
    .filter((name) => name === "host" || name === "content-type" || name.startsWith("x-acs-"))
    .sort();
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalPath(input.segments),
    canonicalQuery(input.query),
    signed.map((name) => `${name}:${(headers[name] as string).trim()}\n`).join(""),
    signed.join(";"),
    headers["x-acs-content-sha256"],
  ].join("\n");
  const stringToSign = `${ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac("sha256", input.credentials.accessKeySecret).update(stringToSign, "utf8").digest("hex");
  headers["authorization"] = `${ALGORITHM} Credential=${input.credentials.accessKeyId},SignedHeaders=${signed.join(";")},Signature=${signature}`;
  return headers;
}
