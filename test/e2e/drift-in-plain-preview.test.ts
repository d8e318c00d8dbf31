// Drift in a plain `pulumi preview`: the root demo program (its own Pulumi.yaml, which sets `options: refresh:
// always`) through the real CLI against the emulator. A change made with Alibaba's official SDK shows in
// `pulumi preview` with no flag, at the cost of one Get per config; `--refresh=false` turns it off for one run;
// a plain `pulumi up` puts the program's values back.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { emulatorStack, planSteps, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { liveAsyncConfig } from "../../scripts/lib/official-sdks.ts";
import { repoRoot } from "../../scripts/lib/pulumi.ts";
import { fc2For, nodeFunction, startEmulator, type Fc2Client } from "../support/emulator";

/** Each step runs the CLI once or twice; a loaded 2-core box needs minutes, not the default 30 s. */
const CLI_TIMEOUT = 600_000;

let emulator: Emulator;
let sdk: Fc2Client;
let stack: EmulatorStack;

/** What `pulumi preview --json` counts per operation (the stack itself is one of the `same`). */
const changeSummary = (previewJson: string) => (JSON.parse(previewJson) as { changeSummary: Record<string, number> }).changeSummary;

/** FC API calls made by `action`, per operation. */
async function apiCalls(action: () => Promise<unknown>): Promise<Record<string, number>> {
  await emulator.control.resetRequestCounts();
  await action();
  return emulator.control.requestCounts();
}

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc2For(emulator);
  await sdk.createService("shop");
  for (const fn of ["orders", "receipts", "audit"]) await sdk.createFunction("shop", nodeFunction(fn));
  await sdk.publishVersion("shop");
  await sdk.createAlias("shop", "prod", "1");
  stack = await emulatorStack({ program: repoRoot, label: "drift-in-plain-preview", emulator, stack: "drift", inPlace: true });
}, 120_000);

afterAll(async () => {
  // Leave no stack behind, whatever step failed.
  if (stack) await stack.attempt(["destroy", "--yes", "--skip-preview", "--refresh=false"]);
  await emulator?.close();
});

describe("the demo's Pulumi.yaml refreshes before every preview", () => {
  it("sets the project option the CLI reads (options.refresh: always)", () => {
    const project = readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8");
    expect(project).toMatch(/^options:\n {2}refresh: always$/m);
    const template = readFileSync(path.join(repoRoot, "examples", "stack-template", "Pulumi.yaml"), "utf8");
    expect(template).toMatch(/^options:\n {2}refresh: always$/m);
  });

  it("shows drift made with the official SDK in a plain `pulumi preview`, one Get per config", async () => {
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await liveAsyncConfig(sdk, "shop", "orders")).toMatchObject({ maxAsyncRetryAttempts: 0, statefulInvocation: true });

    await sdk.putFunctionAsyncConfig("shop", "orders", undefined, { maxAsyncRetryAttempts: 5, destinationConfig: { onSuccess: null, onFailure: null } });

    let preview = "";
    const calls = await apiCalls(async () => (preview = await stack.run(["preview", "--json"])));
    expect(planSteps(preview)).toEqual([
      { op: "refresh", name: "orders" },
      { op: "update", name: "orders", diffs: ["destinationConfig", "maxAsyncRetryAttempts"] },
      { op: "refresh", name: "receipts" },
    ]);
    expect(changeSummary(preview)).toEqual({ update: 1, same: 2 });
    expect(calls).toEqual({ GetFunctionAsyncInvokeConfig: 2 });
  }, CLI_TIMEOUT);

  it("shows the same drift field by field in the human-readable `pulumi preview --diff`", async () => {
    const text = await stack.run(["preview", "--diff"]);
    expect(text).toMatch(/~ maxAsyncRetryAttempts\s*: 5 => 0/);
  }, CLI_TIMEOUT);

  it("skips the refresh with --refresh=false: no API call, and the drift goes unseen", async () => {
    let preview = "";
    const calls = await apiCalls(async () => (preview = await stack.run(["preview", "--json", "--refresh=false"])));
    expect(planSteps(preview)).toEqual([]);
    expect(changeSummary(preview)).toEqual({ same: 3 });
    expect(calls).toEqual({});
  }, CLI_TIMEOUT);

  it("puts the program's values back with a plain `pulumi up`, after which preview finds nothing", async () => {
    await stack.run(["up", "--yes", "--skip-preview"]);
    expect(await liveAsyncConfig(sdk, "shop", "orders")).toMatchObject({
      maxAsyncRetryAttempts: 0,
      destinationConfig: { onSuccess: null, onFailure: { destination: "acs:mns:cn-hangzhou:1234567890123456:/queues/orders-failed/messages" } },
    });
    const calls = await apiCalls(() => stack.run(["preview", "--expect-no-changes"]));
    expect(calls).toEqual({ GetFunctionAsyncInvokeConfig: 2 });
    await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect(((await sdk.listFunctionAsyncConfigs("shop", "orders")).data["configs"] as unknown[]).length).toBe(0);
  }, CLI_TIMEOUT);
});
