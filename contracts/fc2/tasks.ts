// Asynchronous tasks (stateful async invocations) and destination records: the statuses and the record shapes
// the service answers (GetStatefulAsyncInvocation, ListStatefulAsyncInvocations) and sends (onSuccess/onFailure).
import { z } from "zod";
import { FcDestinationRecordSchema, type FcDestinationRecord } from "../alicloud/function-compute";

/** The statuses of a task and of each event in its timeline, as the service documents them. */
export const TASK_STATUSES = ["Enqueued", "Running", "Succeeded", "Failed", "Retrying", "Stopping", "Stopped", "Expired", "Invalid"] as const;
/** One of `TASK_STATUSES`. */
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses after which nothing more happens to a task. */
export const TERMINAL_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set(["Succeeded", "Failed", "Stopped", "Expired", "Invalid"]);
/** A task status, strictly. */
export const TaskStatusSchema = z.enum(TASK_STATUSES);

/** One entry of a task's timeline. */
export const TaskEventSchema = z.object({
  eventId: z.number().int().positive(),
  status: TaskStatusSchema,
  /** Epoch milliseconds. */
  timestamp: z.number().int(),
  /** A JSON string, e.g. `{"Error":"UnhandledInvocationError"}`; absent when there is nothing to say. */
  eventDetail: z.string().optional(),
});
/** One entry of a task's timeline. */
export type TaskEvent = z.infer<typeof TaskEventSchema>;

/** GetStatefulAsyncInvocation's body; absent fields are omitted, as the SDK models allow. Times are epoch ms. */
export const StatefulAsyncInvocationSchema = z.object({
  functionName: z.string(),
  serviceName: z.string(),
  qualifier: z.string(),
  invocationId: z.string(),
  status: TaskStatusSchema,
  startedTime: z.number().int(),
  endTime: z.number().int().optional(),
  destinationStatus: z.string().optional(),
  invocationErrorMessage: z.string().optional(),
  invocationPayload: z.string().optional(),
  alreadyRetriedTimes: z.number().int().nonnegative(),
  requestId: z.string(),
  instanceId: z.string().optional(),
  events: z.array(TaskEventSchema),
  durationMs: z.number().nonnegative(),
  returnPayload: z.string().optional(),
});
/** One task record as the service answers it. */
export type StatefulAsyncInvocation = z.infer<typeof StatefulAsyncInvocationSchema>;

/** What an onSuccess/onFailure destination receives: Function Compute's record, the same in FC 3.0 (`contracts/alicloud`). */
export const DestinationRecordSchema = FcDestinationRecordSchema;
export type DestinationRecord = FcDestinationRecord;
