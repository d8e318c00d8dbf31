import { derivedProjectId } from "../accounts";
import type { Clock } from "../clock";
import { describeUnexpected } from "../errors";
import type { PageTokens } from "../paging/page-tokens";
import { NodeRuntime } from "../runtime";
import type { Store } from "../store";
import { AsyncEngine } from "./engine";
import { StoreEventStore } from "./event-store";
import type { EngineApi, EngineSource } from "./ports";

/**
 * What the invocation and task handlers of every API reach through `HandlerEnv.invocations`: the
 * function runtime (sync invocations, and every async attempt) and the async engine, wired to the
 * resource store and to each API's `EngineApi`. One per emulator; `close()` stops the engine and kills
 * every function instance.
 */

export interface InvocationServiceOptions {
  store: Store;
  region: string;
  /** The registered APIs; those with an `engine` member take part in async invocation. */
  apis: readonly EngineSource[];
  /** The emulator's accounts: whose queued events are picked up again at start. */
  accountIds: () => readonly string[];
  /** An account's project id, for APIs whose names carry it; derived from the account id when absent. */
  projectOf?: (accountId: string) => string;
  /** The engine's time: real timers in the server, a VirtualClock in tests. */
  clock: Clock;
  pageTokens: PageTokens;
  /** Where engine faults (a runner that throws) are reported. */
  log: (line: string) => void;
}

export class InvocationService {
  readonly runtime: NodeRuntime;
  readonly engine: AsyncEngine;
  /** The engine's time; the control surface drives it when it is a VirtualClock. */
  readonly clock: Clock;

  constructor(options: InvocationServiceOptions) {
    this.clock = options.clock;
    // Function timeouts run on real timers even when the engine's time is virtual: an attempt that
    // hangs must not wait for a test to move a clock that is itself waiting for the attempt.
    this.runtime = new NodeRuntime();
    const deps = { store: options.store, region: options.region, runtime: this.runtime, projectOf: options.projectOf ?? derivedProjectId };
    const apis: Record<string, EngineApi> = {};
    for (const api of options.apis) if (api.engine !== undefined) apis[api.name] = api.engine(deps);
    this.engine = new AsyncEngine({
      clock: options.clock,
      apis,
      store: new StoreEventStore(options.store, options.accountIds),
      pageTokens: options.pageTokens,
      onError: (error) => options.log(`[emulator] async attempt failed inside the emulator: ${describeUnexpected(error)}`),
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
