// What the plugin's end-to-end tests share: a stack of a program that uses the asyncinvoke plugin (a scratch copy
// whose `plugins: providers:` path points at this checkout's bin/), its FC API calls, and its backend's text.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Emulator } from "../../emulator";
import { offlineEnv, repoRoot, runPulumi, scratchCopy, type PulumiResult } from "../../scripts/lib/pulumi.ts";
import { requestsDuring } from "../kit/emulator";

export const PLUGIN_BIN = path.join(repoRoot, "bin");

export interface PluginStack {
  readonly cwd: string;
  readonly backendDir: string;
  run(args: readonly string[]): Promise<string>;
  attempt(args: readonly string[]): Promise<PulumiResult>;
  setConfig(key: string, value: string, options?: { secret?: boolean }): Promise<void>;
  /** Every file of the backend, concatenated. */
  backendText(): string;
}

/** A fresh stack `dev` of a scratch copy of `program`, the plugin found in this checkout's `bin/`. */
export async function pluginStack(program: string, label: string): Promise<PluginStack> {
  const cwd = scratchCopy(program, label);
  const project = path.join(cwd, "Pulumi.yaml");
  writeFileSync(project, readFileSync(project, "utf8").replace(/^(\s+path: ).*bin$/m, `$1${PLUGIN_BIN}`));
  const backendDir = path.join(cwd, ".backend");
  const env = offlineEnv(backendDir);
  const attempt = async (args: readonly string[]) => {
    const result = await runPulumi(args, { cwd, env });
    if (result.timedOut) await runPulumi(["cancel", "--yes"], { cwd, env });
    return result;
  };
  const run = async (args: readonly string[]) => {
    const result = await attempt(args);
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };
  await run(["stack", "init", "dev"]);
  return {
    cwd,
    backendDir,
    run,
    attempt,
    setConfig: async (key, value, { secret = false } = {}) => {
      await run(["config", "set", key, value, secret ? "--secret" : "--plaintext"]);
    },
    backendText: () => treeText(backendDir),
  };
}

/** The default asyncinvoke provider's stack config for the emulator's first account (FC 2.0, FC 3.0, FunctionGraph). */
export async function configureDefaultProvider(stack: PluginStack, emulator: Emulator): Promise<void> {
  const { url, region, credentials, projectId } = emulator;
  await stack.setConfig("asyncinvoke:accessKey", credentials.accessKeyId, { secret: true });
  await stack.setConfig("asyncinvoke:secretKey", credentials.accessKeySecret, { secret: true });
  await stack.setConfig("asyncinvoke:region", region);
  await stack.setConfig("asyncinvoke:accountId", credentials.accountId);
  await stack.setConfig("asyncinvoke:fcEndpoint", url);
  await stack.setConfig("asyncinvoke:huaweicloudAccessKey", credentials.accessKeyId, { secret: true });
  await stack.setConfig("asyncinvoke:huaweicloudSecretKey", credentials.accessKeySecret, { secret: true });
  await stack.setConfig("asyncinvoke:huaweicloudRegion", "cn-north-4");
  await stack.setConfig("asyncinvoke:huaweicloudProjectId", projectId);
  await stack.setConfig("asyncinvoke:functiongraphEndpoint", url);
}

/** The emulator's API calls `action` makes, by operation, zeros left out. */
export const apiCalls = requestsDuring;

/** Operations among `calls` that write (Put, Update, Delete, Create). */
export function writes(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).filter(([name]) => /(Put|Update|Delete|Create)/.test(name)));
}

function treeText(dir: string): string {
  let text = "";
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    text += statSync(file).isDirectory() ? treeText(file) : readFileSync(file, "utf8");
  }
  return text;
}
