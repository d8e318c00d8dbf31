// examples/async-tasks as a user runs it, against the embedded emulator: deploy the function with the
// official SDK, `pulumi up` the program through the real CLI, then `invoke.ts`, whose printed timelines
// are asserted line by line. The engine runs on a VirtualClock: once both invocations are accepted the
// test runs every retry at once, so the example's 0.5 s / 1 s retry delays cost no real time.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { VirtualClock, type Emulator } from "../../emulator";
import { emulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { E2E_TEST_TIMEOUT_MS, repoRoot } from "../../scripts/lib/pulumi.ts";
import { $FcOpen, fcOpenFor, startEmulator } from "../support/emulator";

// Steps and hooks run real `pulumi` commands; each command has its own timeout (STEP_TIMEOUT_MS) that kills it
// and unlocks the stack, so a slow step on a loaded machine fails alone instead of locking the stack for the next.
vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const example = path.join(repoRoot, "examples", "async-tasks");
const tsNode = path.join(repoRoot, "node_modules", "ts-node", "dist", "bin.js");

const clock = new VirtualClock();
let fc: Emulator;

beforeAll(async () => {
  fc = await startEmulator({ asyncScheduler: clock });
});
afterAll(() => fc.close());

/** Runs a script of the example with ts-node, as its package.json scripts do. */
function script(cwd: string, env: NodeJS.ProcessEnv, file: string): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [tsNode, "--transpile-only", file], { cwd, env, stdio: "pipe" });
}

/** Output and exit code of a child, and a way to wait for a line it prints. */
function watch(child: ChildProcessWithoutNullStreams) {
  let stdout = "";
  let stderr = "";
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(stdout)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  return {
    exited,
    output: () => ({ stdout, stderr }),
    printed: (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stdout)) return resolve();
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`exited with ${code} before printing ${pattern}\n${stdout}\n${stderr}`)));
      }),
  };
}

describe("examples/async-tasks", () => {
  it("deploys, configures through the CLI, and prints both tasks' timelines", async () => {
    // A scratch copy of the example with a stack whose config points at the emulator (keys as secrets).
    const stack = await emulatorStack({ program: example, label: "async-tasks", emulator: fc });
    const cwd = stack.cwd;
    const { accountId, accessKeyId, accessKeySecret } = fc.credentials;
    // The example's scripts read the connection from the environment, as its README shows.
    const connection = { FC_ENDPOINT: fc.url, ALICLOUD_ACCOUNT_ID: accountId, ALICLOUD_ACCESS_KEY: accessKeyId, ALICLOUD_SECRET_KEY: accessKeySecret, ALICLOUD_REGION: fc.region };
    const env = { ...stack.env, ...connection };

    const deploy = watch(script(cwd, env, "deploy-function.ts"));
    expect([await deploy.exited, deploy.output().stdout]).toEqual([0, "created service orders\ncreated function orders/process-order\n"]);

    await stack.run(["up", "--yes", "--skip-preview"]);
    const live = await fcOpenFor(fc).getFunctionAsyncInvokeConfig("orders", "process-order", new $FcOpen.GetFunctionAsyncInvokeConfigRequest({}));
    expect([live.body.maxAsyncRetryAttempts, live.body.maxAsyncEventAgeInSeconds, live.body.statefulInvocation]).toEqual([2, 3600, true]);

    const invoke = watch(script(cwd, env, "invoke.ts"));
    await invoke.printed(/task order-\d+-bad\n/);
    // Both events are queued: run them, retries included, in virtual time.
    await clock.runUntilIdle();
    const code = await invoke.exited;
    const { stdout, stderr } = invoke.output();
    expect([code, stderr]).toEqual([0, ""]);
    // The script names its tasks after the time it ran; everything else is exact.
    const runId = /task order-(\d+)-ok/.exec(stdout)?.[1] ?? "no run id printed";
    expect(stdout.replaceAll(runId, "<run>").split("\n")).toEqual([
      "invoked process-order asynchronously: HTTP 202, task order-<run>-ok",
      "invoked process-order asynchronously: HTTP 202, task order-<run>-bad",
      "",
      "task order-<run>-ok: Succeeded",
      "  retries: 0   destination: Succeeded",
      "   1       +0 ms  Enqueued",
      "   2       +0 ms  Running",
      "   3       +0 ms  Succeeded",
      `  returned: {"orderId":"A-<run>","status":"processed"}`,
      "",
      "task order-<run>-bad: Failed",
      "  retries: 2   destination: Succeeded   error: HandledInvocationError",
      "   1       +0 ms  Enqueued",
      "   2       +0 ms  Running",
      `   3       +0 ms  Retrying  {"Error":"HandledInvocationError"}`,
      "   4     +500 ms  Running",
      `   5     +500 ms  Retrying  {"Error":"HandledInvocationError"}`,
      "   6    +1500 ms  Running",
      `   7    +1500 ms  Failed    {"Error":"HandledInvocationError"}`,
      expect.stringMatching(/^  returned: \{"errorMessage":"order B-<run> cannot be processed","errorType":"Error","stackTrace":\["Error: order B-<run> cannot be processed",/),
      "",
      "what the destinations received (emulator control surface):",
      `  acs:mns:${fc.region}:${accountId}:/queues/order-results/messages`,
      `    success, after 1 attempt(s): {"orderId":"A-<run>","status":"processed"}`,
      `  acs:mns:${fc.region}:${accountId}:/topics/order-failures/messages`,
      expect.stringMatching(/^    HandledInvocationError, after 3 attempt\(s\): \{"errorMessage":"order B-<run> cannot be processed"/),
      "",
    ]);
  });
});
