// The one place that makes the Pulumi CLI run offline: a local file backend, a passphrase secrets provider,
// a project-local PULUMI_HOME, no update checks and no plugin downloads. The demo, the tests and the
// examples all run `pulumi` through here, so they behave the same way.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
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
    PULUMI_BACKEND_URL: `file://${backendDir}`,
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

export type PulumiResult = { code: number; stdout: string; stderr: string };

export type RunOptions = {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Echo output as it comes (the demo); tests keep it quiet. */
  echo?: boolean;
  input?: string;
};

/** Runs `pulumi <args>` non-interactively and collects its output; never throws on a non-zero exit. */
export function runPulumi(args: readonly string[], opts: RunOptions): Promise<PulumiResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--non-interactive"], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
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
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}

/** Like runPulumi, but a non-zero exit is an error carrying the command's output. */
export async function pulumi(args: readonly string[], opts: RunOptions): Promise<string> {
  const result = await runPulumi(args, opts);
  if (result.code !== 0) {
    throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}
