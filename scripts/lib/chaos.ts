// Fault and crash trials against the emulator, shared by the small seeded suite (test/e2e/chaos.test.ts) and the
// full run (scripts/chaos.ts). Everything random is drawn from a seed, so a failing trial replays exactly.
//
// Fault trial: N configs, a share of FC requests answered 429 / 500 / 503 or reset by the emulator; `up`,
// `preview --refresh` and `destroy` must each succeed, and the emulator must equal the program after `up` and hold
// nothing after `destroy`.
// Crash trial: `pulumi up` is killed with SIGKILL after a seeded number of Puts; `pulumi cancel`, `pulumi refresh`
// and `pulumi up` alone (no program edit) must converge: every config in state and in the emulator, nothing
// orphaned, and a preview with no changes.
import type { Emulator } from "../../emulator";
import type { EmulatorStack } from "./emulator-stack.ts";
import type { Fc2Client } from "./official-sdks.ts";
import { nodeFunction } from "./official-sdks.ts";
import { killTree } from "./pulumi.ts";

export const CHAOS_SERVICE = "chaos";
const CONFIG_OPS = ["GetFunctionAsyncInvokeConfig", "PutFunctionAsyncInvokeConfig", "DeleteFunctionAsyncInvokeConfig"] as const;

type Args = Record<string, unknown>;

/** mulberry32, as the emulator's fault injector: small, seedable. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const fnName = (i: number) => `f${String(i).padStart(2, "0")}`;

/** Creates the service and `count` functions the configs attach to (faults must be off). */
export async function createChaosFunctions(sdk: Fc2Client, count: number): Promise<void> {
  await sdk.createService(CHAOS_SERVICE);
  for (let i = 0; i < count; i++) await sdk.createFunction(CHAOS_SERVICE, nodeFunction(fnName(i)));
}

/** `count` configs, one per function, with settings drawn from `seed`. */
export function chaosConfigs(count: number, seed: number, region = "cn-hangzhou", account = "1234567890123456"): Record<string, Args> {
  const random = seeded(seed);
  const configs: Record<string, Args> = {};
  for (let i = 0; i < count; i++) {
    const queue = `acs:mns:${region}:${account}:/queues/q${Math.floor(random() * 5)}/messages`;
    configs[`c${String(i).padStart(2, "0")}`] = {
      serviceName: CHAOS_SERVICE,
      functionName: fnName(i),
      maxAsyncRetryAttempts: Math.floor(random() * 9),
      maxAsyncEventAgeInSeconds: 60 + Math.floor(random() * 86_340),
      statefulInvocation: random() < 0.5,
      ...(random() < 0.5 && { destinationConfig: { onFailure: { destination: queue } } }),
    };
  }
  return configs;
}

/** What the emulator holds for the chaos service, per function (LATEST), read with the official SDK. Faults must be off. */
export async function liveChaosConfigs(sdk: Fc2Client, count: number): Promise<Map<string, Args>> {
  const live = new Map<string, Args>();
  for (let i = 0; i < count; i++) {
    const { data } = await sdk.listFunctionAsyncConfigs(CHAOS_SERVICE, fnName(i), { limit: 100 });
    for (const config of (data["configs"] ?? []) as Args[]) live.set(`${fnName(i)}:${String(config["qualifier"])}`, config);
  }
  return live;
}

/** Names of configs whose live values differ from the program's, and live configs the program does not declare. */
export function compareWithProgram(configs: Record<string, Args>, live: Map<string, Args>): { wrong: string[]; missing: string[]; orphans: string[] } {
  const expected = new Map(Object.values(configs).map((c) => [`${String(c["functionName"])}:LATEST`, c]));
  const wrong: string[] = [];
  const missing: string[] = [];
  for (const [key, want] of expected) {
    const got = live.get(key);
    if (got === undefined) {
      missing.push(key);
      continue;
    }
    const onFailure = (want["destinationConfig"] as { onFailure?: { destination: string } } | undefined)?.onFailure?.destination ?? null;
    const gotFailure = (got["destinationConfig"] as { onFailure?: { destination?: string } | null } | undefined)?.onFailure?.destination ?? null;
    if (
      got["maxAsyncRetryAttempts"] !== want["maxAsyncRetryAttempts"] ||
      got["maxAsyncEventAgeInSeconds"] !== want["maxAsyncEventAgeInSeconds"] ||
      got["statefulInvocation"] !== want["statefulInvocation"] ||
      gotFailure !== onFailure
    ) {
      wrong.push(key);
    }
  }
  const orphans = [...live.keys()].filter((key) => !expected.has(key));
  return { wrong, missing, orphans };
}

/** Resource names in the stack's state (our configs only). */
export async function stateNames(stack: EmulatorStack): Promise<string[]> {
  const exported = JSON.parse(await stack.run(["stack", "export"])) as { deployment: { resources?: { urn: string; type: string }[] } };
  return (exported.deployment.resources ?? []).filter((r) => r.type.endsWith("fc:FunctionAsyncInvokeConfig")).map((r) => r.urn.split("::").at(-1) ?? "").sort();
}

async function configCalls(emulator: Emulator): Promise<number> {
  const counts = await emulator.control.requestCounts();
  return CONFIG_OPS.reduce((sum, op) => sum + (counts[op] ?? 0), 0);
}

export interface StepFigures {
  readonly step: string;
  readonly exitCode: number;
  /** Requests the step's operation needs without faults (Get+Put per create, Get per refresh, Delete per destroy). */
  readonly requests: number;
  readonly faults: number;
  /** Requests made beyond `requests`: the retries. */
  readonly retries: number;
  readonly seconds: number;
}

export interface FaultTrialReport {
  readonly seed: number;
  readonly configs: number;
  readonly faultRate: number;
  readonly steps: StepFigures[];
  /** Configs whose live values differ from the program after `up`, or missing from the emulator. */
  readonly failures: string[];
  /** Configs left in the emulator after `destroy`, or not declared by the program after `up`. */
  readonly orphans: string[];
  /** The first lines of a failed step's output, to see why. */
  readonly errors: string[];
}

/** `up`, `preview --refresh`, `destroy` under faults; the functions of `createChaosFunctions(count)` must exist. */
export async function faultTrial(
  stack: EmulatorStack,
  emulator: Emulator,
  sdk: Fc2Client,
  options: { configs: number; faultRate: number; seed: number },
): Promise<FaultTrialReport> {
  const configs = chaosConfigs(options.configs, options.seed);
  await stack.setConfig("configs", JSON.stringify(configs));
  const r = options.faultRate;
  const steps: StepFigures[] = [];
  const errors: string[] = [];
  const n = options.configs;
  const step = async (name: string, args: string[], expected: number) => {
    await emulator.control.resetRequestCounts();
    await emulator.control.setFaults({ seed: options.seed * 1000 + steps.length, rates: { "429": r * 0.35, "503": r * 0.25, "500": r * 0.1, reset: r * 0.3 } });
    const started = performance.now();
    const result = await stack.attempt(args);
    const seconds = (performance.now() - started) / 1000;
    const { stats } = await emulator.control.faults();
    await emulator.control.clearFaults();
    const made = await configCalls(emulator);
    const faults = Object.values(stats.injected).reduce((a, b) => a + b, 0);
    steps.push({ step: name, exitCode: result.code, requests: expected, faults, retries: made - expected, seconds: Math.round(seconds) });
    if (result.code !== 0) errors.push(`${name}: ${tail(result.stdout + result.stderr)}`);
  };

  await step("up", ["up", "--yes", "--skip-preview"], 2 * n);
  const afterUp = compareWithProgram(configs, await liveChaosConfigs(sdk, n));
  const inState = await stateNames(stack);
  const failures = [...afterUp.wrong, ...afterUp.missing, ...Object.keys(configs).filter((name) => !inState.includes(name)).map((name) => `${name} (not in state)`)];
  await step("preview --refresh", ["preview", "--refresh", "--expect-no-changes"], n);
  await step("destroy", ["destroy", "--yes", "--skip-preview"], n);
  const afterDestroy = await liveChaosConfigs(sdk, n);
  return {
    seed: options.seed,
    configs: n,
    faultRate: r,
    steps,
    failures,
    orphans: [...afterUp.orphans, ...afterDestroy.keys()],
    errors,
  };
}

export interface CrashTrialReport {
  readonly seed: number;
  readonly configs: number;
  /** The trial killed `pulumi up` after this many Puts had been answered. */
  readonly killAfterPuts: number;
  /** Configs in the emulator but not in state right after the kill: the creates the kill interrupted. */
  readonly unrecordedAtKill: number;
  /** The commands run to recover, with their exit codes. */
  readonly recovery: { command: string; exitCode: number }[];
  readonly recovered: boolean;
  readonly failures: string[];
  readonly orphans: string[];
  readonly errors: string[];
}

/**
 * Kills `pulumi up` with SIGKILL once `killAfterPuts` Puts have been made (drawn from `seed` when absent), then
 * recovers with `pulumi cancel`, `pulumi refresh` and `pulumi up` only. Leaves the stack destroyed.
 */
export async function crashTrial(
  stack: EmulatorStack,
  emulator: Emulator,
  sdk: Fc2Client,
  options: { configs: number; seed: number; killAfterPuts?: number },
): Promise<CrashTrialReport> {
  const n = options.configs;
  const configs = chaosConfigs(n, options.seed);
  await stack.setConfig("configs", JSON.stringify(configs));
  const killAfterPuts = options.killAfterPuts ?? 1 + Math.floor(seeded(options.seed ^ 0x5eed)() * (n - 1));
  await emulator.control.resetRequestCounts();

  let pid: number | undefined;
  let killed = false;
  const watcher = (async () => {
    while (!killed) {
      const counts = await emulator.control.requestCounts();
      if (pid !== undefined && (counts["PutFunctionAsyncInvokeConfig"] ?? 0) >= killAfterPuts) {
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
  if (!wasKilled) throw new Error(`pulumi up ended (exit ${interrupted.code}) before ${killAfterPuts} Puts: ${tail(interrupted.stdout + interrupted.stderr)}`);

  const live = await liveChaosConfigs(sdk, n);
  const inState = await stateNames(stack).catch(() => [] as string[]);
  const unrecordedAtKill = Object.entries(configs).filter(([name, c]) => live.has(`${String(c["functionName"])}:LATEST`) && !inState.includes(name)).length;

  const recovery: { command: string; exitCode: number }[] = [];
  const errors: string[] = [];
  const run = async (args: string[]) => {
    const result = await stack.attempt(args);
    recovery.push({ command: `pulumi ${args.join(" ")}`, exitCode: result.code });
    if (result.code !== 0) errors.push(`pulumi ${args.join(" ")}: ${tail(result.stdout + result.stderr)}`);
    return result;
  };
  if (interrupted.code !== 0) await run(["cancel", "--yes"]);
  await run(["refresh", "--yes", "--skip-preview"]);
  await run(["up", "--yes", "--skip-preview"]);
  const after = compareWithProgram(configs, await liveChaosConfigs(sdk, n));
  const stateAfter = await stateNames(stack).catch((error: unknown) => {
    errors.push(`pulumi stack export after recovery: ${tail(String(error))}`);
    return [] as string[];
  });
  const failures = [...after.wrong, ...after.missing, ...Object.keys(configs).filter((name) => !stateAfter.includes(name)).map((name) => `${name} (not in state)`)];
  const quiet = await stack.attempt(["preview", "--expect-no-changes"]);
  if (quiet.code !== 0) failures.push(`preview after recovery shows changes: ${tail(quiet.stdout + quiet.stderr)}`);
  const upOk = recovery.filter((r) => r.command !== "pulumi cancel --yes").every((r) => r.exitCode === 0);

  // Clean up for the next trial; what destroy leaves behind is an orphan too.
  const destroyed = await stack.attempt(["destroy", "--yes", "--skip-preview"]);
  if (destroyed.code !== 0) errors.push(`destroy: ${tail(destroyed.stdout + destroyed.stderr)}`);
  const left = await liveChaosConfigs(sdk, n);
  return {
    seed: options.seed,
    configs: n,
    killAfterPuts,
    unrecordedAtKill,
    recovery,
    recovered: upOk && failures.length === 0 && after.orphans.length === 0,
    failures,
    orphans: [...after.orphans, ...left.keys()],
    errors,
  };
}

function tail(text: string): string {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  return lines.slice(-12).join("\n");
}
