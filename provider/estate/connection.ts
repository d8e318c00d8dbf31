/**
 * Where discover reads from, resolved as the resources resolve it: explicit flags first, then the stack config
 * (`--stack`: the values `pulumi config --json --show-secrets` prints for that stack, loaded as the program's own
 * config would be), then the environment (`ALICLOUD_*`/`ALIBABA_CLOUD_*`/`FC_ENDPOINT`, `HW_*`/`HUAWEICLOUD_SDK_*`/
 * `FUNCTIONGRAPH_ENDPOINT`), then Alibaba's default credential chain. `--emulator URL` is both endpoints at once.
 * A missing setting fails that API before any call, naming the setting.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { createFcClient } from "../fc2";
import { createFc3Client } from "../fc3";
import { createFunctionGraphClient } from "../functiongraph";
import type { EstateApi } from "./model";
import type { EstateClients } from "./walk";

export interface ConnectionFlags {
  readonly apis: readonly EstateApi[];
  readonly fcEndpoint?: string | undefined;
  readonly functiongraphEndpoint?: string | undefined;
  readonly stack?: string | undefined;
  /** Where to run `pulumi config` (the project directory). Default: the current directory. */
  readonly cwd?: string | undefined;
  readonly timeoutMs?: number | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/** A setting discover could not resolve, or the stack config it could not read: exit code 2. */
export class ConnectionError extends Error {
  override readonly name = "ConnectionError";
}

/** The stack's config as `{key: value}` (secrets decrypted), read through the `pulumi` CLI. */
export async function readStackConfig(stack: string, cwd: string | undefined, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)("pulumi", ["config", "--json", "--show-secrets", "--stack", stack], { cwd, env, maxBuffer: 16 * 1024 * 1024 }));
  } catch (error) {
    const e = error as { stderr?: string; message?: string };
    throw new ConnectionError(`could not read the config of stack ${JSON.stringify(stack)} with \`pulumi config --json --show-secrets\`: ${(e.stderr || e.message || "").trim()}`);
  }
  const parsed = JSON.parse(stdout) as Record<string, { value?: unknown; objectValue?: unknown }>;
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(parsed)) {
    const value = entry.objectValue ?? entry.value;
    if (value !== undefined) out[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

/** One client per API asked for, each configured as that API's resources configure theirs. */
export async function connect(flags: ConnectionFlags): Promise<EstateClients> {
  const env = flags.env ?? process.env;
  if (flags.stack !== undefined) pulumi.runtime.setAllConfig(await readStackConfig(flags.stack, flags.cwd, env));
  const made = (api: EstateApi, make: () => unknown) => {
    try {
      return make();
    } catch (error) {
      throw new ConnectionError(`${api}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const fc = { endpoint: flags.fcEndpoint, env, ...(flags.timeoutMs !== undefined && { timeoutMs: flags.timeoutMs }) };
  return {
    ...(flags.apis.includes("fc2") && { fc2: made("fc2", () => createFcClient(fc)) as ReturnType<typeof createFcClient> }),
    ...(flags.apis.includes("fc3") && { fc3: made("fc3", () => createFc3Client(fc)) as ReturnType<typeof createFc3Client> }),
    ...(flags.apis.includes("functiongraph") && {
      functiongraph: made("functiongraph", () => createFunctionGraphClient({ endpoint: flags.functiongraphEndpoint, env, ...(flags.timeoutMs !== undefined && { timeoutMs: flags.timeoutMs }) })) as ReturnType<
        typeof createFunctionGraphClient
      >,
    }),
  };
}
