// The plaintext-credential refusal through the real Pulumi CLI, for each API of the registry from ONE table: a
// program with one config resource of that API and the API's secret key set without `--secret` stops `pulumi up`
// with the exact message (the key, why, the command that fixes it) and registers nothing, so the secret is in no
// checkpoint, backup or state file of the stack's backend. The one record the engine still writes is the update's
// history entry, which holds the stack config as the run started (before the program could refuse it): the test
// names that file, clears it as the README says, and then finds the secret in no file at all. Then the same key set
// with `--secret` deploys and destroys. Each API's steps have their own stack.
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { APIS } from "../../provider/apis";
import { emulatorStack, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { E2E_TEST_TIMEOUT_MS } from "../../scripts/lib/pulumi.ts";
import { functionGraphSdk } from "../../scripts/lib/huawei-sdk.ts";
import { fc2For, nodeFunction, startEmulator } from "../kit/emulator";
import { fc3For, fc3NodeFunction } from "../kit/fc3";
import { configureFunctionGraph, fgNodeFunction } from "../kit/functiongraph";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

interface Row {
  /** The e2e fixture that declares `configs` of this API's resource. */
  readonly fixture: string;
  /** The stack config key of the API's secret, and its value as the emulator accepts it. */
  readonly secretKey: string;
  readonly configs: Record<string, Record<string, unknown>>;
  /** Extra stack config the API needs beyond the Alibaba keys `emulatorStack` sets (as secrets). */
  readonly configure?: (stack: EmulatorStack, emulator: Emulator) => Promise<void>;
}

const ROWS: Record<string, Row> = {
  fc2: { fixture: "async-configs", secretKey: "alicloud:secretKey", configs: { orders: { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 1 } } },
  fc3: { fixture: "fc3-configs", secretKey: "alicloud:secretKey", configs: { orders: { functionName: "orders", maxAsyncRetryAttempts: 1 } } },
  functiongraph: {
    fixture: "functiongraph-configs",
    secretKey: "huaweicloud:secret_key",
    configs: { orders: { functionName: "orders", maxAsyncRetryAttempts: 1 } },
    configure: (stack, emulator) => configureFunctionGraph(stack, emulator),
  },
};

/** The backend's files (relative paths) whose text holds `secret`. */
function filesHolding(dir: string, secret: string, under = ""): string[] {
  return readdirSync(path.join(dir, under)).flatMap((name) => {
    const relative = path.posix.join(under, name);
    if (statSync(path.join(dir, relative)).isDirectory()) return filesHolding(dir, secret, relative);
    return readFileSync(path.join(dir, relative), "utf8").includes(secret) ? [relative] : [];
  });
}

const TABLE = APIS.map((entry) => {
  const row = ROWS[entry.api];
  if (row === undefined) throw new Error(`no plaintext-credentials row for the registered API ${entry.api}`);
  return { title: entry.title, row };
});

let emulator: Emulator;
const stacks: EmulatorStack[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  await fc2For(emulator).createService("shop");
  await fc2For(emulator).createFunction("shop", nodeFunction("orders"));
  await fc3For(emulator).createFunction(fc3NodeFunction("orders"));
  await functionGraphSdk(emulator).createFunction(fgNodeFunction("orders"));
});

afterAll(async () => {
  await emulator?.close();
  for (const stack of stacks) rmSync(stack.cwd, { recursive: true, force: true });
});

describe.each(TABLE)("$title: a secret key set in plain text", ({ title, row }) => {
  let stack: EmulatorStack | undefined;
  it("stops pulumi up with the fix command; the secret is in no state file, only in the update's history entry, which can be cleared", async () => {
    stack = await emulatorStack({ program: path.join(__dirname, "fixtures", row.fixture), label: `plaintext-${title.replace(/\W+/g, "-").toLowerCase()}`, emulator });
    stacks.push(stack);
    await row.configure?.(stack, emulator);
    await stack.setConfig("configs", JSON.stringify(row.configs));
    await stack.setConfig(row.secretKey, emulator.credentials.accessKeySecret);
    const refused = await stack.attempt(["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain(
      `${row.secretKey} is set in the stack config as plain text, so the Pulumi engine would store it unencrypted in the stack's state ` +
        "(it records the whole stack config as the provider's inputs). Set it again as a secret and run the command again:\n" +
        `      pulumi config set --secret ${row.secretKey} <value>`,
    );
    const project = path.basename(row.fixture);
    const holding = filesHolding(stack.backendDir, emulator.credentials.accessKeySecret);
    expect(holding).toHaveLength(1);
    expect(holding[0]).toMatch(new RegExp(`^\\.pulumi/history/${project}/dev/dev-[0-9]+\\.history\\.json$`));
    // Clearing it (README, "Credentials"): the file backend's history entry of the refused run is removed.
    rmSync(path.join(stack.backendDir, holding[0] as string));
    expect(filesHolding(stack.backendDir, emulator.credentials.accessKeySecret)).toEqual([]);
    // Nothing was registered: the stack has no resources besides (at most) the stack itself.
    const exported = JSON.parse(await stack.run(["stack", "export"])) as { deployment: { resources?: { type: string }[] } };
    expect((exported.deployment.resources ?? []).map((r) => r.type).filter((type) => type !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("set again with --secret, the same program deploys and destroys, and no file of the backend holds the secret", async () => {
    if (stack === undefined) throw new Error("the first step did not make the stack");
    await stack.setConfig(row.secretKey, emulator.credentials.accessKeySecret, { secret: true });
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(stack.backendText()).not.toContain(emulator.credentials.accessKeySecret);
    await stack.run(["destroy", "--yes", "--skip-preview"]);
  });
});
