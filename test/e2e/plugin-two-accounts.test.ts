// One Pulumi YAML program, two explicit asyncinvoke providers pointed at two accounts of the emulator: each
// writes its config to its own account (checked with the official SDK per account), the keys travel as secrets
// and none reaches the backend, and destroy removes both.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { liveAsyncConfig } from "../../scripts/lib/official-sdks.ts";
import { E2E_TEST_TIMEOUT_MS, repoRoot } from "../../scripts/lib/pulumi.ts";
import { failure, fc2For, nodeFunction, SECOND_ACCOUNT, startEmulator } from "../kit/emulator";
import { apiCalls, pluginStack, writes, type PluginStack } from "./plugin-kit";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const program = path.join(repoRoot, "examples", "plugin-yaml", "two-accounts");
const hasYamlHost = existsSync(path.join(repoRoot, ".tools", "bin", "pulumi-language-yaml"));
const FIRST_ACCOUNT = { accountId: "1234567890123456", accessKeyId: "LTAIHangzhouAccountKey", accessKeySecret: "HangzhouAccountSecretForTests" };

let emulator: Emulator;
let stack: PluginStack;
const sdk = (account: typeof FIRST_ACCOUNT) => fc2For(emulator, account, account.accountId);

beforeAll(async () => {
  if (!hasYamlHost) return;
  emulator = await startEmulator({ accounts: [FIRST_ACCOUNT, SECOND_ACCOUNT] });
  for (const account of [FIRST_ACCOUNT, SECOND_ACCOUNT]) {
    await sdk(account).createService("shop");
    await sdk(account).createFunction("shop", nodeFunction("orders"));
  }
  stack = await pluginStack(program, "plugin-two-accounts");
  await stack.setConfig("fcEndpoint", emulator.url);
  for (const [prefix, account] of [["hz", FIRST_ACCOUNT], ["sh", SECOND_ACCOUNT]] as const) {
    await stack.setConfig(`${prefix}AccountId`, account.accountId);
    await stack.setConfig(`${prefix}AccessKey`, account.accessKeyId, { secret: true });
    await stack.setConfig(`${prefix}SecretKey`, account.accessKeySecret, { secret: true });
  }
});

afterAll(async () => {
  await emulator?.close();
});

describe.skipIf(!hasYamlHost)("two explicit providers in one program", () => {
  it("writes each config to its provider's account", async () => {
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect((await liveAsyncConfig(sdk(FIRST_ACCOUNT), "shop", "orders")).maxAsyncRetryAttempts).toBe(1);
    expect((await liveAsyncConfig(sdk(SECOND_ACCOUNT), "shop", "orders")).maxAsyncRetryAttempts).toBe(2);
    const outputs = JSON.parse(await stack.run(["stack", "output", "--json"])) as Record<string, string>;
    expect(outputs).toEqual({ hangzhouId: "shop:orders:LATEST", shanghaiId: "shop:orders:LATEST" });
  });

  it("keeps both accounts' secrets out of the backend", () => {
    const text = stack.backendText();
    expect(text.includes("pulumi:providers:asyncinvoke")).toBe(true);
    for (const secret of [FIRST_ACCOUNT.accessKeySecret, SECOND_ACCOUNT.accessKeySecret, FIRST_ACCOUNT.accessKeyId, SECOND_ACCOUNT.accessKeyId]) {
      expect(text.includes(secret)).toBe(false);
    }
  });

  it("destroys both", async () => {
    const calls = await apiCalls(emulator, () => stack.run(["destroy", "--yes", "--skip-preview"]));
    expect(writes(calls)).toEqual({ DeleteFunctionAsyncInvokeConfig: 2 });
    for (const account of [FIRST_ACCOUNT, SECOND_ACCOUNT]) expect((await failure(sdk(account).getFunctionAsyncConfig("shop", "orders"))).code).toBe("AsyncConfigNotExists");
  });
});
