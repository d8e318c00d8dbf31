// The refusals authentication can answer with, in the cloud's codes and (where the FC error table
// gives one) its message wording. Messages may name the AccessKey ID the caller sent, never a secret,
// a token or any signature.
import { z } from "zod";

export const AuthErrorCodeSchema = z.enum([
  "MissingRequiredHeader",
  "InvalidArgument",
  "InvalidAccessKeyID",
  "SignatureNotMatch",
  // FC's published error table has no code for clock skew. Other Alibaba Cloud services that enforce
  // the same 15-minute rule (OSS, KMS) answer RequestTimeTooSkewed, and a distinct code lets a client tell
  // "fix your clock" from "fix your key"; so the emulator answers 403 RequestTimeTooSkewed.
  "RequestTimeTooSkewed",
  "AccessDenied",
]);
export type AuthErrorCode = z.infer<typeof AuthErrorCodeSchema>;

export type AuthFailure = { ok: false; code: AuthErrorCode; status: 400 | 403; message: string };

const STATUS: Record<AuthErrorCode, 400 | 403> = {
  MissingRequiredHeader: 400,
  InvalidArgument: 400,
  InvalidAccessKeyID: 403,
  SignatureNotMatch: 403,
  RequestTimeTooSkewed: 403,
  AccessDenied: 403,
};

function fail(code: AuthErrorCode, message: string): AuthFailure {
  return { ok: false, code, status: STATUS[code], message };
}

export const refuse = {
  missingHeader: (header: string) => fail("MissingRequiredHeader", `required HTTP header ${header} was not specified`),
  invalid: (message: string) => fail("InvalidArgument", message),
  unknownKey: (accessKeyId: string) => fail("InvalidAccessKeyID", `invalid access key ID '${accessKeyId}'`),
  // Expired STS credentials answer InvalidAccessKeyID: at expiry the cloud forgets the temporary key,
  // so from then on it is exactly as unknown as a key that never existed (only the message says why).
  expiredKey: (accessKeyId: string) =>
    fail("InvalidAccessKeyID", `invalid access key ID '${accessKeyId}': the security token has expired`),
  signature: () =>
    fail(
      "SignatureNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your access key and signing method",
    ),
  body: (header: string) =>
    fail("SignatureNotMatch", `the request body does not match its signed digest (${header}); it was altered after signing`),
  skew: (requestTime: string, serverTime: Date) =>
    fail(
      "RequestTimeTooSkewed",
      `the difference between the request time '${requestTime}' and the server time '${serverTime.toUTCString()}' exceeds 15 minutes`,
    ),
  // A known, unexpired STS key whose proof of session is missing or wrong answers AccessDenied:
  // the key exists (so not InvalidAccessKeyID) but the caller has not shown it may use it.
  missingToken: (accessKeyId: string) =>
    fail("AccessDenied", `access key ID '${accessKeyId}' is temporary (STS) and needs its security token (x-fc-security-token or x-acs-security-token)`),
  wrongToken: (accessKeyId: string) => fail("AccessDenied", `the security token does not belong to access key ID '${accessKeyId}'`),
  tokenWithLongTermKey: (accessKeyId: string) =>
    fail("AccessDenied", `a security token was sent with the long-term access key ID '${accessKeyId}'; only STS keys take one`),
  otherAccount: (accessKeyId: string, accountId: string) =>
    fail("AccessDenied", `access key ID '${accessKeyId}' is not allowed to access account '${accountId}'`),
};
