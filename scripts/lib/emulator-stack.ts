// A Pulumi stack wired to an FC emulator: a scratch copy of a program, a file backend, and the stack config
// that points the provider at the emulator. The end-to-end tests, the demo and the measuring scripts share it.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { Endpoint } from "./official-sdks.ts";
import { offlineEnv, runPulumi, scratchCopy, stateRoot, type PulumiResult, type RunOptions } from "./pulumi.ts";

export type EmulatorStack = {
  cwd: string;
  env: NodeJS.ProcessEnv;
  backendDir: string;
  /** Runs pulumi; a non-zero exit throws with the output. */
  run(args: readonly string[]): Promise<string>;
  /** Runs pulumi and returns the exit code and output, whatever they are. */
  attempt(args: readonly string[], options?: Pick<RunOptions, "timeoutMs" | "onSpawn">): Promise<PulumiResult>;
  /** `pulumi cancel --yes`: removes the lock a killed command left; harmless when there is none. */
  unlock(): Promise<void>;
  setConfig(key: string, value: string, options?: { secret?: boolean }): Promise<void>;
  /** Every file of the backend (checkpoints, history, backups), concatenated: what "is it in state?" must search. */
  backendText(): string;
};

export async function emulatorStack(options: {
  program: string;
  label: string;
  emulator: Endpoint;
  stack?: string;
  echo?: boolean;
  /**
   * Run the program where it is instead of in a scratch copy (the root demo); its backend and stack config file
   * then live in `.pulumi-state/<label>/`, emptied first, and every command gets `--config-file`.
   */
  inPlace?: boolean;
}): Promise<EmulatorStack> {
  const stackName = options.stack ?? "dev";
  let cwd: string;
  let backendDir: string;
  let extra: string[] = [];
  if (options.inPlace) {
    cwd = options.program;
    backendDir = path.join(stateRoot, options.label);
    rmSync(backendDir, { recursive: true, force: true });
    mkdirSync(backendDir, { recursive: true });
    extra = ["--config-file", configFile(backendDir, stackName)];
  } else {
    cwd = scratchCopy(options.program, options.label);
    backendDir = path.join(cwd, ".backend");
  }
  const env = offlineEnv(backendDir);
  const echo = options.echo ?? false;
  const unlock = async () => {
    await runPulumi(["cancel", "--yes", ...extra], { cwd, env });
  };
  // A command killed on its timeout leaves the stack locked: clear it at once, so one slow step never makes every
  // later step fail with "the stack is currently locked".
  const attempt = async (args: readonly string[], more: Pick<RunOptions, "timeoutMs" | "onSpawn"> = {}) => {
    const result = await runPulumi([...args, ...extra], { cwd, env, echo, ...more });
    if (result.timedOut) await unlock();
    return result;
  };
  const run = async (args: readonly string[]) => {
    const result = await attempt(args);
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };
  const stack: EmulatorStack = {
    cwd,
    env,
    backendDir,
    run,
    attempt,
    unlock,
    async setConfig(key, value, { secret = false } = {}) {
      await run(["config", "set", key, value, secret ? "--secret" : "--plaintext"]);
    },
    backendText: () => readTree(backendDir),
  };
  // `stack init` is the one command that does not take --config-file; it writes the passphrase's salt into the
  // program's own Pulumi.<stack>.yaml, which in place belongs in the state folder with the rest of the config.
  const init = await runPulumi(["stack", "init", stackName], { cwd, env });
  if (init.code !== 0) throw new Error(`pulumi stack init ${stackName} exited with ${init.code}\n${init.stdout}\n${init.stderr}`);
  if (options.inPlace) renameSync(path.join(cwd, `Pulumi.${stackName}.yaml`), configFile(backendDir, stackName));
  const { url, region, credentials } = options.emulator;
  await stack.setConfig("alicloud:accessKey", credentials.accessKeyId, { secret: true });
  await stack.setConfig("alicloud:secretKey", credentials.accessKeySecret, { secret: true });
  await stack.setConfig("alicloud:region", region);
  await stack.setConfig("alicloud:accountId", credentials.accountId);
  await stack.setConfig("pulumi-async-invoke:fcEndpoint", url);
  return stack;
}

const configFile = (backendDir: string, stackName: string) => path.join(backendDir, `Pulumi.${stackName}.yaml`);

function readTree(dir: string): string {
  let text = "";
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    text += statSync(file).isDirectory() ? readTree(file) : readFileSync(file, "utf8");
  }
  return text;
}

/**
 * `pulumi preview --json`, reduced to what a test asserts: each resource's operation, the input keys that
 * changed (what the CLI prints as `[diff: ...]`) and, for a replacement, the keys that forced it. (A refresh
 * step's states are the same in preview JSON; what refresh found shows in `pulumi refresh --diff`.) Sorted by
 * name, since the engine emits steps in no fixed order.
 */
export type PlanStep = { op: string; name: string; diffs?: string[]; replaceReasons?: string[] };

type JsonStep = {
  op: string;
  urn: string;
  replaceReasons?: string[];
  oldState?: { inputs?: Record<string, unknown> };
  newState?: { inputs?: Record<string, unknown> };
};

export function planSteps(previewJson: string): PlanStep[] {
  const plan = JSON.parse(previewJson) as { steps?: JsonStep[] };
  return (plan.steps ?? [])
    .filter((s) => !s.urn.includes("pulumi:pulumi:Stack"))
    .map((s) => {
      const diffs = s.oldState && s.newState ? changedKeys(s.oldState.inputs ?? {}, s.newState.inputs ?? {}) : [];
      return {
        op: s.op,
        name: s.urn.split("::").at(-1) ?? s.urn,
        ...(diffs.length > 0 && { diffs }),
        ...(s.replaceReasons && s.replaceReasons.length > 0 && { replaceReasons: [...s.replaceReasons].sort() }),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || stepOrder(a.op) - stepOrder(b.op));
}

// A refresh step comes before what the program does with the resource.
const stepOrder = (op: string) => (op === "refresh" ? 0 : 1);

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete("__provider");
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}
