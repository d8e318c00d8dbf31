/**
 * SDK-HMAC-SHA256, exactly as `@huaweicloud/huaweicloud-sdk-core` 3.1.211 (`auth/AKSKSigner.js`) computes it.
 * The provider signs with it; the emulator recomputes it from the wire request and compares.
 *
 *   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n PayloadHash
 *   StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
 *   Authorization    = SDK-HMAC-SHA256 Access={ak}, SignedHeaders={names}, Signature={hex(hmac-sha256(sk, StringToSign))}
 *
 * CanonicalURI encodes every path segment with the strict table (only `A-Za-z0-9-_.~` kept), so the `:` and `!` of a
 * URN are signed as `%3A` and `%21` although the SDK sends them raw; a trailing `/` is always appended. The
 * canonical headers are `name:value\n` per signed header (values not trimmed), so a blank line precedes the names.
 */
import { createHash, createHmac } from "node:crypto";

export const ALGORITHM = "SDK-HMAC-SHA256";
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/** The gateway accepts requests dated within this much of its own time. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
export const HEADER_DATE = "x-sdk-date";
export const HEADER_PROJECT = "x-project-id";
export const HEADER_TOKEN = "x-security-token";
export const HEADER_CONTENT_SHA256 = "x-sdk-content-sha256";

/** The SDK's urlEncode: keep `A-Z a-z 0-9 - _ . ~`, percent-encode every other UTF-8 byte in upper case. */
export function strictEncode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** From the path as it is (or will be) on the wire: each segment decoded, then strictly encoded; `/` appended. */
export function canonicalUri(wirePath: string): string {
  const joined = wirePath
    .split("/")
    .map((segment) => strictEncode(safeDecode(segment)))
    .join("/");
  return joined.endsWith("/") ? joined : `${joined}/`;
}

/** Decoded query pairs → `k=v&…`, keys sorted, repeated keys' values sorted. */
export function canonicalQuery(pairs: readonly (readonly [string, string])[]): string {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of pairs) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  const out: string[] = [];
  for (const key of [...byKey.keys()].sort()) {
    for (const value of (byKey.get(key) ?? []).sort()) out.push(`${strictEncode(key)}=${strictEncode(value)}`);
  }
  return out.join("&");
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

export interface CanonicalRequestInput {
  readonly method: string;
  readonly wirePath: string;
  readonly query: readonly (readonly [string, string])[];
  /** The signed headers by lower-case name, with their values. */
  readonly headers: Readonly<Record<string, string>>;
  readonly payloadHash: string;
}

/** Lower-case, sorted names: the `SignedHeaders` value. */
export function signedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  const names = signedHeaderNames(input.headers);
  const lower = Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((name) => `${name}:${lower[name] ?? ""}\n`).join("");
  return [input.method.toUpperCase(), canonicalUri(input.wirePath), canonicalQuery(input.query), canonicalHeaders, names.join(";"), input.payloadHash].join(
    "\n",
  );
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return [ALGORITHM, sdkDate, sha256Hex(canonical)].join("\n");
}

export function signature(secretKey: string, toSign: string): string {
  return createHmac("sha256", secretKey).update(toSign).digest("hex");
}

export function authorizationHeader(accessKey: string, signedHeaders: readonly string[], sig: string): string {
  return `${ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders.join(";")}, Signature=${sig}`;
}

export interface ParsedAuthorization {
  readonly accessKey: string;
  readonly signedHeaders: string[];
  readonly signature: string;
}

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const match = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match) return undefined;
  return { accessKey: match[1] as string, signedHeaders: (match[2] as string).split(";"), signature: match[3] as string };
}

/** `YYYYMMDDTHHmmssZ`, UTC. */
export function formatSdkDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

export function parseSdkDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? undefined : ms;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export interface SignInput {
  readonly method: string;
  /** Host and port as sent in `Host`. */
  readonly host: string;
  readonly wirePath: string;
  readonly query: readonly (readonly [string, string])[];
  /** Headers to sign besides `host` and `x-sdk-date` (content-type, x-project-id, x-security-token). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly now: number;
}

/** The headers to send: the given ones plus `X-Sdk-Date` and `Authorization` (Host is set by the HTTP client). */
export function sign(input: SignInput): Record<string, string> {
  const date = formatSdkDate(input.now);
  const signed: Record<string, string> = { ...lowerKeys(input.headers), host: input.host, [HEADER_DATE]: date };
  const payloadHash = input.body === undefined ? EMPTY_BODY_SHA256 : sha256Hex(input.body);
  const canonical = canonicalRequest({ method: input.method, wirePath: input.wirePath, query: input.query, headers: signed, payloadHash });
  const sig = signature(input.secretKey, stringToSign(date, canonical));
  const { host: _host, ...send } = signed;
  return { ...send, authorization: authorizationHeader(input.accessKey, signedHeaderNames(signed), sig) };
}

function lowerKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
