// Shared helpers for tests that drive the FC emulator through the official SDKs: start an embedded
// emulator, make @alicloud/fc2 (2016-08-15) and @alicloud/fc-open20210406 (2021-04-06) clients for it,
// and catch their errors as { code, status } so a test can assert the cloud's exact code.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { start, type Account, type Emulator, type StartOptions } from "../../emulator";
import { fc2For, fcOpenFor, type Fc2Client, type FcOpen } from "../../scripts/lib/official-sdks.ts";

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

/** The emulator's request counts since the last reset, by operation, leaving out operations never called. */
export async function requestsMade(emulator: Emulator): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await emulator.control.requestCounts()).filter(([, n]) => n > 0));
}

/** The requests `action` makes (counts reset first), by operation. */
export async function requestsDuring(emulator: Emulator, action: () => Promise<unknown>): Promise<Record<string, number>> {
  await emulator.control.resetRequestCounts();
  await action();
  return requestsMade(emulator);
}

export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  return start({ port: 0, ...options });
}

export const SECOND_ACCOUNT: Account = {
  accountId: "2222222222222222",
  accessKeyId: "LTAISecondAccountKey",
  accessKeySecret: "SecondAccountSecretForTests",
};

export interface EmulatorFixture {
  /** The running emulator; read it inside hooks and tests (it starts in `beforeAll`). */
  readonly fc: Emulator;
  /** @alicloud/fc2 (2016-08-15) client for it. */
  readonly fc2: Fc2Client;
  /** @alicloud/fc-open20210406 client for it. */
  readonly open: FcOpen;
}

/**
 * The start/close/reset block every emulator test file needs: starts an embedded emulator in `beforeAll`,
 * closes it in `afterAll`, and with `resetEach` (the default) resets its state in `beforeEach`, before any
 * `beforeEach` the file registers afterwards. Use: `const t = useEmulator({ clock })`, then `t.fc`, `t.fc2`.
 */
export function useEmulator(options: StartOptions = {}, { resetEach = true }: { resetEach?: boolean } = {}): EmulatorFixture {
  let started: { fc: Emulator; fc2: Fc2Client; open: FcOpen } | undefined;
  const get = () => {
    if (!started) throw new Error("useEmulator(): the emulator starts in beforeAll; read it inside a hook or a test");
    return started;
  };
  beforeAll(async () => {
    const fc = await startEmulator(options);
    started = { fc, fc2: fc2For(fc), open: fcOpenFor(fc) };
  });
  afterAll(async () => {
    await started?.fc.close();
    started = undefined;
  });
  if (resetEach) beforeEach(() => get().fc.control.reset());
  return {
    get fc() {
      return get().fc;
    },
    get fc2() {
      return get().fc2;
    },
    get open() {
      return get().open;
    },
  };
}
