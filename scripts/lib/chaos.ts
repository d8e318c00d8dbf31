// Fault and crash trials against the emulator, for every API of the table in chaos-apis.ts, shared by the small
// seeded suite (test/e2e/chaos.test.ts) and the full run (scripts/chaos.ts). Everything random is drawn from a seed
// (the emulator's own mulberry32), so a failing trial replays exactly.
//
// Fault trial: N configs, a share of the API's requests answered 429 / 500 / 503 or reset by the emulator; `up`,
// `preview --refresh` and `destroy` must each succeed, and the emulator (read with the official SDK) must equal the
// program after `up` and hold nothing after `destroy`.
// Crash trial: `pulumi up` is killed with SIGKILL (with its plugins) after a seeded number of Puts; `pulumi cancel`,
// `pulumi refresh` and `pulumi up` alone (no program edit) must converge: every config in state and in the emulator
// with the program's values, nothing orphaned (no config in the emulator that state does not know), and a preview
// with no changes.
import type { Emulator } from "../../emulator";
import { seeded, type ChaosApi, type Settings } from "./chaos-apis.ts";
import { emulatorStack, type EmulatorStack } from "./emulator-stack.ts";
import { killTree } from "./pulumi.ts";

export { CHAOS_APIS, chaosApi, seeded, type ChaosApi } from "./chaos-apis.ts";

/** A stack for `api`'s program, wired to the emulator (FunctionGraph's keys too where the API needs them). */
export async function chaosStack(api: ChaosApi, emulator: Emulator, label: string): Promise<EmulatorStack> {
  const stack = await emulatorStack({ program: api.program, label, emulator });
  await api.configure(stack, emulator);
  return stack;
}

/** Keys whose live settings differ from the program's, keys the emulator lacks, and live keys the program does not declare. */
export function compareWithProgram(expected: Map<string, Settings>, live: Map<string, Settings>): { wrong: string[]; missing: string[]; orphans: string[] } {
  const wrong: string[] = [];
  const missing: string[] = [];
  for (const [key, want] of expected) {
    const got = live.get(key);
    if (got === undefined) missing.push(key);
    else if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${key}: ${JSON.stringify(got)}, declared ${JSON.stringify(want)}`);
  }
  const orphans = [...live.keys()].filter((key) => !expected.has(key));
  return { wrong, missing, orphans };
}

/** The configs the stack's state knows (recorded or pending). */
export async function stateKeys(api: ChaosApi, stack: EmulatorStack): Promise<string[]> {
  const exported = JSON.parse(await stack.run(["stack", "export"])) as { deployment: { resources?: { type: string; outputs?: Record<string, unknown> }[] } };
  return api.known(exported.deployment.resources ?? []);
}

/** Requests the emulator received for `operations`, or for every operation when absent. */
async function calls(emulator: Emulator, operations?: readonly string[]): Promise<number> {
  const counts = await emulator.control.requestCounts();
  return (operations ?? Object.keys(counts)).reduce((sum, op) => sum + (counts[op] ?? 0), 0);
}

export interface StepFigures {
  readonly step: string;
  readonly exitCode: number;
  /** Requests the step needs without faults (Get+Put per create, Get per refresh, Delete per destroy). */
  readonly requests: number;
  readonly faults: number;
  /** Requests made beyond `requests`: the retries. */
  readonly retries: number;
  readonly seconds: number;
}

export interface FaultTrialReport {
  readonly api: string;
  readonly seed: number;
  readonly configs: number;
  readonly faultRate: number;
  readonly steps: StepFigures[];
  /** Configs whose live values differ from the program after `up`, missing from the emulator, or not in state. */
  readonly failures: string[];
  /** Configs left in the emulator after `destroy`, or not declared by the program after `up`. */
  readonly orphans: string[];
  /** The last lines of a failed step's output, to see why. */
  readonly errors: string[];
  readonly seconds: number;
}

/** `up`, `preview --refresh`, `destroy` under faults; `api.prepare(configs)` must have run. */
export async function faultTrial(
  api: ChaosApi,
  stack: EmulatorStack,
  emulator: Emulator,
  options: { configs: number; faultRate: number; seed: number },
): Promise<FaultTrialReport> {
  const started = performance.now();
  const n = options.configs;
  const { value, expected } = api.declare(emulator, n, options.seed);
  await stack.setConfig(api.configKey, JSON.stringify(value));
  const r = options.faultRate;
  const steps: StepFigures[] = [];
  const errors: string[] = [];
  const step = async (name: string, args: string[], requests: number) => {
    await emulator.control.resetRequestCounts();
    // Every request the provider makes may be faulted, and every request counts: a retry is any request beyond those
    // the step needs (each API makes exactly Get+Put per create, one Get per refresh, one Delete per destroy).
    await emulator.control.setFaults({ seed: options.seed * 1000 + steps.length, rates: { "429": r * 0.35, "503": r * 0.25, "500": r * 0.1, reset: r * 0.3 } });
    const stepStarted = performance.now();
    const result = await stack.attempt(args);
    const seconds = (performance.now() - stepStarted) / 1000;
    const { stats } = await emulator.control.faults();
    await emulator.control.clearFaults();
    const made = await calls(emulator);
    const faults = Object.values(stats.injected).reduce((a, b) => a + b, 0);
    steps.push({ step: name, exitCode: result.code, requests, faults, retries: made - requests, seconds: Math.round(seconds) });
    if (result.code !== 0) errors.push(`${name}: ${tail(result.stdout + result.stderr)}`);
  };

  await step("up", ["up", "--yes", "--skip-preview"], 2 * n);
  const afterUp = compareWithProgram(expected, await api.live(emulator, n));
  const inState = await stateKeys(api, stack);
  const failures = [...afterUp.wrong, ...afterUp.missing, ...[...expected.keys()].filter((key) => !inState.includes(key)).map((key) => `${key} (not in state)`)];
  await step("preview --refresh", ["preview", "--refresh", "--expect-no-changes"], n);
  await step("destroy", ["destroy", "--yes", "--skip-preview"], n);
  const afterDestroy = await api.live(emulator, n);
  return {
    api: api.id,
    seed: options.seed,
    configs: n,
    faultRate: r,
    steps,
    failures,
    orphans: [...afterUp.orphans, ...[...afterDestroy.keys()].map((key) => `${key} (after destroy)`)],
    errors,
    seconds: Math.round((performance.now() - started) / 1000),
  };
}

export interface CrashTrialReport {
  readonly api: string;
  readonly seed: number;
  readonly configs: number;
  /** The trial killed `pulumi up` after this many Puts had been made. */
  readonly killAfterPuts: number;
  /** Configs in the emulator but not in state right after the kill: the creates the kill interrupted. */
  readonly unrecordedAtKill: number;
  /** The commands run to recover, with their exit codes. */
  readonly recovery: { command: string; exitCode: number }[];
  readonly recovered: boolean;
  readonly failures: string[];
  /** Configs in the emulator that state does not know after recovery, or left after `destroy`. */
  readonly orphans: string[];
  readonly errors: string[];
  readonly seconds: number;
}

/**
 * Kills `pulumi up` and its plugins with SIGKILL once `killAfterPuts` Puts have been made (drawn from `seed` when
 * absent), then recovers with `pulumi cancel`, `pulumi refresh` and `pulumi up` only. Leaves the stack destroyed.
 */
export async function crashTrial(api: ChaosApi, stack: EmulatorStack, emulator: Emulator, options: { configs: number; seed: number; killAfterPuts?: number }): Promise<CrashTrialReport> {
  const started = performance.now();
  const n = options.configs;
  const { value, expected } = api.declare(emulator, n, options.seed);
  await stack.setConfig(api.configKey, JSON.stringify(value));
  const killAfterPuts = options.killAfterPuts ?? 1 + Math.floor(seeded(options.seed ^ 0x5eed)() * (n - 1));
  await emulator.control.resetRequestCounts();

  let pid: number | undefined;
  let killed = false;
  const watcher = (async () => {
    while (!killed) {
      if (pid !== undefined && (await calls(emulator, api.puts)) >= killAfterPuts) {
        // SIGKILL to pulumi and the plugins it started, as a crash or a closed terminal would end them.
        killTree(pid);
        killed = true;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const interrupted = await stack.attempt(["up", "--yes", "--skip-preview"], { onSpawn: (p) => (pid = p) });
  const wasKilled = killed;
  killed = true;
  await watcher;
  const errors: string[] = [];
  if (!wasKilled) errors.push(`pulumi up ended (exit ${interrupted.code}) before ${killAfterPuts} Puts: ${tail(interrupted.stdout + interrupted.stderr)}`);

  const live = await api.live(emulator, n);
  const atKill = await stateKeys(api, stack).catch(() => [] as string[]);
  const unrecordedAtKill = [...live.keys()].filter((key) => !atKill.includes(key)).length;

  const recovery: { command: string; exitCode: number }[] = [];
  const run = async (args: string[]) => {
    const result = await stack.attempt(args);
    recovery.push({ command: `pulumi ${args.join(" ")}`, exitCode: result.code });
    if (result.code !== 0) errors.push(`pulumi ${args.join(" ")}: ${tail(result.stdout + result.stderr)}`);
  };
  if (interrupted.code !== 0) await run(["cancel", "--yes"]);
  await run(["refresh", "--yes", "--skip-preview"]);
  await run(["up", "--yes", "--skip-preview"]);
  const liveAfter = await api.live(emulator, n);
  const after = compareWithProgram(expected, liveAfter);
  const known = await stateKeys(api, stack).catch((error: unknown) => {
    errors.push(`pulumi stack export after recovery: ${tail(String(error))}`);
    return [] as string[];
  });
  const failures = [...after.wrong, ...after.missing, ...[...expected.keys()].filter((key) => !known.includes(key)).map((key) => `${key} (not in state)`)];
  const unknown = [...liveAfter.keys()].filter((key) => !known.includes(key)).map((key) => `${key} (not in state)`);
  const quiet = await stack.attempt(["preview", "--expect-no-changes"]);
  if (quiet.code !== 0) failures.push(`preview after recovery shows changes: ${tail(quiet.stdout + quiet.stderr)}`);
  const upOk = recovery.filter((r) => r.command !== "pulumi cancel --yes").every((r) => r.exitCode === 0);
  const orphansAfterRecovery = [...new Set([...after.orphans, ...unknown])];

  // Clean up for the next trial; what destroy leaves behind is an orphan too.
  const destroyed = await stack.attempt(["destroy", "--yes", "--skip-preview"]);
  if (destroyed.code !== 0) errors.push(`destroy: ${tail(destroyed.stdout + destroyed.stderr)}`);
  const left = await api.live(emulator, n);
  return {
    api: api.id,
    seed: options.seed,
    configs: n,
    killAfterPuts,
    unrecordedAtKill,
    recovery,
    recovered: wasKilled && upOk && failures.length === 0 && orphansAfterRecovery.length === 0,
    failures,
    orphans: [...orphansAfterRecovery, ...[...left.keys()].map((key) => `${key} (after destroy)`)],
    errors,
    seconds: Math.round((performance.now() - started) / 1000),
  };
}

function tail(text: string): string {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  return lines.slice(-12).join("\n");
}
