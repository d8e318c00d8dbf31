// A rotated access key, through the real Pulumi CLI: the old key is revoked in the emulator (restarted on the same
// port and data with only the new key), the user sets the new key in stack config, and then
// - `pulumi refresh` without --run-program still signs with the key saved in state by the last `up`: it fails with
//   InvalidAccessKeyID and an error that says what to do;
// - `pulumi refresh --run-program` and `pulumi destroy --run-program` use the new key and succeed;
// and, on a second stack, `pulumi up` with the new key first makes a plain `pulumi destroy` work too.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { start, type Account, type Emulator } from "../../emulator";
import { emulatorStack, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { E2E_TEST_TIMEOUT_MS } from "../../scripts/lib/pulumi.ts";
import { fc2For, nodeFunction } from "../support/emulator";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const program = path.join(__dirname, "fixtures", "async-configs");
const ACCOUNT = "1234567890123456";
const OLD_KEY: Account = { accountId: ACCOUNT, accessKeyId: "LTAIOldKeyBeforeRotation", accessKeySecret: "OldSecretBeforeRotation0001" };
const NEW_KEY: Account = { accountId: ACCOUNT, accessKeyId: "LTAINewKeyAfterRotation", accessKeySecret: "NewSecretAfterRotation0002" };

let dataDir: string;
let emulator: Emulator;
let port: number;

async function restartWith(account: Account): Promise<void> {
  await emulator.close();
  emulator = await start({ port, dataDir, accounts: [account], log: () => {} });
}

async function useKey(stack: EmulatorStack, account: Account): Promise<void> {
  await stack.setConfig("alicloud:accessKey", account.accessKeyId, { secret: true });
  await stack.setConfig("alicloud:secretKey", account.accessKeySecret, { secret: true });
}

const configs = { orders: { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 1 } };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "key-rotation-"));
  emulator = await start({ port: 0, dataDir, accounts: [OLD_KEY], log: () => {} });
  port = Number(new URL(emulator.url).port);
  const sdk = fc2For(emulator);
  await sdk.createService("shop");
  await sdk.createFunction("shop", nodeFunction("orders"));
  await sdk.createFunction("shop", nodeFunction("billing"));
});

afterAll(async () => {
  await emulator?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a rotated key", () => {
  let stack: EmulatorStack;
  let second: EmulatorStack;

  it("deploys with the old key (two stacks: one for --run-program, one for up-first)", async () => {
    stack = await emulatorStack({ program, label: "key-rotation", emulator });
    await stack.setConfig("configs", JSON.stringify(configs));
    await stack.run(["up", "--yes", "--skip-preview"]);
    second = await emulatorStack({ program, label: "key-rotation-up-first", emulator });
    await second.setConfig("configs", JSON.stringify({ billing: { serviceName: "shop", functionName: "billing", maxAsyncRetryAttempts: 2 } }));
    await second.run(["up", "--yes", "--skip-preview"]);
  });

  it("refresh without --run-program signs with the key saved in state and says what to do", async () => {
    await restartWith(NEW_KEY);
    await useKey(stack, NEW_KEY);
    const refused = await stack.attempt(["refresh", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    const output = refused.stdout + refused.stderr;
    expect(output).toContain("InvalidAccessKeyID");
    expect(output).toContain("Function Compute refused the access key.");
    expect(output).toContain("then run `pulumi refresh --run-program` or `pulumi destroy --run-program`");
    // A failed command leaves no lock behind.
    expect(output).not.toContain("locked");
  });

  it("refresh --run-program and destroy --run-program use the new key", async () => {
    await stack.run(["refresh", "--yes", "--skip-preview", "--run-program"]);
    await stack.run(["destroy", "--yes", "--skip-preview", "--run-program"]);
    const { data } = await fc2For(emulator).listFunctionAsyncConfigs("shop", "orders", {});
    expect(data["configs"] ?? []).toEqual([]);
  });

  it("or: up with the new key first, then a plain destroy works", async () => {
    await useKey(second, NEW_KEY);
    await second.run(["up", "--yes", "--skip-preview"]);
    await second.run(["destroy", "--yes", "--skip-preview"]);
    const { data } = await fc2For(emulator).listFunctionAsyncConfigs("shop", "billing", {});
    expect(data["configs"] ?? []).toEqual([]);
    expect(second.backendText()).not.toContain(NEW_KEY.accessKeySecret);
    expect(second.backendText()).not.toContain(OLD_KEY.accessKeySecret);
  });
});
