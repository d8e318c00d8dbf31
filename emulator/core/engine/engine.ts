import { randomUUID } from "node:crypto";
import type { Clock, TimerHandle } from "../clock";
import { PageTokens } from "../paging/page-tokens";
import { MessageLog } from "./messages";
import { terminalStatuses, type AsyncPolicy, type Destination, type EventRecord, type EventStatus, type EventTarget, type FailureCause, type TaskListQuery, type TaskScope } from "./model";
import { MemoryEventStore, type AttemptOutcome, type EngineApi, type EventStore } from "./ports";
import { ConcurrencyLimiter } from "./queues";
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from "./retry";
import { TaskIndex } from "./tasks";

/**
 * The async invocation engine: the clouds' internal queue, per function and qualifier as invoked,
 * for every registered API.
 *
 * Each event goes queued → running → succeeded, or through retrying on function errors (up to the
 * policy's `maxRetries`), or ends failed, expired (older than `maxEventAgeSeconds` before an attempt —
 * or, looking ahead, when the next retry would come too late), stopped (a stop request) or invalid
 * (the function is gone). Throttled attempts never reach the function and are retried on the backoff
 * (0.5 s, 1 s, 2 s …) for up to 5 hours without using up retries. Finished events feed the onSuccess /
 * onFailure destination.
 *
 * The engine owns no time: every "later" goes through the injected Clock, so a test drives a
 * day-long schedule with a VirtualClock in microseconds. It owns no function and no cloud's words
 * either: each API's `EngineApi` (`ports.ts`) runs attempts and resolves policies, and presents the
 * records in its own shape.
 *
 * Longer than ~300 lines on purpose: it is the state machine, and every transition of an event is here
 * so that an event's life reads in one place. Everything else the engine needs is beside it: ports
 * (`ports.ts`), retry schedule (`retry.ts`), concurrency limiter (`queues.ts`), task read model
 * (`tasks.ts`), message log (`messages.ts`), persistence (`event-store.ts`), one attempt's run (`attempt.ts`).
 * Delivery to a destination stays here: it is the last transition of one event and, for a function
 * destination, the `enqueue` of the next.
 */

export interface AsyncEngineOptions {
  /** The engine's time: `schedule` for every retry and timeout, `now` for every timestamp. */
  clock: Clock;
  /** Each API's side of the engine, by `ApiModule.name`. */
  apis: Readonly<Record<string, EngineApi>>;
  store?: EventStore;
  retry?: Partial<RetrySchedule>;
  /** Attempts of one function and qualifier that may run at once. Default 4. */
  maxConcurrencyPerQueue?: number;
  /** Share the HTTP layer's, so a list token is bound like every other list's. */
  pageTokens?: PageTokens;
  /** A runner that throws is an emulator fault: it is reported here and the attempt retried as a 500. */
  onError?: (error: unknown) => void;
}

export interface EnqueueRequest {
  target: EventTarget;
  payload: Uint8Array;
  /** The invoking request's id; generated for events the engine enqueues itself (function destinations). */
  requestId?: string;
  /** The task id the caller chose (already checked against its API's id rule); kept only when the event is a task. */
  taskId?: string | undefined;
  /** Whether to keep the event as a task; absent means "as the policy says". */
  task?: boolean | undefined;
}

export interface Enqueued {
  requestId: string;
  /** Set when the event is a task: the id to get, list and stop it by. */
  taskId: string | undefined;
}

/** A task id already in use for that function; the API answers it with its own conflict code. */
export class TaskExistsError extends Error {
  constructor(readonly taskId: string) {
    super(`task '${taskId}' already exists`);
    this.name = "TaskExistsError";
  }
}

export class AsyncEngine {
  /** Records sent to destinations the emulator keeps (queues, topics, buses), readable through the control surface. */
  readonly messages = new MessageLog();
  readonly #clock: Clock;
  readonly #apis: Readonly<Record<string, EngineApi>>;
  readonly #store: EventStore;
  readonly #retry: RetrySchedule;
  readonly #limiter: ConcurrencyLimiter;
  readonly #onError: (error: unknown) => void;
  readonly #records = new Map<string, EventRecord>();
  readonly #tasks: TaskIndex;
  readonly #timers = new Map<string, TimerHandle>();
  readonly #running = new Map<string, AbortController>();
  #seq = 0;
  #closed = false;

  constructor(options: AsyncEngineOptions) {
    this.#clock = options.clock;
    this.#apis = options.apis;
    this.#store = options.store ?? new MemoryEventStore();
    this.#retry = { ...DEFAULT_RETRY_SCHEDULE, ...options.retry };
    this.#limiter = new ConcurrencyLimiter(options.maxConcurrencyPerQueue ?? 4);
    this.#tasks = new TaskIndex(this.#records, options.pageTokens ?? new PageTokens());
    this.#onError = options.onError ?? (() => {});
  }

  /** Accepts an async invocation. Synchronous: once it returns, the event is in the store; its first attempt is due at once. */
  enqueue(request: EnqueueRequest): Enqueued {
    const { target } = request;
    const api = this.#api(target);
    const policy = api.policy(target);
    const task = request.task ?? policy.keepAsTask;
    const requestId = request.requestId ?? randomUUID();
    const taskId = task ? (request.taskId ?? api.taskId(requestId)) : undefined;
    if (taskId !== undefined && this.#tasks.has(target, taskId)) throw new TaskExistsError(taskId);
    const now = this.#now();
    const record: EventRecord = {
      requestId,
      seq: this.#seq++,
      target: { ...target, functionKey: [...target.functionKey] },
      task,
      payloadBase64: Buffer.from(request.payload).toString("base64"),
      enqueuedAt: now,
      status: "queued",
      attempts: 0,
      throttles: 0,
      nextAttemptAt: now,
      stopRequested: false,
      timeline: [{ eventId: 1, status: "queued", timestamp: now }],
      durationMs: 0,
    };
    if (taskId !== undefined) record.taskId = taskId;
    this.#records.set(requestId, record);
    this.#tasks.add(record);
    this.#store.save(record);
    this.#schedule(record, 0);
    return { requestId, taskId };
  }

  /** A task, when it exists (with the qualifier it was invoked with, when one is given). Read-only. */
  getTask(scope: TaskScope, taskId: string, qualifier?: string): Readonly<EventRecord> | undefined {
    return this.#tasks.get(scope, taskId, qualifier);
  }

  /** A function's tasks: filtered, sorted by start time, one page at a time. Read-only records. */
  listTasks(scope: TaskScope, query: TaskListQuery = {}): { records: ReadonlyArray<Readonly<EventRecord>>; nextToken: string | undefined } {
    return this.#tasks.list(scope, query);
  }

  /**
   * Stops a task. A waiting task stops at once (stopping, then stopped); a running one is stopping
   * until its attempt, aborted, comes back. No retry and no destination follow a stop. Stopping a task
   * that already ended changes nothing. False when there is no such task.
   */
  stopTask(scope: TaskScope, taskId: string, qualifier?: string): boolean {
    const record = this.#tasks.get(scope, taskId, qualifier);
    if (record === undefined) return false;
    if (terminalStatuses.has(record.status) || record.stopRequested) return true;
    record.stopRequested = true;
    this.#transition(record, "stopping");
    const running = this.#running.get(record.requestId);
    if (running !== undefined) {
      running.abort();
      return true;
    }
    this.#timers.get(record.requestId)?.cancel();
    this.#timers.delete(record.requestId);
    this.#limiter.forget(record.requestId);
    this.#end(record, "stopped");
    return true;
  }

  /**
   * Picks the queue up again after a restart: events that were running are attempted again (their
   * attempt died with the process), waiting ones keep their schedule, stopping ones stop.
   */
  recover(): void {
    for (const record of this.#store.load()) {
      this.#records.set(record.requestId, record);
      this.#seq = Math.max(this.#seq, record.seq + 1);
      this.#tasks.add(record);
      if (terminalStatuses.has(record.status)) continue;
      if (record.stopRequested) {
        this.#end(record, "stopped");
        continue;
      }
      this.#schedule(record, Math.max(0, (record.nextAttemptAt ?? this.#now()) - this.#now()));
    }
  }

  /** Forgets every event and kept message (the control surface's reset). */
  reset(): void {
    this.#cancelAll();
    for (const record of this.#records.values()) this.#store.remove(record);
    this.#records.clear();
    this.#tasks.clear();
    this.#limiter.clear();
    this.messages.clear();
  }

  /** Stops scheduling; running attempts are aborted and, with a durable store, resume after `recover()`. */
  close(): void {
    this.#closed = true;
    this.#cancelAll();
  }

  #cancelAll(): void {
    for (const timer of this.#timers.values()) timer.cancel();
    this.#timers.clear();
    for (const controller of this.#running.values()) controller.abort();
  }

  #now(): number {
    return this.#clock.now().getTime();
  }

  #api(target: EventTarget): EngineApi {
    const api = this.#apis[target.api];
    if (api === undefined) throw new Error(`no API '${target.api}' is registered with the async engine`);
    return api;
  }

  #schedule(record: EventRecord, delayMs: number): void {
    if (this.#closed) return;
    this.#timers.get(record.requestId)?.cancel();
    record.nextAttemptAt = this.#now() + delayMs;
    this.#timers.set(
      record.requestId,
      this.#clock.schedule(delayMs, () => this.#attempt(record.requestId)),
    );
  }

  #transition(record: EventRecord, status: EventStatus, detail?: string): void {
    record.status = status;
    const entry: EventRecord["timeline"][number] = { eventId: record.timeline.length + 1, status, timestamp: this.#now() };
    if (detail !== undefined) entry.detail = detail;
    record.timeline.push(entry);
    this.#store.save(record);
  }

  async #attempt(requestId: string): Promise<void> {
    this.#timers.delete(requestId);
    const record = this.#records.get(requestId);
    if (record === undefined || terminalStatuses.has(record.status) || record.stopRequested) return;
    const policy = this.#api(record.target).policy(record.target);
    // Before every attempt, the first included: an event that waited too long is discarded unrun.
    if (this.#now() - record.enqueuedAt > policy.maxEventAgeSeconds * 1000) {
      this.#finish(record, "expired", "eventAgeExceeded", policy);
      return;
    }
    const { target } = record;
    const release = this.#limiter.acquire(JSON.stringify([target.api, target.accountId, target.functionKey, target.qualifier]), requestId);
    if (release === undefined) return;
    try {
      await this.#run(record, policy);
    } finally {
      const next = release();
      const waiting = next === undefined ? undefined : this.#records.get(next);
      if (waiting !== undefined) this.#schedule(waiting, 0);
    }
  }

  async #run(record: EventRecord, policy: AsyncPolicy): Promise<void> {
    const controller = new AbortController();
    this.#running.set(record.requestId, controller);
    let started = false;
    const onStarted = (): void => {
      if (started) return;
      started = true;
      record.attempts++;
      record.lastAttemptAt = this.#now();
      record.nextAttemptAt = undefined;
      this.#transition(record, "running");
    };
    let outcome: AttemptOutcome;
    try {
      outcome = await this.#api(record.target).run({
        target: record.target,
        requestId: record.requestId,
        taskId: record.taskId,
        payload: Buffer.from(record.payloadBase64, "base64"),
        attempt: record.attempts + 1,
        signal: controller.signal,
        onStarted,
      });
    } catch (error) {
      this.#onError(error);
      outcome = { kind: "throttled", statusCode: 500, errorCode: "InternalError" };
    } finally {
      this.#running.delete(record.requestId);
    }
    // An answer from the function means it ran, whether or not the runner said so first.
    if (outcome.kind === "success" || outcome.kind === "functionError") onStarted();

    if (record.stopRequested) {
      this.#end(record, "stopped");
      return;
    }
    const now = this.#now();
    switch (outcome.kind) {
      case "aborted":
        // Not a stop: the engine is closing. The record stays as it is, to be recovered.
        return;
      case "invalid":
        this.#end(record, "invalid", outcome.reason);
        return;
      case "success":
        keepAnswer(record, outcome);
        this.#finish(record, "succeeded", undefined, policy);
        return;
      case "functionError": {
        keepAnswer(record, outcome);
        const cause: FailureCause = outcome.handled ? "handledFunctionError" : "unhandledFunctionError";
        const retriesDone = record.attempts - 1;
        if (retriesDone >= policy.maxRetries) {
          this.#finish(record, "failed", cause, policy);
          return;
        }
        const delay = this.#retry.functionErrorDelayMs(retriesDone + 1);
        // Look ahead: a retry that would start after the event's maximum age is not waited for.
        if (now + delay - record.enqueuedAt > policy.maxEventAgeSeconds * 1000) {
          this.#finish(record, "expired", "eventAgeExceeded", policy);
          return;
        }
        this.#transition(record, "retrying", cause);
        this.#schedule(record, delay);
        return;
      }
      case "throttled": {
        record.throttles++;
        record.lastStatusCode = outcome.statusCode;
        const delay = this.#retry.throttleDelayMs(record.throttles);
        const age = now + delay - record.enqueuedAt;
        if (age > policy.maxEventAgeSeconds * 1000) {
          this.#finish(record, "expired", "eventAgeExceeded", policy);
        } else if (age > this.#retry.throttleBudgetMs) {
          this.#finish(record, "failed", "throttled", policy);
        } else {
          // Status unchanged: the function did not run, the event is still waiting for its turn.
          this.#store.save(record);
          this.#schedule(record, delay);
        }
        return;
      }
    }
  }

  /** Ends an event that has no destination to feed (stopped, invalid) and so no failure cause; `detail` says why it is invalid. */
  #end(record: EventRecord, status: "stopped" | "invalid", detail?: string): void {
    record.endTime = this.#now();
    delete record.nextAttemptAt;
    this.#transition(record, status, detail);
    this.#forgetIfNoTask(record);
  }

  /** Ends an event and hands its record to the destination its outcome calls for. */
  #finish(record: EventRecord, status: "succeeded" | "failed" | "expired", cause: FailureCause | undefined, policy: AsyncPolicy): void {
    record.endTime = this.#now();
    delete record.nextAttemptAt;
    if (cause !== undefined) record.failureCause = cause;
    this.#transition(record, status, cause);
    const destination = status === "succeeded" ? policy.onSuccess : policy.onFailure;
    if (destination !== undefined) {
      record.destinationStatus = this.#deliver(destination, record) ? "succeeded" : "failed";
      this.#store.save(record);
    }
    this.#forgetIfNoTask(record);
  }

  /** Only tasks are ever looked at again; a plain async event is dropped once it has ended. */
  #forgetIfNoTask(record: EventRecord): void {
    if (record.task) return;
    this.#records.delete(record.requestId);
    this.#store.remove(record);
  }

  /** True when the destination took the record. */
  #deliver(destination: Destination, record: EventRecord): boolean {
    if (destination.kind === "unusable") return false;
    const api = this.#api(record.target);
    const body = api.destinationRecord(record);
    if (destination.kind === "sink") {
      this.messages.append(record.target.accountId, destination.name, body, this.#now());
      return true;
    }
    if (!this.#api(destination.target).functionExists(destination.target)) return false;
    // The destination function gets the record as its event, asynchronously, under its own config.
    this.enqueue({ target: destination.target, payload: Buffer.from(JSON.stringify(body), "utf8") });
    return true;
  }
}

/** What the function answered on this attempt, for the task and the destination record. */
function keepAnswer(record: EventRecord, outcome: Extract<AttemptOutcome, { kind: "success" | "functionError" }>): void {
  record.durationMs += outcome.durationMs;
  record.returnPayloadBase64 = outcome.payload.toString("base64");
  record.lastStatusCode = 200;
  if (outcome.kind === "functionError") record.lastFunctionError = outcome.errorType;
  else delete record.lastFunctionError;
  if (outcome.instanceId !== undefined) record.instanceId = outcome.instanceId;
}
