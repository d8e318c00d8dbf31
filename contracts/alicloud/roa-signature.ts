// The ROA scheme (`acs {ak}:{sig}`), what `@alicloud/openapi-client` sends when configured with
// `signatureAlgorithm: "v2"` (doROARequest → @alicloud/openapi-util getStringToSign / getROASignature):
//
//   METHOD \n Accept \n Content-MD5 \n Content-Type \n Date \n CanonicalizedACSHeaders CanonicalizedResource
//   Signature = base64(HMAC-SHA1(secret, StringToSign))
//
// - CanonicalizedACSHeaders: every `x-acs-*` header, sorted, `name:value\n`, the value with tabs and
//   line breaks turned into spaces, then trimmed.
// - CanonicalizedResource: the path as sent (percent-encoded), then `?` and the sorted `key=value` pairs
//   joined by `&` with *decoded* values, when there is a query.
// The SDK sends no Content-MD5 for JSON bodies, so a ROA body is not covered by the signature.
import { createHmac } from "node:crypto";

export type RoaStringToSignInput = {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Readonly<Record<string, string | undefined>>;
};

export function canonicalAcsHeaders(headers: Readonly<Record<string, string | undefined>>): string {
  return Object.keys(headers)
    .filter((name) => name.startsWith("x-acs-") && headers[name] !== undefined)
    .sort()
    .map((name) => `${name}:${(headers[name] ?? "").replace(/[\t\n\r\f]/g, " ").trim()}\n`)
    .join("");
}

export function roaCanonicalResource(path: string, query: URLSearchParams): string {
  const pairs = [...query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => `${key}=${value}`);
  return pairs.length === 0 ? path : `${path}?${pairs.join("&")}`;
}

export function roaStringToSign(input: RoaStringToSignInput): string {
  const { headers } = input;
  const head = [
    input.method,
    headers["accept"] ?? "",
    headers["content-md5"] ?? "",
    headers["content-type"] ?? "",
    headers["date"] ?? "",
  ].join("\n");
  return `${head}\n${canonicalAcsHeaders(headers)}${roaCanonicalResource(input.path, input.query)}`;
}

export function roaSignature(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha1", accessKeySecret).update(stringToSign, "utf8").digest("base64");
}
