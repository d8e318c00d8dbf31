// One `pulumi` command as an end-to-end test step, with a deadline that cannot leave the stack locked: past the
// deadline the command gets SIGINT (Pulumi cancels and releases its lock), then SIGKILL, and any lock file left in
// the file backend is removed, so the next step (or the next test file) starts on an unlocked stack.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import type { PulumiResult } from "../../scripts/lib/pulumi.ts";

export async function pulumiStep(stack: EmulatorStack, args: readonly string[], timeoutMs: number): Promise<PulumiResult & { timedOut: boolean }> {
  const child = spawn("pulumi", [...args, "--non-interactive"], { cwd: stack.cwd, env: stack.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let timedOut = false;
  const interrupt = setTimeout(() => {
    timedOut = true;
    child.kill("SIGINT");
  }, timeoutMs);
  const kill = setTimeout(() => child.kill("SIGKILL"), timeoutMs + 20_000);
  const code = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exit) => resolve(exit ?? -1));
  });
  clearTimeout(interrupt);
  clearTimeout(kill);
  if (timedOut) {
    const locks = path.join(stack.backendDir, ".pulumi", "locks");
    if (existsSync(locks)) rmSync(locks, { recursive: true, force: true });
  }
  return { code, stdout, stderr, timedOut };
}

/** `pulumiStep` that must succeed. */
export async function pulumiOk(stack: EmulatorStack, args: readonly string[], timeoutMs = 240_000): Promise<string> {
  const result = await pulumiStep(stack, args, timeoutMs);
  if (result.code !== 0) {
    throw new Error(`pulumi ${args.join(" ")} ${result.timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${result.code}`}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}
