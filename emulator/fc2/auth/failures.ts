// The refusals authentication can answer with: codes, statuses and wording from the one FC 2.0 error
// catalogue (`../errors.ts`). Messages may name the AccessKey ID the caller sent, never a secret, a
// token or any signature.
import { z } from "zod";
import { fcError, type FcError } from "../errors";

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

/** Every refusal is built from the catalogue; its code is one of the auth codes above. */
function fail(error: FcError): AuthFailure {
  return { ok: false, code: error.code as AuthErrorCode, status: error.status as 400 | 403, message: error.message };
}

export const refuse = {
  missingHeader: (header: string) => fail(fcError("MissingRequiredHeader", header)),
  invalid: (message: string) => fail(fcError("InvalidArgument", message)),
  unknownKey: (accessKeyId: string) => fail(fcError("InvalidAccessKeyID", accessKeyId)),
  // Expired STS credentials answer InvalidAccessKeyID: at expiry the cloud forgets the temporary key,
  // so from then on it is exactly as unknown as a key that never existed (only the message says why).
  expiredKey: (accessKeyId: string) => fail(fcError("InvalidAccessKeyID", accessKeyId, "the security token has expired")),
  signature: () => fail(fcError("SignatureNotMatch")),
  body: (header: string) =>
    fail(fcError("SignatureNotMatch", `the request body does not match its signed digest (${header}); it was altered after signing`)),
  skew: (requestTime: string, serverTime: Date) =>
    fail(
      fcError(
        "RequestTimeTooSkewed",
        `the difference between the request time '${requestTime}' and the server time '${serverTime.toUTCString()}' exceeds 15 minutes`,
      ),
    ),
  // A known, unexpired STS key whose proof of session is missing or wrong answers AccessDenied:
  // the key exists (so not InvalidAccessKeyID) but the caller has not shown it may use it.
  missingToken: (accessKeyId: string) =>
    fail(fcError("AccessDenied", `access key ID '${accessKeyId}' is temporary (STS) and needs its security token (x-fc-security-token or x-acs-security-token)`)),
  wrongToken: (accessKeyId: string) => fail(fcError("AccessDenied", `the security token does not belong to access key ID '${accessKeyId}'`)),
  tokenWithLongTermKey: (accessKeyId: string) =>
    fail(fcError("AccessDenied", `a security token was sent with the long-term access key ID '${accessKeyId}'; only STS keys take one`)),
  otherAccount: (accessKeyId: string, accountId: string) =>
    fail(fcError("AccessDenied", `access key ID '${accessKeyId}' is not allowed to access account '${accountId}'`)),
};
