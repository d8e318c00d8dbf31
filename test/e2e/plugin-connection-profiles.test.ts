// The dynamic resources' named connection profiles through the real CLI: one stack, two configs of the same
// function, one on the stack's own account and one with `connection: "second"` on a second emulator account
// (its keys in the secret `pulumi-async-invoke:connections`). Each lands in its account; the state names the
// profile and holds neither account's key; destroy removes both.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { emulatorStack, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { liveAsyncConfig } from "../../scripts/lib/official-sdks.ts";
import { E2E_TEST_TIMEOUT_MS } from "../../scripts/lib/pulumi.ts";
import { failure, fc2For, nodeFunction, SECOND_ACCOUNT, startEmulator } from "../kit/emulator";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const program = path.join(__dirname, "fixtures", "async-configs");
const FIRST = { accountId: "1234567890123456", accessKeyId: "LTAIFirstProfileKey", accessKeySecret: "FirstProfileSecretForTests" };

let emulator: Emulator;
let stack: EmulatorStack;
const sdk = (account: typeof FIRST) => fc2For(emulator, account, account.accountId);

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [FIRST, SECOND_ACCOUNT] });
  for (const account of [FIRST, SECOND_ACCOUNT]) {
    await sdk(account).createService("shop");
    await sdk(account).createFunction("shop", nodeFunction("orders"));
  }
  stack = await emulatorStack({ program, label: "connection-profiles", emulator });
  const second = {
    "alicloud:accountId": SECOND_ACCOUNT.accountId,
    "alicloud:accessKey": SECOND_ACCOUNT.accessKeyId,
    "alicloud:secretKey": SECOND_ACCOUNT.accessKeySecret,
  };
  await stack.setConfig("pulumi-async-invoke:connections", JSON.stringify({ second }), { secret: true });
  await stack.setConfig(
    "configs",
    JSON.stringify({
      home: { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 1 },
      away: { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 2, connection: "second" },
    }),
  );
});

afterAll(async () => {
  await emulator?.close();
});

describe("connection profiles chosen per dynamic resource", () => {
  it("writes each config to the account of its connection", async () => {
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect((await liveAsyncConfig(sdk(FIRST), "shop", "orders")).maxAsyncRetryAttempts).toBe(1);
    expect((await liveAsyncConfig(sdk(SECOND_ACCOUNT), "shop", "orders")).maxAsyncRetryAttempts).toBe(2);
  });

  it("keeps the profile's name in state and no key of either account", () => {
    const text = stack.backendText();
    expect(text.includes('"connection":"second"')).toBe(true);
    for (const secret of [FIRST.accessKeySecret, SECOND_ACCOUNT.accessKeySecret, SECOND_ACCOUNT.accessKeyId]) expect(text.includes(secret)).toBe(false);
  });

  it("refuses an unknown profile before any call, naming the known ones", async () => {
    await stack.setConfig("configs", JSON.stringify({ away: { serviceName: "shop", functionName: "orders", connection: "third" } }));
    const result = await stack.attempt(["preview"]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('connection "third" is not a profile in pulumi-async-invoke:connections; the profiles are second');
  });

  it("destroys both", async () => {
    await stack.run(["destroy", "--yes", "--skip-preview"]);
    for (const account of [FIRST, SECOND_ACCOUNT]) expect((await failure(sdk(account).getFunctionAsyncConfig("shop", "orders"))).code).toBe("AsyncConfigNotExists");
  });
});
