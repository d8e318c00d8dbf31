// Function Compute (2.0 and 3.0) refusing the access key, said with what to do about it.
import { isApiError } from "../shared/errors";

/** FC error codes that mean the credentials were refused: a wrong, rotated, revoked or expired key. */
export const CREDENTIAL_REFUSED_CODES: ReadonlySet<string> = new Set([
  "InvalidAccessKeyID",
  "InvalidAccessKeyId",
  "InvalidAccessKeyId.NotFound",
  "InvalidAccessKeyId.Inactive",
  "SignatureNotMatch",
  "SignatureDoesNotMatch",
  "InvalidSecurityToken.Expired",
  "InvalidSecurityToken.Malformed",
]);

/**
 * FC refused the credentials. Says what to do, including the trap of a rotated key: `pulumi refresh` and
 * `pulumi destroy` configure the provider from the stack config recorded in state at the last update, not from
 * the current stack config, unless they run the program (`--run-program`).
 */
export class CredentialsRefusedError extends Error {
  readonly code: string;
  constructor(cause: { code: string; message: string }) {
    super(
      `${cause.message}\n` +
        "Function Compute refused the access key. If it is wrong, rotated or revoked, set the current one " +
        "(`pulumi config set --secret alicloud:accessKey <id>`, `pulumi config set --secret alicloud:secretKey <secret>`, and " +
        "alicloud:securityToken for STS; or the ALICLOUD_* environment variables), then run `pulumi refresh --run-program` or " +
        "`pulumi destroy --run-program`: without --run-program, refresh and destroy sign with the stack config saved in state by the " +
        "last `pulumi up` (running `pulumi up` once also saves the new key there).",
      { cause },
    );
    this.name = "CredentialsRefusedError";
    this.code = cause.code;
  }
}

type ConfigCall = (...args: never[]) => Promise<unknown>;
type ConfigCalls = { getAsyncInvokeConfig: ConfigCall; putAsyncInvokeConfig: ConfigCall; deleteAsyncInvokeConfig: ConfigCall };

/** The three config calls of `api`, with a refused credential (403 and one of the codes above) turned into `CredentialsRefusedError`. */
export function explainingRefusedCredentials<Api extends ConfigCalls>(api: Api): Pick<Api, keyof ConfigCalls> {
  const explain = (error: unknown): never => {
    if (isApiError(error) && error.status === 403 && CREDENTIAL_REFUSED_CODES.has(error.code)) throw new CredentialsRefusedError(error);
    throw error;
  };
  // Looked up at each call, as a method of `api`, like calling it directly.
  const wrap = <K extends keyof ConfigCalls>(name: K): Api[K] =>
    ((...args: unknown[]) => (Reflect.apply(api[name], api, args) as Promise<unknown>).catch(explain)) as Api[K];
  return { getAsyncInvokeConfig: wrap("getAsyncInvokeConfig"), putAsyncInvokeConfig: wrap("putAsyncInvokeConfig"), deleteAsyncInvokeConfig: wrap("deleteAsyncInvokeConfig") };
}
