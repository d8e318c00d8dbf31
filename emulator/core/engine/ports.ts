import type { NodeRuntime } from "../runtime";
import type { Store } from "../store";
import type { AsyncPolicy, EventRecord, EventTarget } from "./model";

/**
 * What the engine asks of the world, as interfaces: one `EngineApi` per registered API (how its
 * functions run, which policy applies, what a destination receives) and an `EventStore` to keep events
 * across restarts. The server wires these to the store and the runtime; tests pass fakes.
 */

/** How one attempt ended, as the runner saw it. */
export type AttemptOutcome =
  | { kind: "success"; payload: Buffer; durationMs: number; instanceId?: string | undefined }
  | { kind: "functionError"; handled: boolean; errorType: string; payload: Buffer; durationMs: number; instanceId?: string | undefined }
  /** Refused before the function ran (429, 503, 500): retried on the throttling backoff. */
  | { kind: "throttled"; statusCode: number; errorCode: string }
  /** The function (or its qualifier) no longer exists, or cannot run here at all; `reason` is the API's code for it. */
  | { kind: "invalid"; reason: string }
  /** The attempt's signal was aborted (a stop, or the engine closing). */
  | { kind: "aborted"; durationMs: number };

export interface AttemptRequest {
  target: EventTarget;
  requestId: string;
  taskId: string | undefined;
  payload: Buffer;
  /** 1 for the first attempt that reaches the function, 2 for the first retry, … */
  attempt: number;
  signal: AbortSignal;
  /** The runner calls this when the function actually starts; only then is the event running. */
  onStarted: () => void;
}

/** One API's side of the engine. */
export interface EngineApi {
  /** The policy in force for exactly the invoked qualifier: its async config, or the API's defaults. */
  policy(target: EventTarget): AsyncPolicy;
  /** Whether the function exists at that qualifier: a function destination must. */
  functionExists(target: EventTarget): boolean;
  /** Runs one attempt: resolve the function as it is NOW (it may have changed or gone), then run it. */
  run(request: AttemptRequest): Promise<AttemptOutcome>;
  /** The id of a task whose caller named none, derived from its request id in the API's id grammar. */
  taskId(requestId: string): string;
  /** What a destination receives for a finished event, in the API's shape. */
  destinationRecord(record: Readonly<EventRecord>): unknown;
}

/** Where events are kept between restarts. The engine's own maps are the truth while it runs. */
export interface EventStore {
  save(record: EventRecord): void;
  remove(record: EventRecord): void;
  /** Everything saved, for `recover()`. */
  load(): EventRecord[];
}

export class MemoryEventStore implements EventStore {
  readonly #records = new Map<string, EventRecord>();
  save(record: EventRecord): void {
    this.#records.set(record.requestId, structuredClone(record));
  }
  remove(record: EventRecord): void {
    this.#records.delete(record.requestId);
  }
  load(): EventRecord[] {
    return [...this.#records.values()].map((r) => structuredClone(r));
  }
}

/** What an API's `EngineApi` is built from. */
export interface EngineDeps {
  readonly store: Store;
  readonly region: string;
  /** Runs Node.js function code (`core/runtime`). */
  readonly runtime: NodeRuntime;
  /** An account's project id (FunctionGraph URNs name it). */
  readonly projectOf: (accountId: string) => string;
}

/** What the invocation service reads of a registered API (an `ApiModule`'s `name` and `engine`). */
export interface EngineSource {
  readonly name: string;
  engine?(deps: EngineDeps): EngineApi;
}
