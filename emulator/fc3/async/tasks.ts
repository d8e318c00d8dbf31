import { functionArn, TASK_ID_PATTERN, TASK_ID_RULE, type TaskStatus } from "../../../contracts/fc3";
import { TaskExistsError, type AsyncEngine } from "../../core/engine/engine";
import { utf8, type EventRecord, type EventStatus, type TaskScope } from "../../core/engine/model";
import { FC_FAILURE_CAUSE } from "../../../contracts/alicloud";
import { fc3Error } from "../errors";
import { fc3Target } from "./engine-api";

/**
 * FC 3.0's async tasks over the one engine: enqueue with the meaning of `x-fc-async-task-id`, and
 * Get/List/Stop answering FC 3.0's `AsyncTask` with its statuses and error codes.
 */

/** The engine's statuses in FC 3.0's words (`Dequeued` is a filter the API takes; the emulator never reports it). */
export const FC3_STATUS: Readonly<Record<EventStatus, TaskStatus>> = {
  queued: "Enqueued",
  running: "Running",
  retrying: "Retrying",
  stopping: "Stopping",
  succeeded: "Succeeded",
  failed: "Failed",
  stopped: "Stopped",
  expired: "Expired",
  invalid: "Invalid",
};

function engineStatus(status: TaskStatus): EventStatus | undefined {
  return (Object.keys(FC3_STATUS) as EventStatus[]).find((s) => FC3_STATUS[s] === status);
}

function detailWord(detail: string): string {
  return Object.hasOwn(FC_FAILURE_CAUSE, detail) ? FC_FAILURE_CAUSE[detail as keyof typeof FC_FAILURE_CAUSE] : detail;
}

/** An engine record as FC 3.0's `AsyncTask` (field names of `@alicloud/fc20230330`); absent fields left out. */
export function presentTask(record: Readonly<EventRecord>, includePayload: boolean) {
  const functionName = record.target.functionKey[0] ?? "";
  const task: Record<string, unknown> = {
    alreadyRetriedTimes: Math.max(0, record.attempts - 1),
    durationMs: record.durationMs,
    events: record.timeline.map((entry) => ({
      eventId: entry.eventId,
      status: FC3_STATUS[entry.status],
      timestamp: entry.timestamp,
      ...(entry.detail !== undefined && { eventDetail: JSON.stringify({ Error: detailWord(entry.detail) }) }),
    })),
    functionArn: functionArn(record.target.region, record.target.accountId, functionName, record.target.qualifier),
    qualifier: record.target.qualifier,
    requestId: record.requestId,
    startedTime: record.enqueuedAt,
    status: FC3_STATUS[record.status],
    taskId: record.taskId ?? record.requestId,
  };
  if (record.endTime !== undefined) task["endTime"] = record.endTime;
  if (record.destinationStatus !== undefined) task["destinationStatus"] = record.destinationStatus === "succeeded" ? "Succeeded" : "Failed";
  if (record.failureCause !== undefined) task["taskErrorMessage"] = FC_FAILURE_CAUSE[record.failureCause];
  if (record.instanceId !== undefined) task["instanceId"] = record.instanceId;
  if (includePayload) {
    task["taskPayload"] = utf8(record.payloadBase64);
    if (record.returnPayloadBase64 !== undefined) task["returnPayload"] = utf8(record.returnPayloadBase64);
  }
  return task;
}

export interface Fc3TaskListQuery {
  qualifier?: string | undefined;
  status?: TaskStatus | undefined;
  prefix?: string | undefined;
  startedTimeBegin?: number | undefined;
  startedTimeEnd?: number | undefined;
  sortOrderByTime?: "asc" | "desc" | undefined;
  includePayload?: boolean | undefined;
  limit?: number | undefined;
  nextToken?: string | undefined;
}

const scopeOf = (accountId: string, functionName: string): TaskScope => ({ api: "fc3", accountId, functionKey: [functionName] });

export class Fc3AsyncTasks {
  constructor(private readonly engine: AsyncEngine) {}

  /** InvokeFunction with `x-fc-invocation-type: Async`; the task id is answered back when the event is a task. */
  enqueue(request: { accountId: string; region: string; functionName: string; qualifier: string; payload: Uint8Array; requestId: string; taskId?: string | undefined }): string | undefined {
    if (request.taskId !== undefined && !TASK_ID_PATTERN.test(request.taskId)) {
      throw fc3Error("InvalidArgument", `x-fc-async-task-id '${request.taskId}' is invalid: it ${TASK_ID_RULE}`);
    }
    try {
      return this.engine.enqueue({
        target: fc3Target(request.accountId, request.region, request.functionName, request.qualifier),
        payload: request.payload,
        requestId: request.requestId,
        taskId: request.taskId,
      }).taskId;
    } catch (error) {
      if (error instanceof TaskExistsError) throw fc3Error("AsyncTaskAlreadyExists", error.taskId, request.functionName);
      throw error;
    }
  }

  getTask(accountId: string, functionName: string, taskId: string, qualifier?: string) {
    const record = this.engine.getTask(scopeOf(accountId, functionName), taskId, qualifier);
    if (record === undefined) throw fc3Error("AsyncTaskNotFound", taskId, functionName);
    return presentTask(record, true);
  }

  /** ListAsyncTasks: filtered, sorted by start time (newest first unless asked), one page at a time. */
  listTasks(accountId: string, functionName: string, query: Fc3TaskListQuery) {
    const status = query.status === undefined ? undefined : engineStatus(query.status);
    // `Dequeued` is a filter the API takes; the emulator's tasks go straight from Enqueued to Running.
    if (query.status !== undefined && status === undefined) return { tasks: [], nextToken: undefined };
    const { records, nextToken } = this.engine.listTasks(scopeOf(accountId, functionName), {
      qualifier: query.qualifier,
      statuses: status === undefined ? undefined : new Set([status]),
      taskIdPrefix: query.prefix,
      startedTimeBegin: query.startedTimeBegin,
      startedTimeEnd: query.startedTimeEnd,
      order: query.sortOrderByTime,
      limit: query.limit,
      nextToken: query.nextToken,
    });
    return { tasks: records.map((record) => presentTask(record, query.includePayload ?? false)), nextToken };
  }

  /** StopAsyncTask; stopping a task that already ended changes nothing. */
  stopTask(accountId: string, functionName: string, taskId: string, qualifier?: string): void {
    if (!this.engine.stopTask(scopeOf(accountId, functionName), taskId, qualifier)) throw fc3Error("AsyncTaskNotFound", taskId, functionName);
  }
}
