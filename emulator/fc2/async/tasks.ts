import { TaskExistsError, type AsyncEngine, type Enqueued } from "../../core/engine/engine";
import { utf8, type EventRecord, type TaskScope } from "../../core/engine/model";
import { fcError } from "../errors";
import { engineTarget } from "./engine-api";
import { engineStatus, FC_FAILURE_CAUSE, FC_STATUS, INVOCATION_ID, INVOCATION_ID_RULE, type InvocationTarget, type StatefulAsyncInvocation, type TaskStatus } from "./model";

/**
 * FC 2.0's stateful async invocations ("asynchronous tasks") over the API-neutral engine: enqueue with
 * FC's headers' meaning, and Get/List/Stop answering FC's record, statuses and error codes.
 */

/** Which function's tasks: the Get/List/Stop path. */
export interface FcTaskScope {
  accountId: string;
  serviceName: string;
  functionName: string;
}

/** ListStatefulAsyncInvocations' filters, already parsed. */
export interface FcTaskListQuery {
  qualifier?: string | undefined;
  status?: TaskStatus | undefined;
  invocationIdPrefix?: string | undefined;
  /** Inclusive bounds on `startedTime`, epoch ms. */
  startedTimeBegin?: number | undefined;
  startedTimeEnd?: number | undefined;
  /** Default `desc`: newest first. */
  sortOrderByTime?: "asc" | "desc" | undefined;
  includePayload?: boolean | undefined;
  limit?: number | undefined;
  nextToken?: string | undefined;
}

export interface FcEnqueueRequest {
  target: InvocationTarget;
  payload: Uint8Array;
  /** The InvokeFunction request's id. */
  requestId?: string;
  /** `X-Fc-Stateful-Async-Invocation-Id`: validated; kept only when the event is stateful. */
  invocationId?: string | undefined;
  /** `X-Fc-Stateful-Async-Invocation-Enable`; absent means "as the invoked qualifier's config says". */
  stateful?: boolean | undefined;
}

function scopeOf(scope: FcTaskScope): TaskScope {
  return { api: "fc2", accountId: scope.accountId, functionKey: [scope.serviceName, scope.functionName] };
}

/** A timeline entry's detail: a failure cause in FC's words, or the code that made the task invalid. */
function detailWord(detail: string): string {
  return Object.hasOwn(FC_FAILURE_CAUSE, detail) ? FC_FAILURE_CAUSE[detail as keyof typeof FC_FAILURE_CAUSE] : detail;
}

export function presentTask(record: Readonly<EventRecord>, includePayload: boolean): StatefulAsyncInvocation {
  const [serviceName = "", functionName = ""] = record.target.functionKey;
  const task: StatefulAsyncInvocation = {
    functionName,
    serviceName,
    qualifier: record.target.qualifier,
    invocationId: record.taskId ?? record.requestId,
    status: FC_STATUS[record.status],
    startedTime: record.enqueuedAt,
    alreadyRetriedTimes: Math.max(0, record.attempts - 1),
    requestId: record.requestId,
    events: record.timeline.map((entry) => ({
      eventId: entry.eventId,
      status: FC_STATUS[entry.status],
      timestamp: entry.timestamp,
      ...(entry.detail !== undefined && { eventDetail: JSON.stringify({ Error: detailWord(entry.detail) }) }),
    })),
    durationMs: record.durationMs,
  };
  if (record.endTime !== undefined) task.endTime = record.endTime;
  if (record.destinationStatus !== undefined) task.destinationStatus = record.destinationStatus === "succeeded" ? "Succeeded" : "Failed";
  if (record.failureCause !== undefined) task.invocationErrorMessage = FC_FAILURE_CAUSE[record.failureCause];
  if (record.instanceId !== undefined) task.instanceId = record.instanceId;
  if (includePayload) {
    task.invocationPayload = utf8(record.payloadBase64);
    if (record.returnPayloadBase64 !== undefined) task.returnPayload = utf8(record.returnPayloadBase64);
  }
  return task;
}

export class FcAsyncTasks {
  constructor(private readonly engine: AsyncEngine) {}

  /** InvokeFunction with `X-Fc-Invocation-Type: Async`. */
  enqueue(request: FcEnqueueRequest): { requestId: string; invocationId: string | undefined } {
    if (request.invocationId !== undefined && !INVOCATION_ID.test(request.invocationId)) {
      throw fcError("InvalidArgument", `X-Fc-Stateful-Async-Invocation-Id '${request.invocationId}' is invalid: it ${INVOCATION_ID_RULE}`);
    }
    let enqueued: Enqueued;
    try {
      enqueued = this.engine.enqueue({
        target: engineTarget(request.target),
        payload: request.payload,
        ...(request.requestId !== undefined && { requestId: request.requestId }),
        taskId: request.invocationId,
        task: request.stateful,
      });
    } catch (error) {
      if (error instanceof TaskExistsError) throw fcError("StatefulAsyncInvocationAlreadyExists", error.taskId, request.target.functionName);
      throw error;
    }
    return { requestId: enqueued.requestId, invocationId: enqueued.taskId };
  }

  /** GetStatefulAsyncInvocation. A qualifier, when given, must be the one the task was invoked with. */
  getTask(scope: FcTaskScope, invocationId: string, qualifier?: string): StatefulAsyncInvocation {
    const record = this.engine.getTask(scopeOf(scope), invocationId, qualifier);
    if (record === undefined) throw fcError("StatefulAsyncInvocationNotFound", invocationId, scope.functionName);
    return presentTask(record, true);
  }

  /** ListStatefulAsyncInvocations: filtered, sorted by start time, one page at a time. */
  listTasks(scope: FcTaskScope, query: FcTaskListQuery = {}): { invocations: StatefulAsyncInvocation[]; nextToken: string | undefined } {
    const { records, nextToken } = this.engine.listTasks(scopeOf(scope), {
      qualifier: query.qualifier,
      statuses: query.status === undefined ? undefined : new Set([engineStatus(query.status)]),
      taskIdPrefix: query.invocationIdPrefix,
      startedTimeBegin: query.startedTimeBegin,
      startedTimeEnd: query.startedTimeEnd,
      order: query.sortOrderByTime,
      limit: query.limit,
      nextToken: query.nextToken,
    });
    return { invocations: records.map((record) => presentTask(record, query.includePayload ?? false)), nextToken };
  }

  /** StopStatefulAsyncInvocation; stopping a task that already ended changes nothing. */
  stopTask(scope: FcTaskScope, invocationId: string, qualifier?: string): void {
    if (!this.engine.stopTask(scopeOf(scope), invocationId, qualifier)) {
      throw fcError("StatefulAsyncInvocationNotFound", invocationId, scope.functionName);
    }
  }
}
