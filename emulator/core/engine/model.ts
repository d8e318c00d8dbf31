import { z } from "zod";

/**
 * The async engine's data: what it keeps per event (persisted, so a restart with a data path resumes
 * the queue), and what it shows — the cloud's StatefulAsyncInvocation record (seed 004) and the
 * destination record. One zod schema each; the types are inferred from them.
 */

/** The statuses of a task and of each event in its timeline (the cloud's list, seed 004). */
export const taskStatuses = [
  "Enqueued",
  "Running",
  "Succeeded",
  "Failed",
  "Retrying",
  "Stopping",
  "Stopped",
  "Expired",
  "Invalid",
] as const;
export const taskStatusSchema = z.enum(taskStatuses);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** Statuses after which nothing more happens to a task. */
export const terminalStatuses: ReadonlySet<TaskStatus> = new Set(["Succeeded", "Failed", "Stopped", "Expired", "Invalid"]);

/**
 * Why an event ended without success, named (as LocalStack's event manager does) rather than
 * inferred later. It is the destination record's `condition` and the task's `invocationErrorMessage`;
 * the first two are the function's own error types, as the cloud's seed example shows.
 */
export const failureCauses = [
  "UnhandledInvocationError",
  "HandledInvocationError",
  /** Too old before an attempt, or the next retry would come after the maximum age (look-ahead). */
  "EventAgeExceeded",
  /** Throttling/system errors outlasted the cloud's 5-hour retry budget. */
  "ResourceThrottled",
] as const;
export type FailureCause = (typeof failureCauses)[number];

/** An invocation id: letter or `_` first, then `[A-Za-z0-9_-]`, at most 128 characters. */
export const INVOCATION_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;
/** `INVOCATION_ID` in words, for the InvalidArgument that refuses an id. */
export const INVOCATION_ID_RULE = "must start with a letter or '_', then contain only letters, digits, '_' and '-', at most 128 characters";

/** Who is invoked: the qualifier is the one in the request (LATEST, a version or an alias). */
export const invocationTargetSchema = z.object({
  accountId: z.string(),
  region: z.string(),
  serviceName: z.string(),
  qualifier: z.string(),
  functionName: z.string(),
});
export type InvocationTarget = z.infer<typeof invocationTargetSchema>;

/** The part of an async invoke config the engine applies. */
export interface AsyncPolicy {
  maxAsyncRetryAttempts: number;
  maxAsyncEventAgeInSeconds: number;
  statefulInvocation: boolean;
  onSuccess: string | undefined;
  onFailure: string | undefined;
}

/** The cloud's defaults, in force when the invoked qualifier has no config. */
export const DEFAULT_ASYNC_POLICY: Readonly<AsyncPolicy> = {
  maxAsyncRetryAttempts: 3,
  maxAsyncEventAgeInSeconds: 86_400,
  statefulInvocation: false,
  onSuccess: undefined,
  onFailure: undefined,
};

export const taskEventSchema = z.object({
  eventId: z.number().int().positive(),
  status: taskStatusSchema,
  /** Epoch milliseconds. */
  timestamp: z.number().int(),
  /** A JSON string, e.g. `{"Error":"UnhandledInvocationError"}`; absent when there is nothing to say. */
  eventDetail: z.string().optional(),
});
export type TaskEvent = z.infer<typeof taskEventSchema>;

/** One async event, as the engine keeps it. Times are epoch milliseconds. */
export const eventRecordSchema = z.object({
  /** The request id of the InvokeFunction call that enqueued it: unique, and the record's key. */
  requestId: z.string(),
  /** Enqueue order, so that records at the same millisecond still sort as they arrived. */
  seq: z.number().int().nonnegative(),
  target: invocationTargetSchema,
  /** Stateful events are the "asynchronous tasks" the Get/List/Stop operations see. */
  stateful: z.boolean(),
  /** Present for stateful events only. */
  invocationId: z.string().optional(),
  payloadBase64: z.string(),
  enqueuedAt: z.number().int(),
  status: taskStatusSchema,
  /** Attempts that reached the function (throttled ones did not). */
  attempts: z.number().int().nonnegative(),
  /** Attempts refused by throttling or a system error, retried on the backoff schedule. */
  throttles: z.number().int().nonnegative(),
  /** When the next attempt is due, while one is scheduled. */
  nextAttemptAt: z.number().int().optional(),
  stopRequested: z.boolean(),
  events: z.array(taskEventSchema),
  endTime: z.number().int().optional(),
  /** Total run time of the attempts that reached the function. */
  durationMs: z.number().nonnegative(),
  returnPayloadBase64: z.string().optional(),
  failureCause: z.enum(failureCauses).optional(),
  /** HTTP status and error type of the last attempt that got an answer (for the destination record). */
  lastStatusCode: z.number().int().optional(),
  lastFunctionError: z.string().optional(),
  lastAttemptAt: z.number().int().optional(),
  destinationStatus: z.enum(["Succeeded", "Failed"]).optional(),
  instanceId: z.string().optional(),
});
export type EventRecord = z.infer<typeof eventRecordSchema>;

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

/** ListStatefulAsyncInvocations' filters, already parsed. */
export interface TaskListQuery {
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

/** `acs:fc:{region}:{account}:services/{svc}.{qualifier}/functions/{fn}`; FC 3.0 (no service): `…:functions/{fn}[/{qualifier}]`. */
export function functionArn(target: InvocationTarget): string {
  if (target.serviceName === "") {
    const base = `acs:fc:${target.region}:${target.accountId}:functions/${target.functionName}`;
    return target.qualifier === "LATEST" ? base : `${base}/${target.qualifier}`;
  }
  return `acs:fc:${target.region}:${target.accountId}:services/${target.serviceName}.${target.qualifier}/functions/${target.functionName}`;
}
