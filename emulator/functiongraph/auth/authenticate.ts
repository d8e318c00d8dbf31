/**
 * SDK-HMAC-SHA256 verification, recomputed from the wire request with the contract's canonical request (so it
 * matches the official SDK exactly, `!` and `:` in URNs included). Every failure is 401 `APIG.0301`; the message
 * says which check failed and never quotes a signature, a key or a header value.
 */
import { timingSafeEqual } from "node:crypto";
import { signing } from "../../../contracts/functiongraph";
import { FgError } from "../errors";

/** An emulator identity: keys and the project they open. */
export interface FgIdentity {
  readonly accountId: string;
  readonly projectId: string;
  readonly accessKey: string;
  readonly secretKey: string;
  /** Set for STS credentials: the token that must come with them. */
  readonly securityToken?: string | undefined;
}

export interface WireRequest {
  readonly method: string;
  readonly rawPath: string;
  readonly query: URLSearchParams;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

const fail = (why: string) => new FgError("APIG.0301", `Incorrect IAM authentication information: ${why}`);

/** The ApiModule's `authenticate`: keys from the emulator's account registry, the path's project checked against theirs. */
export function authenticateRequest(request: WireRequest, accounts: KeyLookup, nowMs: number): { accountId: string; projectId: string; accessKeyId: string } {
  const identity = authenticate(
    request,
    (accessKey) => {
      const c = accounts.lookup(accessKey);
      if (c === undefined || (c.sts !== undefined && c.sts.expiresAt.getTime() <= nowMs)) return undefined;
      return { accountId: c.accountId, projectId: c.projectId, accessKey, secretKey: c.accessKeySecret, securityToken: c.sts?.securityToken };
    },
    nowMs,
  );
  const pathProject = safeDecode(request.rawPath.split("/")[2] ?? "");
  if (pathProject !== identity.projectId) throw new FgError("FSS.0403", "Forbidden: the project id in the path is not the project of the access key");
  const headerProject = request.headers[signing.HEADER_PROJECT];
  if (headerProject !== undefined && headerProject !== identity.projectId) throw new FgError("FSS.0403", "Forbidden: X-Project-Id is not the project of the access key");
  return { accountId: identity.accountId, projectId: identity.projectId, accessKeyId: identity.accessKey };
}

export interface KeyLookup {
  lookup(accessKeyId: string): { accountId: string; projectId: string; accessKeySecret: string; sts?: { securityToken: string; expiresAt: Date } | undefined } | undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function authenticate(request: WireRequest, lookup: (accessKey: string) => FgIdentity | undefined, nowMs: number): FgIdentity {
  const auth = signing.parseAuthorization(request.headers["authorization"]);
  if (auth === undefined) throw fail("the Authorization header is missing or is not SDK-HMAC-SHA256");
  const identity = lookup(auth.accessKey);
  if (identity === undefined) throw fail("ak does not exist");
  const dateText = request.headers[signing.HEADER_DATE];
  const date = dateText === undefined ? undefined : signing.parseSdkDate(dateText);
  if (date === undefined) throw fail("X-Sdk-Date is missing or not YYYYMMDDTHHmmssZ");
  if (Math.abs(nowMs - date) > signing.MAX_CLOCK_SKEW_MS) throw fail("the request time differs from the server time by more than 15 minutes");
  for (const required of ["host", signing.HEADER_DATE]) {
    if (!auth.signedHeaders.includes(required)) throw fail(`SignedHeaders must include ${required}`);
  }
  if (identity.securityToken !== undefined) {
    if (!auth.signedHeaders.includes(signing.HEADER_TOKEN) || request.headers[signing.HEADER_TOKEN] !== identity.securityToken) {
      throw fail("the security token is missing, not signed, or does not belong to this ak");
    }
  }
  const signed: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) throw fail(`signed header ${name} is not in the request`);
    signed[name] = value;
  }
  const payloadHash = request.headers[signing.HEADER_CONTENT_SHA256] ?? (request.body.length === 0 ? signing.EMPTY_BODY_SHA256 : signing.sha256Hex(request.body));
  const canonical = signing.canonicalRequest({ method: request.method, wirePath: request.rawPath, query: [...request.query], headers: signed, payloadHash });
  const expected = Buffer.from(signing.signature(identity.secretKey, signing.stringToSign(dateText as string, canonical)), "hex");
  const given = Buffer.from(auth.signature, "hex");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw fail("verify aksk signature fail");
  return identity;
}
