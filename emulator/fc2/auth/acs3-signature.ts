// Alibaba Cloud signature V3 (`ACS3-HMAC-SHA256`), what `@alicloud/openapi-client` sends by default
// (doRequest → @alicloud/openapi-util getAuthorization):
//
//   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
//   StringToSign     = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest))
//   Authorization: ACS3-HMAC-SHA256 Credential={ak},SignedHeaders={a;b},Signature=hex(HMAC-SHA256(secret, StringToSign))
//
// - CanonicalURI: the path with each segment percent-encoded as RFC 3986 wants (the SDK builds it with
//   `encodeURIComponent` plus `!'()*`), which is also exactly what the SDK puts on the wire.
// - CanonicalQuery: keys sorted, `key=encode(value)` joined by `&`; the SDK leaves keys unencoded.
// - CanonicalHeaders: the headers named in SignedHeaders, `name:trimmed value\n`.
// - HashedPayload: the `x-acs-content-sha256` header, hex SHA-256 of the body.
import { createHash, createHmac } from "node:crypto";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/** openapi-util's `encode`: encodeURIComponent, plus the sub-delimiters it leaves alone. */
export function acsPercentEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/!/g, "%21")
    .replace(/'/g, "%27")
    .replace(/\(/g, "%28")
    .replace(/\)/g, "%29")
    .replace(/\*/g, "%2A");
}

/**
 * Re-encodes a received path segment by segment, so a client that escaped more or fewer characters
 * than the Node SDK still gets the canonical form. Undecodable input is kept as it came.
 */
export function canonicalUri(rawPath: string): string {
  return rawPath
    .split("/")
    .map((segment) => {
      try {
        return acsPercentEncode(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join("/");
}

export function canonicalQuery(query: URLSearchParams): string {
  // A repeated key (which the SDK never sends) is ordered by value so the result does not depend on wire order.
  return [...query]
    .sort(([ka, va], [kb, vb]) => (ka === kb ? compareCodeUnits(va, vb) : compareCodeUnits(ka, kb)))
    .map(([key, value]) => `${key}=${acsPercentEncode(value)}`)
    .join("&");
}

// Array.prototype.sort's default order (UTF-16 code units), which is what the SDK's `.sort()` uses.
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type Acs3CanonicalRequestInput = {
  method: string;
  /** Already canonical (see `canonicalUri`). */
  uri: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Lower-cased, in the order the client listed them. */
  signedHeaders: readonly string[];
  hashedPayload: string;
};

export function acs3CanonicalRequest(input: Acs3CanonicalRequestInput): string {
  const canonicalHeaders = input.signedHeaders.map((name) => `${name}:${(input.headers[name] ?? "").trim()}\n`).join("");
  return [
    input.method,
    input.uri,
    canonicalQuery(input.query),
    canonicalHeaders,
    input.signedHeaders.join(";"),
    input.hashedPayload,
  ].join("\n");
}

export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function acs3Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha256", accessKeySecret).update(stringToSign, "utf8").digest("hex");
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
