// `fc-emulator --virtual-time`: the command (from dist/, as `npx fc-emulator` runs it) in its own process, its
// engine clock moved only through the control surface, and examples/virtual-time/walk.ts taking a task through
// retries and expiry against it. Without the flag the clock cannot be moved.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { ControlClient } from "../../emulator";
import { repoRoot } from "../../scripts/lib/pulumi.ts";

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
});

type StartLine = { url: string; accountId: string; virtualTime: boolean };

async function startCli(args: string[]): Promise<StartLine> {
  const child = spawn(process.execPath, [path.join(repoRoot, "dist", "emulator", "cli.js"), "--port", "0", "--json", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) return JSON.parse(line) as StartLine;
  throw new Error("fc-emulator exited before printing its endpoint");
}

function walk(url: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(repoRoot, "examples", "virtual-time", "walk.ts")], {
      cwd: repoRoot,
      env: { ...process.env, FC_ENDPOINT: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

describe("fc-emulator --virtual-time", () => {
  it("runs the engine on a clock that only the control surface moves", async () => {
    const started = await startCli(["--virtual-time"]);
    expect(started.virtualTime).toBe(true);
    const control = new ControlClient(started.url);
    const before = await control.clock();
    expect(before).toMatchObject({ virtual: true, pendingTasks: 0, nextDueAt: null });
    expect(Math.abs(Date.parse(before.now) - Date.now())).toBeLessThan(60_000); // starts at the real time of the start
    expect(await control.advanceClock(3_600_000)).toMatchObject({ now: new Date(Date.parse(before.now) + 3_600_000).toISOString(), virtual: true });
    expect((await control.clock()).now).toBe(new Date(Date.parse(before.now) + 3_600_000).toISOString());
  }, 60_000);

  it("walks a task through its retries to Failed and another to Expired (examples/virtual-time/walk.ts)", async () => {
    const started = await startCli(["--virtual-time"]);
    const { code, output } = await walk(started.url);
    expect(code, output).toBe(0);
    const lines = output.split("\n").map((l) => l.trim());
    expect(lines).toContain("retried: Enqueued, 0 attempt(s); events Enqueued");
    expect(lines).toContain("retried: Retrying, 1 attempt(s); events Enqueued → Running → Retrying");
    expect(lines).toContain("retried: Retrying, 2 attempt(s); events Enqueued → Running → Retrying → Running → Retrying");
    expect(lines).toContain("retried: Failed, 3 attempt(s); events Enqueued → Running → Retrying → Running → Retrying → Running → Failed");
    expect(lines).toContain("expired: Expired, 0 attempt(s); events Enqueued → Expired");
    const queue = "acs:mns:cn-hangzhou:1234567890123456:/queues/walk-failures/messages";
    expect(lines).toContain(`${queue}: condition HandledInvocationError, invoke count 3`);
    expect(lines).toContain(`${queue}: condition EventAgeExceeded, invoke count 0`);
  }, 120_000);

  it("without the flag the engine runs on real time, and moving it is refused", async () => {
    const started = await startCli([]);
    expect(started.virtualTime).toBe(false);
    const response = await fetch(`${started.url}/_emulator/clock/advance`, { method: "POST", body: JSON.stringify({ ms: 1000 }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { ErrorCode: string }).ErrorCode).toBe("InvalidArgument");
    expect(await new ControlClient(started.url).clock()).toMatchObject({ virtual: false });
  }, 60_000);
});
