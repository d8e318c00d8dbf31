// The fault and crash suite, small enough to run with the others (the full run is `scripts/chaos.ts`):
// 10 configs under 30 % injected faults (429 / 500 / 503 / connection resets) with two fixed seeds, and two
// SIGKILLs of `pulumi up` at points drawn from a seed, each recovered with `pulumi cancel`, `pulumi refresh` and
// `pulumi up` alone. Figures are exact: every step exits 0, the emulator equals the program, nothing is orphaned.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { createChaosFunctions, crashTrial, faultTrial } from "../../scripts/lib/chaos.ts";
import { emulatorStack, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { E2E_TEST_TIMEOUT_MS } from "../../scripts/lib/pulumi.ts";
import { fc2For, startEmulator, type Fc2Client } from "../kit/emulator";

// Steps and hooks run real `pulumi` commands; each command has its own timeout that kills it and unlocks the stack.
vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const program = path.join(__dirname, "fixtures", "async-configs");
const CONFIGS = 10;

let emulator: Emulator;
let sdk: Fc2Client;
let stack: EmulatorStack;

beforeAll(async () => {
  emulator = await startEmulator({ log: () => {} });
  sdk = fc2For(emulator);
  await createChaosFunctions(sdk, CONFIGS);
  stack = await emulatorStack({ program, label: "chaos", emulator });
});

afterAll(async () => {
  await emulator?.close();
});

describe("under 30 % injected faults, up / preview --refresh / destroy succeed", () => {
  it.each([[41], [42]])("seed %i: 0 failed steps, the emulator equals the program, nothing left after destroy", async (seed) => {
    const report = await faultTrial(stack, emulator, sdk, { configs: CONFIGS, faultRate: 0.3, seed });
    expect(report.errors).toEqual([]);
    expect(report.steps.map((s) => [s.step, s.exitCode])).toEqual([
      ["up", 0],
      ["preview --refresh", 0],
      ["destroy", 0],
    ]);
    expect(report.failures).toEqual([]);
    expect(report.orphans).toEqual([]);
    // Faults were really injected, and each faulted request was made again.
    const faults = report.steps.reduce((sum, s) => sum + s.faults, 0);
    const retries = report.steps.reduce((sum, s) => sum + s.retries, 0);
    expect(faults).toBeGreaterThan(5);
    expect(retries).toBe(faults);
  });
});

describe("SIGKILL of pulumi up, recovered with cancel + refresh + up alone", () => {
  it.each([[7], [8]])("seed %i: every config in state and in the emulator, no orphan, no change left", async (seed) => {
    const report = await crashTrial(stack, emulator, sdk, { configs: CONFIGS, seed });
    expect(report.errors).toEqual([]);
    expect(report.recovery.map((r) => [r.command, r.exitCode])).toEqual([
      ["pulumi cancel --yes", 0],
      ["pulumi refresh --yes --skip-preview", 0],
      ["pulumi up --yes --skip-preview", 0],
    ]);
    expect(report.failures).toEqual([]);
    expect(report.orphans).toEqual([]);
    expect(report.recovered).toBe(true);
  });

  // A kill between the truncate and the write of a `.attrs` side file left it empty, and every later command failed
  // with "failed to load checkpoint: EOF" (seen under load). The backend URL's `metadata=skip` writes none.
  it("leaves no side file in the backend that a kill could leave half written", () => {
    const sideFiles = (readdirSync(stack.backendDir, { recursive: true }) as string[]).filter((name) => name.endsWith(".attrs"));
    expect(sideFiles).toEqual([]);
  });
});
