// Request authentication, the `auth` stage of the emulator's pipeline. It rebuilds the string-to-sign of
// whichever scheme the request used, verifies it in constant time, and then applies the rules that hold
// for every scheme: clock skew, body integrity, STS tokens, and no access across accounts.
//
// Order of checks, which decides the code when several things are wrong at once:
//   1. Authorization present and in a known form           → 400 MissingRequiredHeader / InvalidArgument
//      (V3 also: x-acs-content-sha256 present, every x-acs-* / host / content-type header signed)
//   2. the scheme's date header present and well formed     → 400 MissingRequiredHeader / InvalidArgument
//   3. the AccessKey ID known and (STS) not expired         → 403 InvalidAccessKeyID
//   4. request time within 15 minutes of the server's       → 403 RequestTimeTooSkewed
//   5. signature                                            → 403 SignatureNotMatch
//   6. body matches its signed digest                       → 403 SignatureNotMatch
//   7. STS security token                                   → 403 AccessDenied
//   8. the account named by x-fc-account-id or the host     → 403 AccessDenied
// Secrets, tokens and signatures never appear in a result; the caller may log results freely.
import {
  ACS3_DATE_FORMAT,
  ACS3_DATE_PATTERN,
  acs3CanonicalRequest,
  acs3Signature,
  acs3StringToSign,
  canonicalUri,
  sha256Hex,
} from "../../../../contracts/acs3";
import type { AccountRegistry, Credential, Principal } from "../../accounts";
import { parseAuthorization, type ParsedAuthorization } from "./authorization";
import { safeEqual } from "../compare";
import { refuse, type AuthFailure } from "./failures";
import { roaSignature, roaStringToSign } from "../../../../contracts/alicloud";
import { FC_HOST_PATTERN, fcSignature, fcStringToSign, isProxyPath } from "../../../../contracts/fc2";
import { createHash } from "node:crypto";

export type AuthRequest = {
  method: string;
  /** The path as received, still percent-encoded, without the query. */
  rawPath: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
};

export type AuthResult = { ok: true; principal: Principal } | AuthFailure;

/** The cloud's tolerance between the request's own timestamp and the server clock, either way. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

// `new Date().toUTCString()` (the Node SDKs) and Go's http.TimeFormat both produce exactly this.
const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export function authenticate(req: AuthRequest, accounts: AccountRegistry, now: Date): AuthResult {
  const header = req.headers["authorization"];
  if (header === undefined || header === "") return refuse.missingHeader("Authorization");
  const parsed = parseAuthorization(header);
  if (!parsed.ok) return refuse.invalid(parsed.reason);
  const auth = parsed.value;

  const shape = checkSchemeHeaders(auth, req);
  if (shape) return shape;

  const time = requestTime(auth, req.headers);
  if (!time.ok) return time.failure;

  const credential = accounts.lookup(auth.accessKeyId);
  if (!credential) return refuse.unknownKey(auth.accessKeyId);
  if (credential.sts && now.getTime() >= credential.sts.expiresAt.getTime()) return refuse.expiredKey(auth.accessKeyId);

  if (Math.abs(now.getTime() - time.at.getTime()) > MAX_CLOCK_SKEW_MS) return refuse.skew(time.raw, now);

  if (!signatureMatches(auth, req, credential.accessKeySecret)) return refuse.signature();

  const body = checkBody(auth, req);
  if (body) return body;

  const token = checkSecurityToken(credential, req.headers);
  if (token) return token;

  const account = checkAccount(credential, req.headers);
  if (account) return account;

  return { ok: true, principal: { accountId: credential.accountId, projectId: credential.projectId, accessKeyId: credential.accessKeyId } };
}

// V3 leaves it to the client which headers it signs. Unless the timestamp, the body digest, the host and
// every x-acs-* header are among them, a captured request could be replayed later, with another body,
// or with another security token; so such a request is refused before any key is looked up.
function checkSchemeHeaders(auth: ParsedAuthorization, req: AuthRequest): AuthFailure | undefined {
  if (auth.scheme !== "acs3") {
    const claimed = req.headers["x-acs-accesskey-id"];
    if (auth.scheme === "roa" && claimed !== undefined && claimed !== auth.accessKeyId) {
      return refuse.invalid("x-acs-accesskey-id does not match the access key ID in the Authorization header");
    }
    return undefined;
  }
  if (req.headers["x-acs-content-sha256"] === undefined) return refuse.missingHeader("x-acs-content-sha256");
  const signed = new Set(auth.signedHeaders);
  const mustSign = ["host", "x-acs-date", "x-acs-content-sha256"];
  for (const name of Object.keys(req.headers)) {
    if (req.headers[name] !== undefined && (name.startsWith("x-acs-") || name === "content-type")) mustSign.push(name);
  }
  const unsigned = mustSign.filter((name) => !signed.has(name));
  if (unsigned.length > 0) return refuse.invalid(`SignedHeaders must include ${[...new Set(unsigned)].join(", ")}`);
  const claimed = req.headers["x-acs-accesskey-id"];
  if (claimed !== undefined && claimed !== auth.accessKeyId) {
    return refuse.invalid("x-acs-accesskey-id does not match the Credential in the Authorization header");
  }
  return undefined;
}

type RequestTime = { ok: true; at: Date; raw: string } | { ok: false; failure: AuthFailure };

function requestTime(auth: ParsedAuthorization, headers: AuthRequest["headers"]): RequestTime {
  // V3 carries its timestamp in x-acs-date; the FC and ROA schemes sign the Date header.
  const [name, display, format] = auth.scheme === "acs3" ? (["x-acs-date", "x-acs-date", ACS3_DATE_PATTERN] as const) : (["date", "Date", RFC1123] as const);
  const raw = headers[name];
  if (raw === undefined || raw === "") return { ok: false, failure: refuse.missingHeader(display) };
  const at = new Date(raw);
  if (!format.test(raw) || Number.isNaN(at.getTime())) {
    const expected = auth.scheme === "acs3" ? ACS3_DATE_FORMAT : "RFC 1123, e.g. Mon, 09 Nov 2020 09:46:33 GMT";
    return { ok: false, failure: refuse.invalid(`${display} '${raw}' is not a valid time (${expected})`) };
  }
  return { ok: true, at, raw };
}

function signatureMatches(auth: ParsedAuthorization, req: AuthRequest, secret: string): boolean {
  // Each scheme is tried on the path form its spec names and on the path exactly as received, because
  // SDKs differ in what they escape before signing (fc2 signs what it builds — unescaped names, but a
  // layer ARN it pre-encodes — while url.parse escapes spaces on the way out). Both forms name the same
  // resource, so accepting either never lets a signature for one resource pass for another.
  // Every candidate is compared, in constant time, without stopping at the first match.
  let matched = false;
  switch (auth.scheme) {
    case "fc": {
      for (const path of unique([safeDecode(req.rawPath), req.rawPath])) {
        const signedQuery = isProxyPath(path) ? req.query : undefined;
        const stringToSign = fcStringToSign({ method: req.method, path, headers: req.headers, ...(signedQuery ? { signedQuery } : {}) });
        matched = safeEqual(auth.signature, fcSignature(stringToSign, secret)) || matched;
      }
      return matched;
    }
    case "roa": {
      for (const path of unique([req.rawPath, canonicalUri(req.rawPath)])) {
        const stringToSign = roaStringToSign({ method: req.method, path, query: req.query, headers: req.headers });
        matched = safeEqual(auth.signature, roaSignature(stringToSign, secret)) || matched;
      }
      return matched;
    }
    case "acs3": {
      for (const uri of unique([canonicalUri(req.rawPath), req.rawPath])) {
        const canonicalRequest = acs3CanonicalRequest({
          method: req.method,
          uri,
          query: req.query,
          headers: req.headers,
          signedHeaders: auth.signedHeaders,
          hashedPayload: req.headers["x-acs-content-sha256"] ?? "",
        });
        matched = safeEqual(auth.signature, acs3Signature(acs3StringToSign(canonicalRequest), secret)) || matched;
      }
      return matched;
    }
  }
}

// The signature covers the body only through a digest header; a body changed in flight still carries a
// valid signature, so the digest is checked against the bytes that actually arrived.
function checkBody(auth: ParsedAuthorization, req: AuthRequest): AuthFailure | undefined {
  if (auth.scheme === "acs3") {
    const declared = (req.headers["x-acs-content-sha256"] ?? "").toLowerCase();
    return declared === sha256Hex(req.body) ? undefined : refuse.body("x-acs-content-sha256");
  }
  const contentMd5 = req.headers["content-md5"];
  if (contentMd5 === undefined) return undefined; // unsigned body: the SDKs send none for streams and ROA JSON
  const digest = createHash("md5").update(req.body).digest();
  const hex = digest.toString("hex");
  // Node fc2 sends base64 of the hex text, the Go SDK the hex itself, RFC 1864 base64 of the raw digest.
  const accepted = [Buffer.from(hex, "utf8").toString("base64"), hex, digest.toString("base64")];
  return accepted.includes(contentMd5) ? undefined : refuse.body("Content-MD5");
}

function checkSecurityToken(credential: Credential, headers: AuthRequest["headers"]): AuthFailure | undefined {
  // fc2 sends x-fc-security-token, openapi-client x-acs-security-token; either will do, and every one sent must match.
  const tokens = [headers["x-fc-security-token"], headers["x-acs-security-token"]].filter((t): t is string => t !== undefined);
  if (!credential.sts) return tokens.length > 0 ? refuse.tokenWithLongTermKey(credential.accessKeyId) : undefined;
  if (tokens.length === 0) return refuse.missingToken(credential.accessKeyId);
  const expected = credential.sts.securityToken;
  const allMatch = tokens.map((token) => safeEqual(token, expected)).every(Boolean);
  return allMatch ? undefined : refuse.wrongToken(credential.accessKeyId);
}

function checkAccount(credential: Credential, headers: AuthRequest["headers"]): AuthFailure | undefined {
  const named = headers["x-fc-account-id"];
  if (named !== undefined && named !== credential.accountId) return refuse.otherAccount(credential.accessKeyId, named);
  const hostAccount = FC_HOST_PATTERN.exec(headers["host"] ?? "")?.[1];
  if (hostAccount !== undefined && hostAccount !== credential.accountId) return refuse.otherAccount(credential.accessKeyId, hostAccount);
  return undefined;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
