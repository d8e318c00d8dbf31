// The fault and crash suite, small enough to run with the others (the full run is `scripts/chaos.ts`), over every API
// of one table (scripts/lib/chaos-apis.ts): FC 2.0, FC 3.0, FunctionGraph and a mixed AsyncInvokePolicyBatch. Per API:
// 10 configs under 30 % injected faults (429 / 500 / 503 / connection resets) with a fixed seed, and a SIGKILL of
// `pulumi up` at a point drawn from a seed, recovered with `pulumi cancel`, `pulumi refresh` and `pulumi up` alone.
// Figures are exact: every step exits 0, the emulator (read with each API's official SDK) equals the program, every
// faulted request was made again, nothing is orphaned. Each API has its own functions and stack. The mixed
// batch's kill falls in the middle of the batch's create (after 2 of 10 Puts): the case its recovery once failed.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { CHAOS_APIS, chaosStack, crashTrial, faultTrial, type ChaosApi } from "../../scripts/lib/chaos.ts";
import type { EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { E2E_TEST_TIMEOUT_MS } from "../../scripts/lib/pulumi.ts";
import { startEmulator } from "../kit/emulator";

// Steps and hooks run real `pulumi` commands; each command has its own timeout that kills it and unlocks the stack.
vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const CONFIGS = 10;
/** Seeds per API; the crash seeds put the kills after 2, 3, 7 and 2 of the 10 Puts. */
const SEEDS: Record<ChaosApi["id"], { faultSeed: number; crashSeed: number }> = {
  fc2: { faultSeed: 41, crashSeed: 7 },
  fc3: { faultSeed: 42, crashSeed: 8 },
  functiongraph: { faultSeed: 43, crashSeed: 9 },
  mixed: { faultSeed: 44, crashSeed: 14 },
};
const TABLE = CHAOS_APIS.map((api) => ({ api, ...SEEDS[api.id] }));

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ log: () => {} });
});

afterAll(async () => {
  await emulator?.close();
});

describe.each(TABLE)("$api.title", ({ api, faultSeed, crashSeed }) => {
  let stack: EmulatorStack;

  beforeAll(async () => {
    await api.prepare(emulator, CONFIGS);
    stack = await chaosStack(api, emulator, `chaos-${api.id}`);
  });

  it(`under 30 % injected faults (seed ${faultSeed}), up / preview --refresh / destroy succeed, the emulator equals the program, nothing left after destroy`, async () => {
    const report = await faultTrial(api, stack, emulator, { configs: CONFIGS, faultRate: 0.3, seed: faultSeed });
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

  it(`SIGKILL of pulumi up (seed ${crashSeed}), recovered with cancel + refresh + up alone: every config in state and in the emulator, no orphan, no change left`, async () => {
    const report = await crashTrial(api, stack, emulator, { configs: CONFIGS, seed: crashSeed });
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
