import { z } from "zod";
import type { EventStatus, FailureCause } from "../../core/engine/model";

/**
 * FC 2.0's words for the async engine's data: the task statuses and record (StatefulAsyncInvocation,
 * seed 004), the destination record, the invocation id rule and the defaults in force without a config.
 */

/** The statuses of a task and of each event in its timeline (the cloud's list, seed 004). */
export const taskStatuses = ["Enqueued", "Running", "Succeeded", "Failed", "Retrying", "Stopping", "Stopped", "Expired", "Invalid"] as const;
export const taskStatusSchema = z.enum(taskStatuses);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** The engine's statuses in FC 2.0's words, one to one. */
export const FC_STATUS: Readonly<Record<EventStatus, TaskStatus>> = {
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

export function engineStatus(status: TaskStatus): EventStatus {
  return (Object.keys(FC_STATUS) as EventStatus[]).find((s) => FC_STATUS[s] === status) as EventStatus;
}

/**
 * Why an event ended without success, as the destination record's `condition` and the task's
 * `invocationErrorMessage` name it; the first two are the function's own error types, as the cloud's
 * seed example shows.
 */
export const FC_FAILURE_CAUSE: Readonly<Record<FailureCause, string>> = {
  unhandledFunctionError: "UnhandledInvocationError",
  handledFunctionError: "HandledInvocationError",
  eventAgeExceeded: "EventAgeExceeded",
  throttled: "ResourceThrottled",
};

/** An invocation id: letter or `_` first, then `[A-Za-z0-9_-]`, at most 128 characters. */
export const INVOCATION_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;
/** `INVOCATION_ID` in words, for the InvalidArgument that refuses an id. */
export const INVOCATION_ID_RULE = "must start with a letter or '_', then contain only letters, digits, '_' and '-', at most 128 characters";

/** The cloud's defaults, in force when the invoked qualifier has no config. */
export const DEFAULT_MAX_ASYNC_RETRY_ATTEMPTS = 3;
export const DEFAULT_MAX_ASYNC_EVENT_AGE_SECONDS = 86_400;

export const taskEventSchema = z.object({
  eventId: z.number().int().positive(),
  status: taskStatusSchema,
  /** Epoch milliseconds. */
  timestamp: z.number().int(),
  /** A JSON string, e.g. `{"Error":"UnhandledInvocationError"}`; absent when there is nothing to say. */
  eventDetail: z.string().optional(),
});
export type TaskEvent = z.infer<typeof taskEventSchema>;

/** GetStatefulAsyncInvocation's body (seed 004); absent fields are omitted, as the SDK models allow. */
export const statefulAsyncInvocationSchema = z.object({
  functionName: z.string(),
  serviceName: z.string(),
  qualifier: z.string(),
  invocationId: z.string(),
  status: taskStatusSchema,
  startedTime: z.number().int(),
  endTime: z.number().int().optional(),
  destinationStatus: z.string().optional(),
  invocationErrorMessage: z.string().optional(),
  invocationPayload: z.string().optional(),
  alreadyRetriedTimes: z.number().int().nonnegative(),
  requestId: z.string(),
  instanceId: z.string().optional(),
  events: z.array(taskEventSchema),
  durationMs: z.number().nonnegative(),
  returnPayload: z.string().optional(),
});
export type StatefulAsyncInvocation = z.infer<typeof statefulAsyncInvocationSchema>;

/**
 * What an onSuccess/onFailure destination receives (the cloud's partly documented shape).
 * `statusCode` is `null` when the function never answered (the event expired before any attempt).
 */
export const destinationRecordSchema = z.object({
  timestamp: z.string(),
  requestContext: z.object({
    requestId: z.string(),
    functionArn: z.string(),
    /** `""` on success; otherwise the failure cause. */
    condition: z.string(),
    approximateInvokeCount: z.number().int().nonnegative(),
  }),
  requestPayload: z.string(),
  responseContext: z.object({
    statusCode: z.number().int().nullable(),
    functionError: z.string(),
  }),
  responsePayload: z.string(),
});
export type DestinationRecord = z.infer<typeof destinationRecordSchema>;

/** Who is invoked, in FC 2.0's terms: the qualifier is the one in the request (LATEST, a version or an alias). */
export interface InvocationTarget {
  accountId: string;
  region: string;
  serviceName: string;
  qualifier: string;
  functionName: string;
}

/** `acs:fc:{region}:{account}:services/{svc}.{qualifier}/functions/{fn}` */
export function functionArn(target: InvocationTarget): string {
  return `acs:fc:${target.region}:${target.accountId}:services/${target.serviceName}.${target.qualifier}/functions/${target.functionName}`;
}
