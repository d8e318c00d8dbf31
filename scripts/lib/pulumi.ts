// The one place that makes the Pulumi CLI run offline: a local file backend, a passphrase secrets provider,
// a project-local PULUMI_HOME, no update checks and no plugin downloads. The demo, the tests and the
// examples all run `pulumi` through here, so they behave the same way.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(__dirname, "..", "..");
/** Git-ignored; holds every backend, PULUMI_HOME and scratch copies of programs. */
export const stateRoot = path.join(repoRoot, ".pulumi-state");

/** A fixed passphrase: these stacks only ever hold emulator credentials, which are printed anyway. */
export const LOCAL_PASSPHRASE = "pulumi-async-invoke-local";

/** Environment for a `pulumi` process whose stacks live in `backendDir`. */
export function offlineEnv(backendDir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  mkdirSync(backendDir, { recursive: true });
  const home = path.join(stateRoot, "home");
  mkdirSync(home, { recursive: true });
  const bin = [path.join(repoRoot, ".tools", "node", "bin"), path.join(repoRoot, ".tools", "bin")];
  return {
    ...base,
    PATH: [...bin, base["PATH"] ?? ""].join(path.delimiter),
    // `metadata=skip`: the file backend otherwise writes a `.attrs` side file beside each checkpoint with a plain
    // truncate-and-write, and a `pulumi up` killed between the two leaves it empty; every later command (cancel and
    // refresh too) then fails with "failed to load checkpoint: EOF". The checkpoints themselves are written to a
    // temporary file and renamed, so without side files a kill at any moment leaves a readable stack.
    PULUMI_BACKEND_URL: `file://${backendDir}?metadata=skip`,
    PULUMI_CONFIG_PASSPHRASE: LOCAL_PASSPHRASE,
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    // Type-checking belongs to `tsc`; ts-node only has to strip types when Pulumi loads a program.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    PULUMI_COPILOT: "false",
    NO_COLOR: "1",
  };
}

/** Copies a program into a fresh scratch folder inside the repo, so its `require`s still find node_modules. */
export function scratchCopy(programDir: string, label: string): string {
  const parent = path.join(stateRoot, "work");
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, `${label}-`));
  cpSync(programDir, dir, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|Pulumi\.[^\\/]+\.yaml)$/.test(src) || src.endsWith("Pulumi.yaml"),
  });
  return dir;
}

/** `timedOut`: the command was killed after `timeoutMs`; `killed`: killed by `signal` (a crash test). */
export type PulumiResult = { code: number; stdout: string; stderr: string; timedOut?: boolean };

/**
 * How long one `pulumi` command may take before it is killed: 4 minutes, room for an `up` of dozens of resources
 * on a busy 2-core box (an unloaded one takes 5-20 s). `PULUMI_STEP_TIMEOUT_MS` overrides it.
 */
export const STEP_TIMEOUT_MS = Number(process.env["PULUMI_STEP_TIMEOUT_MS"] ?? 240_000);
/** A vitest step (several commands) ends after this; it is the last resort, the command timeout comes first. */
export const E2E_TEST_TIMEOUT_MS = Math.max(600_000, 2 * STEP_TIMEOUT_MS);

export type RunOptions = {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Echo output as it comes (the demo); tests keep it quiet. */
  echo?: boolean;
  input?: string;
  /** Kill the command (its whole process group: language host and plugins too) after this. Default `STEP_TIMEOUT_MS`. */
  timeoutMs?: number;
  /** Told the pid as soon as the command runs (crash tests kill it). */
  onSpawn?: (pid: number) => void;
};

/**
 * Runs `pulumi <args>` non-interactively and collects its output; never throws on a non-zero exit.
 *
 * The command gets its own process group, so a timeout kills pulumi together with the language host and the
 * provider plugins it started; a timed-out command can still leave the stack locked, which `emulatorStack` clears.
 */
export function runPulumi(args: readonly string[], opts: RunOptions): Promise<PulumiResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--non-interactive"], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child.pid);
    }, opts.timeoutMs ?? STEP_TIMEOUT_MS);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (opts.echo) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (opts.echo) process.stderr.write(chunk);
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      // Whatever the command left running in its group (a plugin mid-call after a kill) goes with it.
      killGroup(child.pid);
      resolve({ code: code ?? -1, stdout, stderr: timedOut ? `${stderr}\n[killed after ${opts.timeoutMs ?? STEP_TIMEOUT_MS} ms]` : stderr, ...(timedOut && { timedOut }) });
    });
    child.stdin.end(opts.input ?? "");
  });
}

/**
 * SIGKILL to a process and every descendant, found through /proc before any of them dies (the language host and
 * the provider plugins run in process groups of their own, so killing pulumi's group would leave them running).
 */
export function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  const children = new Map<number, number[]>();
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        const list = children.get(ppid) ?? [];
        list.push(Number(entry));
        children.set(ppid, list);
      } catch {
        // the process ended while we looked
      }
    }
  } catch {
    // no /proc (not Linux): the group kill below is all we can do
  }
  const all: number[] = [];
  const walk = (p: number) => {
    all.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  for (const p of all) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // already gone
    }
  }
  killGroup(pid);
}

/** SIGKILL to a process group; gone already is fine. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = "SIGKILL"): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

/** Like runPulumi, but a non-zero exit is an error carrying the command's output. */
export async function pulumi(args: readonly string[], opts: RunOptions): Promise<string> {
  const result = await runPulumi(args, opts);
  if (result.code !== 0) {
    throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}
