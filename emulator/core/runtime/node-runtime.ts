import { systemClock, type Clock } from "../clock";
import { CodeCache, CodeUnpackError, type FunctionCode } from "./code-cache";
import { childEntry, Instance, jsonBytes } from "./instance";
import type { FunctionErrorBody } from "./protocol";
import { isNodeRuntime, UnsupportedRuntimeError, type FunctionSpec, type InvocationResult, type InvokeOptions } from "./types";

/**
 * Runs Node.js functions' real code, each instance in a child process of its own (`instance.ts`):
 * user code can `process.exit`, loop forever or exhaust its heap without touching the emulator, and a
 * timeout or a stop kills exactly that instance. This file is the pool: instances stay warm between
 * invocations (the clouds reuse instances too, and a cold fork costs ~50 ms), at most a few per
 * function, and are retired when the function's code or configuration changes. API-neutral: the API
 * folder builds the `FunctionSpec` (environment, context) and words the result.
 */

export { InstanceStartError, isNodeRuntime, UnsupportedRuntimeError, type FunctionErrorCause, type FunctionSpec, type InvocationResult, type InvokeOptions } from "./types";

export interface NodeRuntimeOptions {
  /**
   * Times function timeouts. Real timers by default; a test that checks timeouts passes a
   * `VirtualClock`. Keep it separate from the async engine's clock: an engine task awaiting a
   * hung function would otherwise block the very clock that must fire its timeout.
   */
  clock?: Clock;
  /** Warm instances kept per function version; invocations beyond it wait their turn. Default 4. */
  maxInstancesPerFunction?: number;
  /** An idle instance is stopped after this long (real time, housekeeping only). Default 5 minutes. */
  idleInstanceTtlMs?: number;
}

/** Everything that changes the process an instance runs in; a change means fresh instances. */
function instanceShape(spec: FunctionSpec, code: FunctionCode): string {
  const sorted = (record: Readonly<Record<string, unknown>>) => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    code.checksum,
    spec.runtime,
    spec.handler,
    spec.memorySize,
    spec.initializer ?? null,
    // What the function sees of itself (names, version, region) is in these two.
    sorted(spec.environment("")),
    JSON.stringify(spec.context("")),
  ]);
}

interface Pool {
  shape: string;
  instances: Instance[];
  /** Invocations waiting for an instance, first come first served. */
  waiters: Array<() => void>;
}

export class NodeRuntime {
  readonly #clock: Clock;
  readonly #maxInstances: number;
  readonly #idleTtlMs: number;
  readonly #code = new CodeCache();
  readonly #pools = new Map<string, Pool>();
  #closed = false;

  constructor(options: NodeRuntimeOptions = {}) {
    this.#clock = options.clock ?? systemClock;
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
      return { kind: "functionError", cause: "unhandled", body, payload: jsonBytes(body), logs: "", durationMs: 0, instanceId: "" };
    }

    const instance = await this.#acquire(spec, code, codeDir);
    try {
      return await instance.run(
        {
          type: "invoke",
          requestId: options.requestId,
          codeDir,
          handler: spec.handler,
          initializer: spec.initializer,
          event: options.event,
          eventAs: spec.eventAs,
          thrownErrors: spec.thrownErrors,
          context: spec.context(options.requestId),
        },
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
    const key = spec.poolKey;
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
        const instance = new Instance(childEntry(), codeDir, spec, this.#clock, (gone) => {
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
    const pool = this.#pools.get(spec.poolKey);
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

