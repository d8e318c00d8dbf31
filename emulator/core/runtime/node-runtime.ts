import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { systemScheduler, type Scheduler, type TimerHandle } from "../engine/scheduler";
import { CodeCache, CodeUnpackError, type FunctionCode } from "./code-cache";
import {
  childMessageSchema,
  type ChildMessage,
  type FunctionErrorBody,
  type InvocationContext,
  type InvokeMessage,
} from "./protocol";

/**
 * Runs Node.js functions' real code, FC 2.0-style, each instance in a child process of its own:
 * user code can `process.exit`, loop forever or exhaust its heap without touching the emulator, and a
 * timeout or a Stop kills exactly that instance. Instances stay warm between invocations (FC reuses
 * instances too, and a cold fork costs ~50 ms) and are retired when the function's code or
 * configuration changes.
 */

/** What the runtime needs to know about the function version being invoked. */
export interface FunctionSpec {
  accountId: string;
  region: string;
  serviceName: string;
  functionName: string;
  /** As invoked: `LATEST`, a version number or an alias name. */
  qualifier: string;
  /** The version actually run (`""` for LATEST), as FC passes it in `context.service.versionId`. */
  versionId: string;
  runtime: string;
  handler: string;
  /** MB; also the child's V8 heap limit, so a function that outgrows its memory fails as in the cloud. */
  memorySize: number;
  /** Seconds. */
  timeout: number;
  initializer?: string;
  initializationTimeout?: number;
  environmentVariables: Readonly<Record<string, string>>;
  logProject?: string;
  logStore?: string;
}

export interface InvokeOptions {
  requestId: string;
  event: Uint8Array;
  /** Aborting kills the instance running this invocation (StopStatefulAsyncInvocation). */
  signal?: AbortSignal;
  /** Called when the handler is about to run — the instant the function's timeout starts counting. */
  onStarted?: () => void;
}

interface Completed {
  /** Everything the function printed during this invocation. */
  logs: string;
  /** Wall-clock time from the handler's start to its outcome. */
  durationMs: number;
  instanceId: string;
}

/** FC's two function error types; the HTTP layer answers them as 200 + `X-Fc-Error-Type`. */
export type FunctionErrorType = "HandledInvocationError" | "UnhandledInvocationError";

export type InvocationResult =
  | ({ kind: "success"; payload: Buffer } & Completed)
  | ({ kind: "functionError"; errorType: FunctionErrorType; body: FunctionErrorBody; payload: Buffer } & Completed)
  | ({ kind: "aborted" } & Completed);

/** Only `nodejs*` runtimes run here; the HTTP layer answers this with the catalogue's code for it. */
export class UnsupportedRuntimeError extends Error {
  readonly runtime: string;
  constructor(runtime: string) {
    super(`runtime '${runtime}' is not supported by the emulator: only Node.js runtimes (nodejs*) run function code`);
    this.name = "UnsupportedRuntimeError";
    this.runtime = runtime;
  }
}

/** An instance could not be started at all: an emulator fault, not a function error. */
export class InstanceStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InstanceStartError";
  }
}

export function isNodeRuntime(runtime: string): boolean {
  return /^nodejs\d+(\.\d+)?$/.test(runtime);
}

export interface NodeRuntimeOptions {
  /**
   * Times function timeouts. Real timers by default; a test that checks timeouts passes a
   * `VirtualClock`. Keep it separate from the async engine's clock: an engine task awaiting a
   * hung function would otherwise block the very clock that must fire its timeout.
   */
  scheduler?: Scheduler;
  /** Warm instances kept per function version; invocations beyond it wait their turn. Default 4. */
  maxInstancesPerFunction?: number;
  /** An idle instance is stopped after this long (real time, housekeeping only). Default 5 minutes. */
  idleInstanceTtlMs?: number;
}

const CHILD_CANDIDATES = ["child.mjs", "child.mts"];
/** The `dist/` build holds `child.mjs`; the repository (tests) holds `child.mts`, run by type stripping. */
function childEntry(): { file: string; execArgv: string[] } {
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
class Instance {
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
    private readonly scheduler: Scheduler,
    private readonly onExit: (instance: Instance) => void,
  ) {
    this.#child = fork(entry.file, [], {
      cwd: codeDir,
      // Only what the function is configured with, plus what FC itself sets: never the emulator's own
      // environment, which may hold the operator's cloud credentials.
      env: functionEnvironment(codeDir, spec),
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
      pending.timer = this.scheduler.schedule(pending.timeoutSeconds * 1000, () => this.#timeOut());
      pending.onStarted?.();
      return;
    }
    pending.rssBytes = message.rssBytes;
    const completed: Completed = { logs: message.logs, durationMs: this.#elapsed(), instanceId: this.id };
    if (message.type === "result") {
      this.#finish({ kind: "success", payload: Buffer.from(message.payload.buffer, message.payload.byteOffset, message.payload.byteLength), ...completed }, false);
    } else {
      const errorType: FunctionErrorType = message.handling === "handled" ? "HandledInvocationError" : "UnhandledInvocationError";
      this.#finish({ kind: "functionError", errorType, body: message.body, payload: jsonBytes(message.body), ...completed }, false);
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
      { kind: "functionError", errorType: "UnhandledInvocationError", body, payload: jsonBytes(body), logs: "", durationMs: this.#elapsed(), instanceId: this.id },
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
        { kind: "functionError", errorType: "UnhandledInvocationError", body, payload: jsonBytes(body), logs: this.#stderrTail, durationMs: this.#elapsed(), instanceId: this.id },
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

function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), "utf8");
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(2)}MB`;
}

/** The variables FC's runtime sets, then the function's own (which win, as in the cloud). */
function functionEnvironment(codeDir: string, spec: FunctionSpec): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of ["PATH", "LANG", "TZ"]) {
    const value = process.env[name];
    if (value !== undefined) inherited[name] = value;
  }
  return {
    ...inherited,
    FC_FUNC_CODE_PATH: codeDir,
    FC_RUNTIME: spec.runtime,
    FC_REGION: spec.region,
    FC_ACCOUNT_ID: spec.accountId,
    FC_SERVICE_NAME: spec.serviceName,
    FC_FUNCTION_NAME: spec.functionName,
    FC_QUALIFIER: spec.qualifier,
    FC_FUNCTION_HANDLER: spec.handler,
    FC_FUNCTION_MEMORY_SIZE: String(spec.memorySize),
    ...spec.environmentVariables,
  };
}

/** Everything that changes the process an instance runs in; a change means fresh instances. */
function instanceShape(spec: FunctionSpec, code: FunctionCode): string {
  return JSON.stringify([
    code.checksum,
    spec.runtime,
    spec.handler,
    spec.memorySize,
    spec.initializer ?? null,
    spec.region,
    spec.versionId,
    Object.entries(spec.environmentVariables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
}

interface Pool {
  shape: string;
  instances: Instance[];
  /** Invocations waiting for an instance, first come first served. */
  waiters: Array<() => void>;
}

export class NodeRuntime {
  readonly #scheduler: Scheduler;
  readonly #maxInstances: number;
  readonly #idleTtlMs: number;
  readonly #code = new CodeCache();
  readonly #pools = new Map<string, Pool>();
  #closed = false;

  constructor(options: NodeRuntimeOptions = {}) {
    this.#scheduler = options.scheduler ?? systemScheduler();
    this.#maxInstances = options.maxInstancesPerFunction ?? 4;
    this.#idleTtlMs = options.idleInstanceTtlMs ?? 5 * 60_000;
  }

  /**
   * Runs one invocation. Resolves with the function's outcome (success, function error — including
   * timeouts and crashes — or aborted); rejects only for what is not the function's fault:
   * `UnsupportedRuntimeError`, `InstanceStartError`, or the runtime being closed.
   */
  async invoke(spec: FunctionSpec, code: FunctionCode, options: InvokeOptions): Promise<InvocationResult> {
    if (!isNodeRuntime(spec.runtime)) throw new UnsupportedRuntimeError(spec.runtime);
    if (this.#closed) throw new Error("the function runtime is closed");

    let codeDir: string;
    try {
      codeDir = await this.#code.directory(spec.accountId, code);
    } catch (error) {
      if (!(error instanceof CodeUnpackError)) throw error;
      // Bad code is the function's problem, reported the way a module that fails to load is.
      const body: FunctionErrorBody = { errorMessage: error.message, errorType: error.name };
      options.onStarted?.();
      return { kind: "functionError", errorType: "UnhandledInvocationError", body, payload: jsonBytes(body), logs: "", durationMs: 0, instanceId: "" };
    }

    const instance = await this.#acquire(spec, code, codeDir);
    try {
      return await instance.run(
        { type: "invoke", requestId: options.requestId, codeDir, handler: spec.handler, event: options.event, context: invocationContext(spec, options.requestId) },
        spec.timeout,
        options.signal,
        options.onStarted,
      );
    } finally {
      this.#release(spec, instance);
    }
  }

  /** Live instances across all functions (tests check warm reuse and clean-up with it). */
  instanceCount(): number {
    let count = 0;
    for (const pool of this.#pools.values()) count += pool.instances.filter((i) => !i.exited).length;
    return count;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const pool of this.#pools.values()) {
      for (const instance of pool.instances) {
        if (instance.idleTimer !== undefined) clearTimeout(instance.idleTimer);
        instance.kill();
      }
    }
    this.#pools.clear();
    await this.#code.close();
  }

  async #acquire(spec: FunctionSpec, code: FunctionCode, codeDir: string): Promise<Instance> {
    const key = JSON.stringify([spec.accountId, spec.serviceName, spec.qualifier, spec.functionName]);
    const shape = instanceShape(spec, code);
    let pool = this.#pools.get(key);
    if (pool !== undefined && pool.shape !== shape) {
      // New code or configuration: idle instances of the old one go now, busy ones when they finish.
      for (const instance of pool.instances) if (!instance.busy) instance.kill();
      const waiters = pool.waiters;
      pool = undefined;
      for (const wake of waiters) wake();
    }
    if (pool === undefined) {
      pool = { shape, instances: [], waiters: [] };
      this.#pools.set(key, pool);
    }
    for (;;) {
      const idle = pool.instances.find((i) => !i.busy && !i.exited);
      if (idle !== undefined) {
        idle.busy = true;
        if (idle.idleTimer !== undefined) clearTimeout(idle.idleTimer);
        return idle;
      }
      if (pool.instances.filter((i) => !i.exited).length < this.#maxInstances) {
        const current = pool;
        const instance = new Instance(childEntry(), codeDir, spec, this.#scheduler, (gone) => {
          current.instances = current.instances.filter((i) => i !== gone);
          current.waiters.shift()?.();
        });
        instance.busy = true;
        pool.instances.push(instance);
        try {
          await instance.ready;
        } catch (error) {
          instance.kill();
          pool.instances = pool.instances.filter((i) => i !== instance);
          throw error;
        }
        return instance;
      }
      const waiting = pool;
      await new Promise<void>((resolve) => waiting.waiters.push(resolve));
      if (this.#pools.get(key) !== waiting) return this.#acquire(spec, code, codeDir);
    }
  }

  #release(spec: FunctionSpec, instance: Instance): void {
    instance.busy = false;
    const key = JSON.stringify([spec.accountId, spec.serviceName, spec.qualifier, spec.functionName]);
    const pool = this.#pools.get(key);
    if (pool === undefined || !pool.instances.includes(instance)) {
      // Retired while it ran (the function changed): it is not reused.
      instance.kill();
      return;
    }
    if (!instance.exited) {
      instance.idleTimer = setTimeout(() => instance.kill(), this.#idleTtlMs);
      instance.idleTimer.unref();
    }
    pool.waiters.shift()?.();
  }
}

/** FC 2.0's `context` for Node.js. There is no service role here, so the credentials are empty. */
function invocationContext(spec: FunctionSpec, requestId: string): InvocationContext {
  const fn: InvocationContext["function"] = { name: spec.functionName, handler: spec.handler, memory: spec.memorySize, timeout: spec.timeout };
  if (spec.initializer !== undefined) fn.initializer = spec.initializer;
  if (spec.initializationTimeout !== undefined) fn.initializationTimeout = spec.initializationTimeout;
  return {
    requestId,
    credentials: { accessKeyId: "", accessKeySecret: "", securityToken: "" },
    function: fn,
    service: {
      name: spec.serviceName,
      logProject: spec.logProject ?? "",
      logStore: spec.logStore ?? "",
      qualifier: spec.qualifier,
      versionId: spec.versionId,
    },
    region: spec.region,
    accountId: spec.accountId,
  };
}
