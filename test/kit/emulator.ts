// Shared helpers for tests that drive the FC emulator through the official SDKs: start an embedded
// emulator, make @alicloud/fc2 (2016-08-15) and @alicloud/fc-open20210406 (2021-04-06) clients for it,
// and catch their errors as { code, status } so a test can assert the cloud's exact code.
import { start, type Account, type Emulator, type StartOptions } from "../../emulator";

export {
  $FcOpen,
  FcOpen,
  fc2For,
  fcOpenFor,
  handlerZipBase64,
  nodeFunction,
  type Credentials,
  type Endpoint,
  type Fc2Client,
} from "../../scripts/lib/official-sdks.ts";

export interface SdkFailure {
  code: string;
  status: number;
  message: string;
}

/**
 * Awaits a call that must fail and returns the cloud's code and HTTP status as the SDK reports them:
 * fc2 puts `ErrorCode` on `err.code` and the status in its message; openapi-client keeps the body on
 * `err.data` and the status on `err.statusCode`.
 */
export async function failure(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (error) {
    const e = error as { code?: unknown; statusCode?: unknown; message?: unknown; data?: { ErrorCode?: unknown; ErrorMessage?: unknown } };
    if (e.data && typeof e.data.ErrorCode === "string") {
      return { code: e.data.ErrorCode, status: Number(e.statusCode), message: String(e.data.ErrorMessage) };
    }
    const status = /failed with (\d{3})/.exec(String(e.message))?.[1];
    const message = /message: (.*)\.$/s.exec(String(e.message))?.[1] ?? String(e.message);
    if (typeof e.code === "string" && status) return { code: e.code, status: Number(status), message };
    throw error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  return start({ port: 0, ...options });
}

export const SECOND_ACCOUNT: Account = {
  accountId: "2222222222222222",
  accessKeyId: "LTAISecondAccountKey",
  accessKeySecret: "SecondAccountSecretForTests",
};
