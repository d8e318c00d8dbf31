import { randomUUID } from "node:crypto";
import { fcError } from "../../fc2/errors";
import { PageTokens } from "../paging/page-tokens";
import { paginate } from "../paging/paginate";
import { MessageLog, parseDestination } from "./destinations";
import {
  DEFAULT_ASYNC_POLICY,
  functionArn,
  INVOCATION_ID,
  INVOCATION_ID_RULE,
  terminalStatuses,
  type AsyncPolicy,
  type DestinationRecord,
  type EventRecord,
  type FailureCause,
  type InvocationTarget,
  type StatefulAsyncInvocation,
  type TaskListQuery,
  type TaskStatus,
} from "./model";
import type { Scheduler, TimerHandle } from "./scheduler";

/**
 * The async invocation engine: FC's internal queue, per function and qualifier as invoked.
 *
 * Each event goes Enqueued → Running → Succeeded, or through Retrying on function errors (up to the
 * invoked qualifier's `maxAsyncRetryAttempts`), or ends Failed, Expired (older than
 * `maxAsyncEventAgeInSeconds` before an attempt — or, looking ahead, when the next retry would come
 * too late), Stopped (StopStatefulAsyncInvocation) or Invalid (the function is gone). Throttled
 * attempts never reach the function and are retried on the cloud's backoff (0.5 s, 1 s, 2 s …) for
 * up to 5 hours without using up retries. Terminal events feed the onSuccess / onFailure destination.
 *
 * The engine owns no time: every "later" goes through the injected Scheduler, so a test drives a
 * day-long schedule with a VirtualClock in microseconds. It owns no function either: an
 * AttemptRunner runs one attempt (the real server's runs the code in `../runtime`).
 */

/** The engine's view of the resource store: configs and functions, read when needed. */
export interface EngineDirectory {
  /** The async config of exactly the invoked qualifier, or `undefined` when it has none (defaults apply). */
  asyncPolicy(target: InvocationTarget): AsyncPolicy | undefined;
  /** Whether the function exists at that qualifier: an FC destination must. */
  functionExists(target: InvocationTarget): boolean;
}

/** How one attempt ended, as the runner saw it. */
export type AttemptOutcome =
  | { kind: "success"; payload: Buffer; durationMs: number; instanceId?: string | undefined }
  | { kind: "functionError"; errorType: string; payload: Buffer; durationMs: number; instanceId?: string | undefined }
  /** Refused before the function ran: 429 ResourceExhausted, 503 ResourceThrottled, 500 InternalServerError. */
  | { kind: "throttled"; statusCode: number; errorCode: string }
  /** The function (or its qualifier) no longer exists, or cannot run here at all. */
  | { kind: "invalid"; reason: string }
  /** The attempt's signal was aborted (a Stop, or the engine closing). */
  | { kind: "aborted"; durationMs: number };

export interface AttemptRequest {
  target: InvocationTarget;
  requestId: string;
  invocationId: string | undefined;
  payload: Buffer;
  /** 1 for the first attempt that reaches the function, 2 for the first retry, … */
  attempt: number;
  signal: AbortSignal;
  /** The runner calls this when the function actually starts; only then is the event Running. */
  onStarted: () => void;
}

export interface AttemptRunner {
  run(request: AttemptRequest): Promise<AttemptOutcome>;
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

export interface RetrySchedule {
  /**
   * Delay before retry n (1-based) after a function error. The cloud does not document it; ours is
   * the throttling schedule (0.5 s, 1 s, 2 s …) so that local runs finish quickly and stay in order.
   */
  functionErrorDelayMs(retry: number): number;
  /** Delay before retry n after throttling: the cloud's binary exponential backoff from 0.5 s. */
  throttleDelayMs(retry: number): number;
  /** How long throttled events are retried before they fail: the cloud's 5 hours. */
  throttleBudgetMs: number;
}

const doublingFromHalfSecond = (retry: number): number => 500 * 2 ** (retry - 1);

export const DEFAULT_RETRY_SCHEDULE: Readonly<RetrySchedule> = {
  functionErrorDelayMs: doublingFromHalfSecond,
  throttleDelayMs: doublingFromHalfSecond,
  throttleBudgetMs: 5 * 3600 * 1000,
};

export interface AsyncEngineOptions {
  scheduler: Scheduler;
  runner: AttemptRunner;
  directory: EngineDirectory;
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
  target: InvocationTarget;
  payload: Uint8Array;
  /** The InvokeFunction request's id; generated for events the engine enqueues itself (FC destinations). */
  requestId?: string;
  /** `X-Fc-Stateful-Async-Invocation-Id`: validated; kept only when the event is stateful. */
  invocationId?: string | undefined;
  /** `X-Fc-Stateful-Async-Invocation-Enable`; absent means "as the invoked qualifier's config says". */
  stateful?: boolean | undefined;
}

export interface Enqueued {
  requestId: string;
  /** Set when the event is a stateful task: the id to Get/List/Stop it by. */
  invocationId: string | undefined;
}

/** Which function's tasks: the Get/List/Stop path. */
export interface TaskScope {
  accountId: string;
  serviceName: string;
  functionName: string;
}

interface Queue {
  active: number;
  waiting: string[];
}

export class AsyncEngine {
  /** Records sent to MNS / EventBridge / RocketMQ destinations, readable through the control surface. */
  readonly messages = new MessageLog();
  readonly #scheduler: Scheduler;
  readonly #runner: AttemptRunner;
  readonly #directory: EngineDirectory;
  readonly #store: EventStore;
  readonly #retry: RetrySchedule;
  readonly #maxConcurrency: number;
  readonly #pageTokens: PageTokens;
  readonly #onError: (error: unknown) => void;
  readonly #records = new Map<string, EventRecord>();
  /** `account/service/function/invocationId` → requestId, for stateful tasks. */
  readonly #tasks = new Map<string, string>();
  readonly #timers = new Map<string, TimerHandle>();
  readonly #running = new Map<string, AbortController>();
  readonly #queues = new Map<string, Queue>();
  #seq = 0;
  #closed = false;

  constructor(options: AsyncEngineOptions) {
    this.#scheduler = options.scheduler;
    this.#runner = options.runner;
    this.#directory = options.directory;
    this.#store = options.store ?? new MemoryEventStore();
    this.#retry = { ...DEFAULT_RETRY_SCHEDULE, ...options.retry };
    this.#maxConcurrency = options.maxConcurrencyPerQueue ?? 4;
    this.#pageTokens = options.pageTokens ?? new PageTokens();
    this.#onError = options.onError ?? (() => {});
  }

  /**
   * Accepts an async invocation (InvokeFunction with `X-Fc-Invocation-Type: Async`). Synchronous: once
   * it returns, the event is in the store; its first attempt is due at once.
   */
  enqueue(request: EnqueueRequest): Enqueued {
    if (request.invocationId !== undefined && !INVOCATION_ID.test(request.invocationId)) {
      throw fcError("InvalidArgument", `X-Fc-Stateful-Async-Invocation-Id '${request.invocationId}' is invalid: it ${INVOCATION_ID_RULE}`);
    }
    const { target } = request;
    const policy = this.#policy(target);
    const stateful = request.stateful ?? policy.statefulInvocation;
    const requestId = request.requestId ?? randomUUID();
    const invocationId = stateful ? (request.invocationId ?? generatedInvocationId(requestId)) : undefined;
    if (invocationId !== undefined && this.#tasks.has(taskKey(target, invocationId))) {
      throw fcError("StatefulAsyncInvocationAlreadyExists", invocationId, target.functionName);
    }
    const now = this.#now();
    const record: EventRecord = {
      requestId,
      seq: this.#seq++,
      target: { ...target },
      stateful,
      payloadBase64: Buffer.from(request.payload).toString("base64"),
      enqueuedAt: now,
      status: "Enqueued",
      attempts: 0,
      throttles: 0,
      nextAttemptAt: now,
      stopRequested: false,
      events: [{ eventId: 1, status: "Enqueued", timestamp: now }],
      durationMs: 0,
    };
    if (invocationId !== undefined) {
      record.invocationId = invocationId;
      this.#tasks.set(taskKey(target, invocationId), requestId);
    }
    this.#records.set(requestId, record);
    this.#store.save(record);
    this.#schedule(record, 0);
    return { requestId, invocationId };
  }

  /** GetStatefulAsyncInvocation. A qualifier, when given, must be the one the task was invoked with. */
  getTask(scope: TaskScope, invocationId: string, qualifier?: string): StatefulAsyncInvocation {
    return present(this.#task(scope, invocationId, qualifier), true);
  }

  /** ListStatefulAsyncInvocations: filtered, sorted by start time, one page at a time. */
  listTasks(scope: TaskScope, query: TaskListQuery = {}): { invocations: StatefulAsyncInvocation[]; nextToken: string | undefined } {
    const order = query.sortOrderByTime ?? "desc";
    const tasks = [...this.#records.values()]
      .filter(
        (r) =>
          r.invocationId !== undefined &&
          r.target.accountId === scope.accountId &&
          r.target.serviceName === scope.serviceName &&
          r.target.functionName === scope.functionName &&
          (query.qualifier === undefined || r.target.qualifier === query.qualifier) &&
          (query.status === undefined || r.status === query.status) &&
          (query.invocationIdPrefix === undefined || r.invocationId.startsWith(query.invocationIdPrefix)) &&
          (query.startedTimeBegin === undefined || r.enqueuedAt >= query.startedTimeBegin) &&
          (query.startedTimeEnd === undefined || r.enqueuedAt <= query.startedTimeEnd),
      )
      .sort((a, b) => (order === "asc" ? 1 : -1) * (a.enqueuedAt - b.enqueuedAt || a.seq - b.seq));
    const { page, nextToken } = paginate(
      tasks,
      positionOf,
      order === "asc" ? (key, position) => key > position : (key, position) => key < position,
      {
        limit: query.limit,
        nextToken: query.nextToken,
        // Everything that shapes the list except the limit: a token works only for the query it came from.
        scope: [
          "ListStatefulAsyncInvocations",
          scope.accountId,
          scope.serviceName,
          scope.functionName,
          query.qualifier ?? null,
          query.status ?? null,
          query.invocationIdPrefix ?? null,
          query.startedTimeBegin ?? null,
          query.startedTimeEnd ?? null,
          order,
        ],
      },
      this.#pageTokens,
    );
    return { invocations: page.map((r) => present(r, query.includePayload ?? false)), nextToken };
  }

  /**
   * StopStatefulAsyncInvocation. A waiting task stops at once (Stopping, then Stopped); a running one
   * is Stopping until its attempt, aborted, comes back. No retry and no destination follow a stop.
   * Stopping a task that already ended changes nothing.
   */
  stopTask(scope: TaskScope, invocationId: string, qualifier?: string): void {
    const record = this.#task(scope, invocationId, qualifier);
    if (terminalStatuses.has(record.status) || record.stopRequested) return;
    record.stopRequested = true;
    this.#transition(record, "Stopping");
    const running = this.#running.get(record.requestId);
    if (running !== undefined) {
      running.abort();
      return;
    }
    this.#timers.get(record.requestId)?.cancel();
    this.#timers.delete(record.requestId);
    for (const queue of this.#queues.values()) queue.waiting = queue.waiting.filter((id) => id !== record.requestId);
    this.#end(record, "Stopped");
  }

  /**
   * Picks the queue up again after a restart: events that were running are attempted again (their
   * attempt died with the process), waiting ones keep their schedule, stopping ones stop.
   */
  recover(): void {
    for (const record of this.#store.load()) {
      this.#records.set(record.requestId, record);
      this.#seq = Math.max(this.#seq, record.seq + 1);
      if (record.invocationId !== undefined) this.#tasks.set(taskKey(record.target, record.invocationId), record.requestId);
      if (terminalStatuses.has(record.status)) continue;
      if (record.stopRequested) {
        this.#end(record, "Stopped");
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
    this.#queues.clear();
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
    return this.#scheduler.now().getTime();
  }

  #policy(target: InvocationTarget): AsyncPolicy {
    return this.#directory.asyncPolicy(target) ?? DEFAULT_ASYNC_POLICY;
  }

  #task(scope: TaskScope, invocationId: string, qualifier: string | undefined): EventRecord {
    const requestId = this.#tasks.get(taskKey(scope, invocationId));
    const record = requestId === undefined ? undefined : this.#records.get(requestId);
    if (record === undefined || (qualifier !== undefined && record.target.qualifier !== qualifier)) {
      throw fcError("StatefulAsyncInvocationNotFound", invocationId, scope.functionName);
    }
    return record;
  }

  #schedule(record: EventRecord, delayMs: number): void {
    if (this.#closed) return;
    this.#timers.get(record.requestId)?.cancel();
    record.nextAttemptAt = this.#now() + delayMs;
    this.#timers.set(
      record.requestId,
      this.#scheduler.schedule(delayMs, () => this.#attempt(record.requestId)),
    );
  }

  #transition(record: EventRecord, status: TaskStatus, detail?: FailureCause | string): void {
    record.status = status;
    const event: EventRecord["events"][number] = { eventId: record.events.length + 1, status, timestamp: this.#now() };
    if (detail !== undefined) event.eventDetail = JSON.stringify({ Error: detail });
    record.events.push(event);
    this.#store.save(record);
  }

  async #attempt(requestId: string): Promise<void> {
    this.#timers.delete(requestId);
    const record = this.#records.get(requestId);
    if (record === undefined || terminalStatuses.has(record.status) || record.stopRequested) return;
    const policy = this.#policy(record.target);
    // Before every attempt, the first included: an event that waited too long is discarded unrun.
    if (this.#now() - record.enqueuedAt > policy.maxAsyncEventAgeInSeconds * 1000) {
      this.#finish(record, "Expired", "EventAgeExceeded", policy);
      return;
    }
    const queueKey = JSON.stringify([record.target.accountId, record.target.serviceName, record.target.qualifier, record.target.functionName]);
    let queue = this.#queues.get(queueKey);
    if (queue === undefined) {
      queue = { active: 0, waiting: [] };
      this.#queues.set(queueKey, queue);
    }
    if (queue.active >= this.#maxConcurrency) {
      queue.waiting.push(requestId);
      return;
    }
    queue.active++;
    try {
      await this.#run(record, policy);
    } finally {
      queue.active--;
      const next = queue.waiting.shift();
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
      this.#transition(record, "Running");
    };
    let outcome: AttemptOutcome;
    try {
      outcome = await this.#runner.run({
        target: record.target,
        requestId: record.requestId,
        invocationId: record.invocationId,
        payload: Buffer.from(record.payloadBase64, "base64"),
        attempt: record.attempts + 1,
        signal: controller.signal,
        onStarted,
      });
    } catch (error) {
      this.#onError(error);
      outcome = { kind: "throttled", statusCode: 500, errorCode: "InternalServerError" };
    } finally {
      this.#running.delete(record.requestId);
    }
    // An answer from the function means it ran, whether or not the runner said so first.
    if (outcome.kind === "success" || outcome.kind === "functionError") onStarted();

    if (record.stopRequested) {
      this.#end(record, "Stopped");
      return;
    }
    const now = this.#now();
    switch (outcome.kind) {
      case "aborted":
        // Not a stop: the engine is closing. The record stays as it is, to be recovered.
        return;
      case "invalid":
        this.#end(record, "Invalid", outcome.reason);
        return;
      case "success":
        keepAnswer(record, outcome);
        this.#finish(record, "Succeeded", undefined, policy);
        return;
      case "functionError": {
        keepAnswer(record, outcome);
        const cause = outcome.errorType === "HandledInvocationError" ? "HandledInvocationError" : "UnhandledInvocationError";
        const retriesDone = record.attempts - 1;
        if (retriesDone >= policy.maxAsyncRetryAttempts) {
          this.#finish(record, "Failed", cause, policy);
          return;
        }
        const delay = this.#retry.functionErrorDelayMs(retriesDone + 1);
        // Look ahead: a retry that would start after the event's maximum age is not waited for.
        if (now + delay - record.enqueuedAt > policy.maxAsyncEventAgeInSeconds * 1000) {
          this.#finish(record, "Expired", "EventAgeExceeded", policy);
          return;
        }
        this.#transition(record, "Retrying", cause);
        this.#schedule(record, delay);
        return;
      }
      case "throttled": {
        record.throttles++;
        record.lastStatusCode = outcome.statusCode;
        const delay = this.#retry.throttleDelayMs(record.throttles);
        const age = now + delay - record.enqueuedAt;
        if (age > policy.maxAsyncEventAgeInSeconds * 1000) {
          this.#finish(record, "Expired", "EventAgeExceeded", policy);
        } else if (age > this.#retry.throttleBudgetMs) {
          this.#finish(record, "Failed", "ResourceThrottled", policy);
        } else {
          // Status unchanged: the function did not run, the event is still waiting for its turn.
          this.#store.save(record);
          this.#schedule(record, delay);
        }
        return;
      }
    }
  }

  /** Ends an event that has no destination to feed (Stopped, Invalid) and so no failure cause; `detail` says why it is Invalid. */
  #end(record: EventRecord, status: "Stopped" | "Invalid", detail?: string): void {
    record.endTime = this.#now();
    delete record.nextAttemptAt;
    this.#transition(record, status, detail);
    this.#forgetIfStateless(record);
  }

  /** Ends an event and hands its record to the destination its outcome calls for. */
  #finish(record: EventRecord, status: "Succeeded" | "Failed" | "Expired", cause: FailureCause | undefined, policy: AsyncPolicy): void {
    record.endTime = this.#now();
    delete record.nextAttemptAt;
    if (cause !== undefined) record.failureCause = cause;
    this.#transition(record, status, cause);
    const destination = status === "Succeeded" ? policy.onSuccess : policy.onFailure;
    if (destination !== undefined) {
      record.destinationStatus = this.#deliver(destination, destinationRecord(record), record.target) ? "Succeeded" : "Failed";
      this.#store.save(record);
    }
    this.#forgetIfStateless(record);
  }

  /** Only tasks are ever looked at again; a plain async event is dropped once it has ended. */
  #forgetIfStateless(record: EventRecord): void {
    if (record.stateful) return;
    this.#records.delete(record.requestId);
    this.#store.remove(record);
  }

  /** True when the destination took the record. */
  #deliver(destination: string, record: DestinationRecord, source: InvocationTarget): boolean {
    const parsed = parseDestination(destination);
    if (parsed.kind === "invalid") return false;
    const region = parsed.kind === "fc" ? parsed.target.region : parsed.region;
    const accountId = parsed.kind === "fc" ? parsed.target.accountId : parsed.accountId;
    // No cross-region or cross-account delivery: the emulator has no RAM role to grant it.
    if ((region !== "" && region !== source.region) || (accountId !== "" && accountId !== source.accountId)) return false;
    if (parsed.kind !== "fc") {
      this.messages.append(source.accountId, destination, record, this.#now());
      return true;
    }
    const target: InvocationTarget = { ...parsed.target, region: source.region, accountId: source.accountId };
    if (!this.#directory.functionExists(target)) return false;
    // The destination function gets the record as its event, asynchronously, under its own config.
    this.enqueue({ target, payload: Buffer.from(JSON.stringify(record), "utf8") });
    return true;
  }
}

/**
 * The cloud names a task itself when the caller does not. The request id is unique and already known,
 * but a UUID may start with a digit, which the id rule (and clients that check it) refuse: such an id
 * gets a leading '_' so that every generated id can be passed back to Get and Stop.
 */
function generatedInvocationId(requestId: string): string {
  return INVOCATION_ID.test(requestId) ? requestId : `_${requestId}`.slice(0, 128);
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

function taskKey(scope: TaskScope, invocationId: string): string {
  return JSON.stringify([scope.accountId, scope.serviceName, scope.functionName, invocationId]);
}

/** Sorts as the list does: by start time, then arrival; fixed width so string order is numeric order. */
function positionOf(record: EventRecord): string {
  return `${String(record.enqueuedAt).padStart(16, "0")}:${String(record.seq).padStart(12, "0")}`;
}

function utf8(base64: string | undefined): string {
  return base64 === undefined ? "" : Buffer.from(base64, "base64").toString("utf8");
}

function present(record: EventRecord, includePayload: boolean): StatefulAsyncInvocation {
  const task: StatefulAsyncInvocation = {
    functionName: record.target.functionName,
    serviceName: record.target.serviceName,
    qualifier: record.target.qualifier,
    invocationId: record.invocationId ?? record.requestId,
    status: record.status,
    startedTime: record.enqueuedAt,
    alreadyRetriedTimes: Math.max(0, record.attempts - 1),
    requestId: record.requestId,
    events: record.events.map((e) => ({ ...e })),
    durationMs: record.durationMs,
  };
  if (record.endTime !== undefined) task.endTime = record.endTime;
  if (record.destinationStatus !== undefined) task.destinationStatus = record.destinationStatus;
  if (record.failureCause !== undefined) task.invocationErrorMessage = record.failureCause;
  if (record.instanceId !== undefined) task.instanceId = record.instanceId;
  if (includePayload) {
    task.invocationPayload = utf8(record.payloadBase64);
    if (record.returnPayloadBase64 !== undefined) task.returnPayload = utf8(record.returnPayloadBase64);
  }
  return task;
}

function destinationRecord(record: EventRecord): DestinationRecord {
  return {
    timestamp: new Date(record.lastAttemptAt ?? record.enqueuedAt).toISOString(),
    requestContext: {
      requestId: record.requestId,
      functionArn: functionArn(record.target),
      condition: record.failureCause ?? "",
      approximateInvokeCount: record.attempts,
    },
    requestPayload: utf8(record.payloadBase64),
    responseContext: {
      statusCode: record.lastStatusCode ?? null,
      functionError: record.lastFunctionError ?? "",
    },
    responsePayload: utf8(record.returnPayloadBase64),
  };
}
