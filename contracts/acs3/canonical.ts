// The canonical request of Alibaba Cloud signature V3 (`ACS3-HMAC-SHA256`), exactly as
// @alicloud/openapi-core (and the older @alicloud/openapi-util) `getAuthorization` builds it:
//
//   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
//
// - CanonicalURI: the path with each segment percent-encoded as RFC 3986 wants (`encodeURIComponent` plus
//   `!'()*`), which is also exactly what the SDKs put on the wire for the names they send.
// - CanonicalQuery: keys sorted by UTF-16 code unit, `key=encode(value)` joined by `&`; keys stay unencoded.
// - CanonicalHeaders: the headers named in SignedHeaders, `name:trimmed value\n`.
// - SignedHeaders: the SDKs sign every `x-acs-*` header, `host` and `content-type`, sorted.
// - HashedPayload: the `x-acs-content-sha256` header, hex SHA-256 of the body.

/** openapi-util's `encode`: `encodeURIComponent`, plus the sub-delimiters `!'()*` it leaves alone. */
export function acsPercentEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/!/g, "%21")
    .replace(/'/g, "%27")
    .replace(/\(/g, "%28")
    .replace(/\)/g, "%29")
    .replace(/\*/g, "%2A");
}

/**
 * The canonical form of a path: re-encodes it segment by segment, so a client that escaped more or fewer
 * characters than the Node SDK still gets the canonical form. An undecodable segment is kept as it came.
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

/** The canonical query: sorted keys, unencoded; values percent-encoded; `&`-joined. */
export function canonicalQuery(query: URLSearchParams): string {
  // A repeated key (which the SDKs never send) is ordered by value so the result does not depend on wire order.
  return [...query]
    .sort(([ka, va], [kb, vb]) => (ka === kb ? compareCodeUnits(va, vb) : compareCodeUnits(ka, kb)))
    .map(([key, value]) => `${key}=${acsPercentEncode(value)}`)
    .join("&");
}

// Array.prototype.sort's default order (UTF-16 code units), which is what the SDKs' `.sort()` uses.
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True for the header names the SDKs sign: every `x-acs-*`, `host` and `content-type` (lower-cased). */
export function isAcs3SignedHeader(lowerCaseName: string): boolean {
  return lowerCaseName.startsWith("x-acs-") || lowerCaseName === "host" || lowerCaseName === "content-type";
}

/** The names a signer puts in SignedHeaders for these headers: the signable ones, lower-cased and sorted. */
export function acs3SignedHeaderNames(headers: Readonly<Record<string, string | undefined>>): string[] {
  const names = Object.keys(headers)
    .filter((name) => headers[name] !== undefined)
    .map((name) => name.toLowerCase())
    .filter(isAcs3SignedHeader);
  return [...new Set(names)].sort(compareCodeUnits);
}

/** What the canonical request is built from. */
export type Acs3CanonicalRequestInput = {
  method: string;
  /** Already canonical (see `canonicalUri`). */
  uri: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Lower-cased, in the order the client listed them. */
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the body, as sent in `x-acs-content-sha256`. */
  hashedPayload: string;
};

/** The canonical request, the text whose hash is signed. */
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
