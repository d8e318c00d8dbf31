/**
 * FunctionGraph's async invocations on the core async engine (retries, event age, cancel), presented with
 * FunctionGraph's statuses and record shape. One engine instance for this API, on the shared scheduler and runtime;
 * every event is kept as a task so that ListAsyncInvocations can show it after it ends.
 *
 * Statuses: Enqueued/Retrying → WAIT, Running/Stopping → RUNNING, Succeeded → SUCCESS, Failed/Expired/Invalid → FAIL,
 * Stopped → DISCARD. `error_code` is 0 unless the record is FAIL or DISCARD (then 1; the cloud's values are not
 * documented), `error_message` names the cause (e.g. `UnhandledInvocationError`, `EventAgeExceeded`).
 *
 * Destinations (OBS/SMN/DIS/FunctionGraph) are stored and returned by the config API but not yet delivered: the core
 * engine delivers FC ARNs only.
 */
import type { WireInvocation, InvocationStatus } from "../../contracts/functiongraph";
import { formatRecordTime } from "../../contracts/functiongraph";
import { AsyncEngine, MemoryEventStore } from "../core/engine/engine";
import type { InvocationService } from "../core/engine/service";
import type { HandlerEnv } from "../core/operation";
import type { InvocationTarget, TaskStatus } from "../core/engine/model";
import type { Scheduler } from "../core/engine/scheduler";
import type { PageTokens } from "../core/paging/page-tokens";
import type { NodeRuntime } from "../core/runtime";
import type { Store } from "../core/store";
import { FgError } from "./errors";
import { parseTarget, resolve } from "./lookup";
import { runnable } from "./runner";

const STATUS: Record<TaskStatus, InvocationStatus> = {
  Enqueued: "WAIT",
  Retrying: "WAIT",
  Running: "RUNNING",
  Stopping: "RUNNING",
  Succeeded: "SUCCESS",
  Failed: "FAIL",
  Expired: "FAIL",
  Invalid: "FAIL",
  Stopped: "DISCARD",
};

export interface FgEngineOptions {
  store: Store;
  region: string;
  runtime: NodeRuntime;
  scheduler: Scheduler;
  pageTokens: PageTokens;
  /** accountId → projectId, to rebuild a target's URN. */
  projectOf: (accountId: string) => string;
  log: (line: string) => void;
}

export interface RecordView extends WireInvocation {
  readonly qualifier: string;
  readonly startedAt: number;
}

/** The engine's invocation id for a request id: a letter first, as the engine's id rule wants. */
const taskIdOf = (requestId: string) => `fg-${requestId}`;

export class FgEngine {
  readonly engine: AsyncEngine;
  readonly #region: string;
  readonly #scheduler: Scheduler;

  constructor(options: FgEngineOptions) {
    this.#region = options.region;
    this.#scheduler = options.scheduler;
    const targetOf = (t: InvocationTarget) => parseTarget(`${options.projectOf(t.accountId)}:${t.serviceName}:${t.functionName}:${t.qualifier}`, options.region, options.projectOf(t.accountId));
    this.engine = new AsyncEngine({
      scheduler: options.scheduler,
      pageTokens: options.pageTokens,
      store: new MemoryEventStore(),
      onError: (error) => options.log(`[fc-emulator] FunctionGraph async attempt failed inside the emulator: ${error instanceof Error ? error.message : String(error)}`),
      directory: {
        asyncPolicy: (t) => {
          const c = options.store.reader(t.accountId).get("fgAsyncConfigs", [t.serviceName, t.functionName, t.qualifier]);
          if (c === undefined) return { maxAsyncRetryAttempts: 1, maxAsyncEventAgeInSeconds: 3600, statefulInvocation: true, onSuccess: undefined, onFailure: undefined };
          return { maxAsyncRetryAttempts: c.maxAsyncRetryAttempts, maxAsyncEventAgeInSeconds: c.maxAsyncEventAgeInSeconds, statefulInvocation: true, onSuccess: undefined, onFailure: undefined };
        },
        functionExists: (t) => {
          try {
            resolve(options.store.reader(t.accountId), targetOf(t));
            return true;
          } catch (error) {
            if (error instanceof FgError) return false;
            throw error;
          }
        },
      },
      runner: {
        run: async (request) => {
          let r;
          try {
            r = runnable(options.store.reader(request.target.accountId), options.region, request.target.accountId, targetOf(request.target));
          } catch (error) {
            if (error instanceof FgError) return { kind: "invalid", reason: error.code };
            throw error;
          }
          const result = await options.runtime.invoke(r.spec, r.code, { requestId: request.requestId, event: request.payload, signal: request.signal, onStarted: request.onStarted });
          switch (result.kind) {
            case "success":
              return { kind: "success", payload: result.payload, durationMs: result.durationMs, instanceId: result.instanceId };
            case "functionError":
              return { kind: "functionError", errorType: result.errorType, payload: result.payload, durationMs: result.durationMs, instanceId: result.instanceId };
            case "aborted":
              return { kind: "aborted", durationMs: result.durationMs };
          }
        },
      },
    });
  }

  enqueue(accountId: string, target: { package: string; name: string; qualifierKey: string }, requestId: string, payload: Uint8Array): void {
    this.engine.enqueue({
      target: { accountId, region: this.#region, serviceName: target.package, functionName: target.name, qualifier: target.qualifierKey },
      payload,
      requestId,
      invocationId: taskIdOf(requestId),
      stateful: true,
    });
  }

  /** Every record of a function (all qualifiers), oldest first. */
  records(accountId: string, pkg: string, name: string): RecordView[] {
    const out: RecordView[] = [];
    let nextToken: string | undefined;
    do {
      const page = this.engine.listTasks({ accountId, serviceName: pkg, functionName: name }, { sortOrderByTime: "asc", limit: 100, nextToken });
      for (const task of page.invocations) {
        const status = STATUS[task.status];
        const failed = status === "FAIL" || status === "DISCARD";
        const lastError = [...task.events].reverse().find((e) => e.eventDetail !== undefined)?.eventDetail;
        out.push({
          request_id: task.requestId,
          status,
          error_message: failed ? (task.invocationErrorMessage ?? (status === "DISCARD" ? "canceled" : (lastError ?? task.status))) : "",
          error_code: failed ? 1 : 0,
          start_time: formatRecordTime(task.startedTime),
          end_time: task.endTime === undefined ? "" : formatRecordTime(task.endTime),
          qualifier: task.qualifier,
          startedAt: task.startedTime,
        });
      }
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return out;
  }

  /** False when the request id is unknown for this function. */
  cancel(accountId: string, pkg: string, name: string, requestId: string): boolean {
    const scope = { accountId, serviceName: pkg, functionName: name };
    try {
      this.engine.getTask(scope, taskIdOf(requestId));
    } catch {
      return false;
    }
    this.engine.stopTask(scope, taskIdOf(requestId));
    return true;
  }

  /** The engine's time (a VirtualClock in tests): the records' default window ends here. */
  now(): number {
    return this.#scheduler.now().getTime();
  }

  close(): void {
    this.engine.close();
  }
}

// One FunctionGraph engine per emulator, beside the core's InvocationService (whose runtime and scheduler it shares).
const engines = new WeakMap<InvocationService, FgEngine>();

export function engineFor(env: HandlerEnv, region: string): FgEngine {
  let engine = engines.get(env.invocations);
  if (engine === undefined) {
    engine = new FgEngine({
      store: env.store,
      region,
      runtime: env.invocations.runtime,
      scheduler: env.invocations.scheduler,
      pageTokens: env.pageTokens,
      projectOf: (accountId) => env.accounts.accounts.find((a) => a.accountId === accountId)?.projectId ?? "",
      log: (line) => process.stderr.write(`${line}\n`),
    });
    engines.set(env.invocations, engine);
  }
  return engine;
}

/** Stops the engine of an emulator that is closing (emulator/index.ts calls it before closing the InvocationService). */
export function closeEngineFor(invocations: InvocationService): void {
  engines.get(invocations)?.close();
  engines.delete(invocations);
}
