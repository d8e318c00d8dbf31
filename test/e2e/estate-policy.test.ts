// The estate policy pack (policy-pack/) through the real CLI: `pulumi preview --policy-pack` fails on a program
// breaking a mandatory rule, naming the rule and the resource, passes one breaking only an advisory rule with the
// advisory shown, and takes thresholds and levels from `--policy-pack-config`.
//
// Needs a Node.js language host with RunPlugin (the engine runs a policy pack through it). To try a host built
// elsewhere before installing it: PULUMI_LANGUAGE_NODEJS_DIR=<its folder> (written into the program's plugins).
import { appendFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { start, type Emulator } from "../../emulator";
import { emulatorStack, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { fc2For, nodeFunction } from "../../scripts/lib/official-sdks.ts";
import { E2E_TEST_TIMEOUT_MS, repoRoot } from "../../scripts/lib/pulumi.ts";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const PACK = path.join(repoRoot, "policy-pack");
const FAILED = "acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages";
let emu: Emulator;
let stack: EmulatorStack;

async function preview(configs: Record<string, unknown>, extra: string[] = []) {
  await stack.setConfig("configs", JSON.stringify(configs));
  const result = await stack.attempt(["preview", "--policy-pack", PACK, ...extra]);
  const output = `${result.stdout}\n${result.stderr}`;
  if (output.includes("method RunPlugin not implemented")) {
    throw new Error("the Node.js language host on PATH has no RunPlugin, which policy packs need: rebuild .tools/bin/pulumi-language-nodejs from tools/pulumi");
  }
  return { code: result.code, output };
}

beforeAll(async () => {
  emu = await start({ port: 0 });
  const sdk = fc2For(emu);
  await sdk.createService("shop");
  await sdk.createFunction("shop", nodeFunction("orders"));
  stack = await emulatorStack({ program: path.join(repoRoot, "test", "e2e", "fixtures", "estate-policy"), label: "estate-policy", emulator: emu });
  const host = process.env["PULUMI_LANGUAGE_NODEJS_DIR"];
  if (host) appendFileSync(path.join(stack.cwd, "Pulumi.yaml"), `plugins:\n  languages:\n    - name: nodejs\n      path: ${host}\n`);
});
afterAll(async () => {
  await emu?.close();
});

describe("the estate policy pack", () => {
  it("fails the preview on a mandatory rule, naming the rule and the resource", async () => {
    const { code, output } = await preview({ orders: { api: "fc2", args: { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 3600 } } });
    expect(code).not.toBe(0);
    expect(output).toContain("[mandatory]  failure-destination-required  (pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig: orders)");
    expect(output).toContain("failure-destination-required: failed events are dropped: set destinationConfig.onFailure (fc2, value: no onFailure)");
    expect(output).not.toContain("event-age-at-most");
  });

  it("passes a program breaking only an advisory rule, with the advisory shown", async () => {
    const { code, output } = await preview({
      orders: { api: "fc2", args: { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 86400, destinationConfig: { onFailure: { destination: FAILED } } } },
    });
    expect(code).toBe(0);
    expect(output).toContain("[advisory]  event-age-at-most  (pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig: orders)");
    expect(output).toContain("event-age-at-most: maxAsyncEventAgeInSeconds must be at most 43200 (fc2, value: 86400)");
    expect(output).not.toContain("[mandatory]");
  });

  it("takes a threshold and a level from --policy-pack-config", async () => {
    const file = path.join(stack.cwd, "policy-config.json");
    writeFileSync(file, JSON.stringify({ "event-age-at-most": { enforcementLevel: "mandatory", maxSeconds: 1800 } }));
    const { code, output } = await preview(
      { orders: { api: "fc2", args: { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 3600, destinationConfig: { onFailure: { destination: FAILED } } } } },
      ["--policy-pack-config", file],
    );
    expect(code).not.toBe(0);
    expect(output).toContain("[mandatory]  event-age-at-most  (pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig: orders)");
    expect(output).toContain("event-age-at-most: maxAsyncEventAgeInSeconds must be at most 1800 (fc2, value: 3600)");
  });
});
