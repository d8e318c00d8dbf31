import { FcError } from "../../fc2/errors";
import { describeUnexpected } from "../errors";
import type { PageTokens } from "../paging/page-tokens";
import { NodeRuntime } from "../runtime";
import type { Store } from "../store";
import { AsyncEngine, type AttemptOutcome, type AttemptRequest, type AttemptRunner } from "./engine";
import type { Scheduler } from "./scheduler";
import { resolveRunnable, StoreDirectory, StoreEventStore } from "./store-adapters";

/**
 * What the InvokeFunction and stateful-task handlers reach through `HandlerEnv.invocations`: the
 * function runtime (sync invocations, and every async attempt) and the async engine, wired to the
 * resource store. One per emulator; `close()` stops the engine and kills every function instance.
 */

export interface InvocationServiceOptions {
  store: Store;
  region: string;
  /** The emulator's accounts: whose queued events are picked up again at start. */
  accountIds: () => readonly string[];
  /** The engine's time: real timers in the server, a VirtualClock in tests. */
  scheduler: Scheduler;
  pageTokens: PageTokens;
  /** Where engine faults (a runner that throws) are reported. */
  log: (line: string) => void;
}

/** Runs one async attempt: resolve the function as it is NOW (it may have changed or gone), then run it. */
class RuntimeAttemptRunner implements AttemptRunner {
  constructor(
    private readonly store: Store,
    private readonly region: string,
    private readonly runtime: NodeRuntime,
  ) {}

  async run(request: AttemptRequest): Promise<AttemptOutcome> {
    const { target } = request;
    let runnable;
    try {
      runnable = resolveRunnable(this.store.reader(target.accountId), this.region, target.accountId, target.serviceName, target.functionName, target.qualifier);
    } catch (error) {
      // Deleted since it was invoked, or never runnable here: the cloud's "Invalid" task.
      if (error instanceof FcError) return { kind: "invalid", reason: error.code };
      throw error;
    }
    const result = await this.runtime.invoke(runnable.spec, runnable.code, {
      requestId: request.requestId,
      event: request.payload,
      signal: request.signal,
      onStarted: request.onStarted,
    });
    switch (result.kind) {
      case "success":
        return { kind: "success", payload: result.payload, durationMs: result.durationMs, instanceId: result.instanceId };
      case "functionError":
        return { kind: "functionError", errorType: result.errorType, payload: result.payload, durationMs: result.durationMs, instanceId: result.instanceId };
      case "aborted":
        return { kind: "aborted", durationMs: result.durationMs };
    }
  }
}

export class InvocationService {
  readonly runtime: NodeRuntime;
  readonly engine: AsyncEngine;
  /** The engine's time source; the control surface drives it when it is a VirtualClock. */
  readonly scheduler: Scheduler;

  constructor(options: InvocationServiceOptions) {
    this.scheduler = options.scheduler;
    // Function timeouts run on real timers even when the engine's time is virtual: an attempt that
    // hangs must not wait for a test to move a clock that is itself waiting for the attempt.
    this.runtime = new NodeRuntime();
    this.engine = new AsyncEngine({
      scheduler: options.scheduler,
      runner: new RuntimeAttemptRunner(options.store, options.region, this.runtime),
      directory: new StoreDirectory(options.store),
      store: new StoreEventStore(options.store, options.accountIds),
      pageTokens: options.pageTokens,
      onError: (error) => options.log(`[fc-emulator] async attempt failed inside the emulator: ${describeUnexpected(error)}`),
    });
    this.engine.recover();
  }

  /** Forgets every async event and kept destination message (the control surface's reset). */
  reset(): void {
    this.engine.reset();
  }

  async close(): Promise<void> {
    this.engine.close();
    await this.runtime.close();
  }
}
