import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { Clock, TimerHandle } from "../clock";
import { childMessageSchema, type ChildMessage, type FunctionErrorBody, type InvokeMessage } from "./protocol";
import { InstanceStartError, type Completed, type FunctionSpec, type InvocationResult } from "./types";

/**
 * One function instance: the child process (`child.mts`) that runs a function's code, and its life —
 * start, one invocation at a time, timeout, abort, crash, kill. The pool (`node-runtime.ts`) decides
 * which instance runs what. The wording of the timeout and crash bodies is Alibaba's Node.js runtime's.
 */

const CHILD_CANDIDATES = ["child.mjs", "child.mts"];
/** The `dist/` build holds `child.mjs`; the repository (tests) holds `child.mts`, run by type stripping. */
export function childEntry(): { file: string; execArgv: string[] } {
  for (const name of CHILD_CANDIDATES) {
    const file = path.join(__dirname, name);
    if (existsSync(file)) {
      const needsFlag = name.endsWith(".mts") && (process.features as { typescript?: unknown }).typescript === undefined;
      return { file, execArgv: needsFlag ? ["--experimental-strip-types"] : [] };
    }
  }
  throw new InstanceStartError(`the function runner is missing: none of ${CHILD_CANDIDATES.join(", ")} in ${__dirname}`);
}

const STDERR_TAIL_CHARS = 4096;

interface Pending {
  requestId: string;
  startedAt: number | undefined;
  rssBytes: number;
  timer: TimerHandle | undefined;
  resolve: (result: InvocationResult) => void;
  onStarted: (() => void) | undefined;
  timeoutSeconds: number;
  detachAbort: () => void;
}

/** One warm child process. */
export class Instance {
  readonly id = `c-${randomBytes(6).toString("hex")}`;
  readonly ready: Promise<void>;
  busy = false;
  /** The process is gone, or going: killed instances are never handed out again. */
  exited = false;
  idleTimer: NodeJS.Timeout | undefined;
  #child: ChildProcess;
  #pending: Pending | undefined;
  #stderrTail = "";
  #gone = false;

  constructor(
    entry: { file: string; execArgv: string[] },
    codeDir: string,
    spec: FunctionSpec,
    private readonly clock: Clock,
    private readonly onExit: (instance: Instance) => void,
  ) {
    this.#child = fork(entry.file, [], {
      cwd: codeDir,
      // Only what the function is configured with, plus what its API's runtime sets: never the
      // emulator's own environment, which may hold the operator's cloud credentials.
      env: processEnvironment(codeDir, spec),
      execArgv: [...entry.execArgv, `--max-old-space-size=${Math.max(16, Math.floor(spec.memorySize))}`],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.#child.stderr?.setEncoding("utf8");
    this.#child.stderr?.on("data", (chunk: string) => {
      this.#stderrTail = (this.#stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    this.ready = new Promise((resolve, reject) => {
      const onReady = (raw: unknown): void => {
        const parsed = childMessageSchema.safeParse(raw);
        if (parsed.success && parsed.data.type === "ready") {
          this.#child.off("message", onReady);
          this.#child.off("exit", onEarlyExit);
          this.#child.on("message", (message: unknown) => this.#onMessage(message));
          resolve();
        }
      };
      const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        reject(new InstanceStartError(`function instance exited before it was ready (${signal ?? `code ${code}`}): ${this.#stderrTail.trim()}`));
      };
      this.#child.on("message", onReady);
      this.#child.once("exit", onEarlyExit);
      this.#child.once("error", (error) => reject(new InstanceStartError(`function instance failed to start: ${error.message}`)));
    });
    this.#child.on("exit", () => this.#onExit());
  }

  run(message: InvokeMessage, timeoutSeconds: number, signal: AbortSignal | undefined, onStarted: (() => void) | undefined): Promise<InvocationResult> {
    return new Promise((resolve) => {
      const pending: Pending = { requestId: message.requestId, startedAt: undefined, rssBytes: 0, timer: undefined, resolve, onStarted, timeoutSeconds, detachAbort: () => {} };
      this.#pending = pending;
      if (this.exited) {
        this.#onExit();
        return;
      }
      if (signal !== undefined) {
        const onAbort = (): void => this.#finish({ kind: "aborted", logs: "", durationMs: this.#elapsed(), instanceId: this.id }, true);
        if (signal.aborted) {
          onAbort();
          return;
        }
        signal.addEventListener("abort", onAbort, { once: true });
        pending.detachAbort = () => signal.removeEventListener("abort", onAbort);
      }
      // A send that fails means the process is dying; its exit settles the invocation.
      this.#child.send(message, () => {});
    });
  }

  kill(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill("SIGKILL");
    this.exited = true;
  }

  #elapsed(): number {
    const started = this.#pending?.startedAt;
    return started === undefined ? 0 : Math.round(performance.now() - started);
  }

  #onMessage(raw: unknown): void {
    const parsed = childMessageSchema.safeParse(raw);
    const pending = this.#pending;
    // User code can `process.send` too: anything that is not ours, or not about the invocation in
    // flight, is ignored.
    if (!parsed.success || pending === undefined) return;
    const message: ChildMessage = parsed.data;
    if (message.type === "ready" || message.requestId !== pending.requestId) return;
    if (message.type === "started") {
      pending.startedAt = performance.now();
      pending.rssBytes = message.rssBytes;
      pending.timer = this.clock.schedule(pending.timeoutSeconds * 1000, () => this.#timeOut());
      pending.onStarted?.();
      return;
    }
    pending.rssBytes = message.rssBytes;
    const completed: Completed = { logs: message.logs, durationMs: this.#elapsed(), instanceId: this.id };
    if (message.type === "result") {
      this.#finish({ kind: "success", payload: Buffer.from(message.payload.buffer, message.payload.byteOffset, message.payload.byteLength), ...completed }, false);
    } else {
      const cause = message.handling === "handled" ? "handled" : "unhandled";
      this.#finish({ kind: "functionError", cause, body: message.body, payload: jsonBytes(message.body), ...completed }, false);
    }
  }

  #timeOut(): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    // The cloud's wording (FC 2.0 Node.js runtime) for a handler that outlives its timeout.
    const body: FunctionErrorBody = {
      errorMessage: `Function timed out after ${pending.timeoutSeconds} seconds (maxMemoryUsage: ${megabytes(pending.rssBytes)})`,
    };
    this.#finish(
      { kind: "functionError", cause: "timeout", body, payload: jsonBytes(body), logs: "", durationMs: this.#elapsed(), instanceId: this.id },
      true,
    );
  }

  #onExit(): void {
    const first = !this.#gone;
    this.#gone = true;
    this.exited = true;
    const pending = this.#pending;
    if (pending !== undefined) {
      // The cloud's wording for a process that dies mid-invocation (`process.exit`, a crash, OOM).
      const body: FunctionErrorBody = {
        errorMessage: `Process exited unexpectedly before completing request (duration: ${this.#elapsed()}ms, maxMemoryUsage: ${megabytes(pending.rssBytes)})`,
      };
      this.#finish(
        { kind: "functionError", cause: "crash", body, payload: jsonBytes(body), logs: this.#stderrTail, durationMs: this.#elapsed(), instanceId: this.id },
        false,
      );
    }
    if (first) this.onExit(this);
  }

  #finish(result: InvocationResult, kill: boolean): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    pending.timer?.cancel();
    pending.detachAbort();
    if (kill) this.kill();
    pending.resolve(result);
  }
}

export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), "utf8");
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(2)}MB`;
}

/** A child's environment: PATH, LANG and TZ from ours (nothing else: it may hold the operator's keys), then the API's. */
function processEnvironment(codeDir: string, spec: FunctionSpec): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of ["PATH", "LANG", "TZ"]) {
    const value = process.env[name];
    if (value !== undefined) inherited[name] = value;
  }
  return { ...inherited, ...spec.environment(codeDir) };
}
