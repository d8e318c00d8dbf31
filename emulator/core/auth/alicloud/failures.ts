// The refusals Alibaba Cloud request authentication answers with, the same for FC 2.0 and FC 3.0 (their
// shared backend): codes and statuses are the FC contract's (`contracts/fc2/errors.ts`, matched by
// `contracts/fc3/errors.ts`), the wording is here, once. Each API folder turns a failure into an error of
// its own catalogue. Messages may name the AccessKey ID the caller sent, never a secret, a token or any
// signature.
import { z } from "zod";
import { FC_ERROR_STATUS } from "../../../../contracts/fc2";

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

function fail(code: AuthErrorCode, message: string): AuthFailure {
  return { ok: false, code, status: FC_ERROR_STATUS[code] as 400 | 403, message };
}

/** The cloud's wording for a wrong signature. */
export const SIGNATURE_NOT_MATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your access key and signing method";

const invalidKey = (accessKeyId: string, why?: string) => `invalid access key ID '${accessKeyId}'${why === undefined ? "" : `: ${why}`}`;

export const refuse = {
  missingHeader: (header: string) => fail("MissingRequiredHeader", `required HTTP header ${header} was not specified`),
  invalid: (message: string) => fail("InvalidArgument", message),
  unknownKey: (accessKeyId: string) => fail("InvalidAccessKeyID", invalidKey(accessKeyId)),
  // Expired STS credentials answer InvalidAccessKeyID: at expiry the cloud forgets the temporary key,
  // so from then on it is exactly as unknown as a key that never existed (only the message says why).
  expiredKey: (accessKeyId: string) => fail("InvalidAccessKeyID", invalidKey(accessKeyId, "the security token has expired")),
  signature: () => fail("SignatureNotMatch", SIGNATURE_NOT_MATCH_MESSAGE),
  body: (header: string) => fail("SignatureNotMatch", `the request body does not match its signed digest (${header}); it was altered after signing`),
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
