// String-to-sign and signature of `ACS3-HMAC-SHA256`, and the whole signing of a request as a client does it:
//
//   StringToSign = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest))
//   Signature    = hex(HMAC-SHA256(secret, StringToSign))
import { createHash, createHmac } from "node:crypto";
import { ACS3_ALGORITHM, formatAcs3Authorization } from "./authorization";
import { acs3CanonicalRequest, acs3SignedHeaderNames, canonicalUri } from "./canonical";

/** The header that carries the request time (see `formatAcs3Date`). */
export const ACS3_DATE_HEADER = "x-acs-date";
/** The header that carries the hex SHA-256 of the body. */
export const ACS3_CONTENT_SHA256_HEADER = "x-acs-content-sha256";

/** openapi-util `getTimestamp()`: UTC, second precision, `Z` — e.g. `2024-05-01T10:00:00Z`. */
export const ACS3_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** How `ACS3_DATE_PATTERN` reads in an error message. */
export const ACS3_DATE_FORMAT = "yyyy-MM-ddTHH:mm:ssZ";

/** The `x-acs-date` value for a moment, as openapi-util's `getTimestamp()` writes it. */
export function formatAcs3Date(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Hex SHA-256, the hash of both the payload and the canonical request. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The string-to-sign for a canonical request. */
export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** The signature: hex HMAC-SHA256 of the string-to-sign under the AccessKey secret. */
export function acs3Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha256", accessKeySecret).update(stringToSign, "utf8").digest("hex");
}

/** A request about to be sent, as a client signs it. */
export type Acs3Request = {
  method: string;
  /** The path as it goes on the wire, each segment percent-encoded (see `acsPercentEncode`). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased names; must already hold `host` and `x-acs-date` (and `x-acs-security-token` for STS keys). */
  headers: Readonly<Record<string, string>>;
  body: string | Uint8Array;
};

/**
 * Signs a request as @alicloud/openapi-core's `doRequest` does: adds `x-acs-content-sha256` and `authorization`
 * to a copy of its headers, signing every `x-acs-*`, `host` and `content-type` header. The secret is used and
 * dropped; only the key ID appears in the result.
 */
export function signAcs3Request(request: Acs3Request, key: { accessKeyId: string; accessKeySecret: string }): Record<string, string> {
  const hashedPayload = sha256Hex(request.body);
  const headers: Record<string, string> = { ...request.headers, [ACS3_CONTENT_SHA256_HEADER]: hashedPayload };
  const signedHeaders = acs3SignedHeaderNames(headers);
  const canonicalRequest = acs3CanonicalRequest({
    method: request.method,
    uri: canonicalUri(request.path),
    query: request.query,
    headers,
    signedHeaders,
    hashedPayload,
  });
  const signature = acs3Signature(acs3StringToSign(canonicalRequest), key.accessKeySecret);
  headers["authorization"] = formatAcs3Authorization({ accessKeyId: key.accessKeyId, signedHeaders, signature });
  return headers;
}
