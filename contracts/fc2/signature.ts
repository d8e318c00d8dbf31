// The `FC` request signature, byte for byte as the official Node SDK `@alicloud/fc2` computes it
// (lib/client.js `request`, lib/helper.js `composeStringToSign`):
//
//   StringToSign  = METHOD \n Content-MD5 \n Content-Type \n Date \n CanonicalizedFCHeaders CanonicalizedResource
//   Authorization = "FC " accessKeyId ":" base64(HMAC-SHA256(accessKeySecret, StringToSign))
//
// - Content-MD5, Content-Type and Date are taken verbatim ("" when absent). The Node SDK sends base64 of the
//   *hex* MD5 (`fcContentMd5`), the Go SDK the hex itself; a verifier never re-derives them.
// - CanonicalizedFCHeaders: every `x-fc-*` header, lower-cased, sorted, `name:value\n`, values untouched — this
//   covers `x-fc-account-id`, `x-fc-security-token` (STS) and the invocation headers.
// - CanonicalizedResource: the decoded path with its version prefix (`/2016-08-15/…`, `/2021-04-06/…`), no query —
//   except HTTP-trigger paths (`/{version}/proxy/…`), where the SDK appends `\n` and the sorted `key=value` lines
//   of the *decoded* query. Elsewhere the query is not signed at all (the service's design).
import { createHash, createHmac } from "node:crypto";

/** What the string-to-sign is built from. */
export interface FcStringToSignInput {
  /** The HTTP method; signed upper-cased, as the SDK does. */
  readonly method: string;
  /** The resource path as signed: version prefix included, query excluded, decoded. */
  readonly path: string;
  /** Request headers; names in any case, `undefined` values ignored. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Only for `/proxy/` paths (see `isProxyPath`); absent means "query not signed". */
  readonly signedQuery?: URLSearchParams | undefined;
}

/** The headers lower-cased by name, `undefined` values dropped. */
function lowerCased(headers: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase().trim()] = value;
  return out;
}

/** Every `x-fc-*` header, lower-cased and sorted by name, each as `name:value\n`. */
export function canonicalFcHeaders(headers: Readonly<Record<string, string | undefined>>): string {
  const lower = lowerCased(headers);
  return Object.keys(lower)
    .filter((name) => name.startsWith("x-fc-"))
    .sort()
    .map((name) => `${name}:${lower[name] ?? ""}\n`)
    .join("");
}

/** True when the SDK signs the query: HTTP-trigger paths, `/{version}/proxy/…`. */
export function isProxyPath(path: string): boolean {
  return /^\/[^/]+\/proxy\//.test(path);
}

/** The string-to-sign of a request. */
export function fcStringToSign(input: FcStringToSignInput): string {
  const headers = lowerCased(input.headers);
  const head = [input.method.toUpperCase(), headers["content-md5"] ?? "", headers["content-type"] ?? "", headers["date"] ?? ""].join("\n");
  let text = `${head}\n${canonicalFcHeaders(headers)}${input.path}`;
  if (input.signedQuery !== undefined) {
    // The SDK sorts whole `key=value` strings (not keys), one line per value of a repeated key,
    // and appends the separator even when the query is empty.
    const lines = [...input.signedQuery].map(([key, value]) => `${key}=${value}`).sort();
    text += `\n${lines.join("\n")}`;
  }
  return text;
}

/** The signature: base64 HMAC-SHA256 of the string-to-sign under the AccessKey secret. */
export function fcSignature(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha256", accessKeySecret).update(stringToSign, "utf8").digest("base64");
}

/** The Authorization header value: `FC {accessKeyId}:{signature}`. */
export function formatFcAuthorization(accessKeyId: string, signature: string): string {
  return `FC ${accessKeyId}:${signature}`;
}

/** `Content-MD5` as `@alicloud/fc2` sends it: base64 of the hex digest. */
export function fcContentMd5(body: string | Uint8Array): string {
  const hex = createHash("md5").update(body).digest("hex");
  return Buffer.from(hex, "utf8").toString("base64");
}

/** A request about to be sent, as a client signs it. */
export interface FcRequest {
  readonly method: string;
  /** The decoded resource path, version prefix included, query excluded. */
  readonly path: string;
  /** Lower-case names; must already hold `date` and, for JSON bodies, `content-type` (and `x-fc-security-token` for STS). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | undefined;
}

/**
 * Signs a request as @alicloud/fc2 does: a copy of its headers with `content-md5` (when there is a body) and
 * `authorization`. The secret is used and dropped; only the key ID appears in the result.
 */
export function signFcRequest(request: FcRequest, key: { accessKeyId: string; accessKeySecret: string }): Record<string, string> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers["content-md5"] = fcContentMd5(request.body);
  const toSign = fcStringToSign({ method: request.method, path: request.path, headers });
  headers["authorization"] = formatFcAuthorization(key.accessKeyId, fcSignature(toSign, key.accessKeySecret));
  return headers;
}
