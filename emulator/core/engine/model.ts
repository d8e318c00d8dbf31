import { z } from "zod";

/**
 * The async engine's data, in no cloud's words: what it keeps per event (persisted, so a restart with a
 * data path resumes the queue) and the policy it applies. Each API presents these in its own shape and
 * statuses (FC 2.0's StatefulAsyncInvocation, FC 3.0's AsyncTask, FunctionGraph's WAIT…DISCARD records)
 * and turns its own async config into an `AsyncPolicy`.
 */

/** Where an event is in its life. */
export const eventStatuses = ["queued", "running", "retrying", "stopping", "succeeded", "failed", "stopped", "expired", "invalid"] as const;
export const eventStatusSchema = z.enum(eventStatuses);
export type EventStatus = z.infer<typeof eventStatusSchema>;

/** Statuses after which nothing more happens to an event. */
export const terminalStatuses: ReadonlySet<EventStatus> = new Set(["succeeded", "failed", "stopped", "expired", "invalid"]);

/** Why an event ended without success, named rather than inferred later. */
export const failureCauses = [
  /** The function threw, its promise rejected, it timed out or crashed. */
  "unhandledFunctionError",
  /** The function reported an error itself (Node's `callback(error)`). */
  "handledFunctionError",
  /** Too old before an attempt, or the next retry would come after the maximum age (look-ahead). */
  "eventAgeExceeded",
  /** Throttling/system errors outlasted the retry budget. */
  "throttled",
] as const;
export const failureCauseSchema = z.enum(failureCauses);
export type FailureCause = z.infer<typeof failureCauseSchema>;

/**
 * What is invoked. `functionKey` is the API's own path to the function (FC 2.0 `[service, function]`,
 * FC 3.0 `[function]`); `qualifier` is the one invoked (a version, an alias, or the API's "latest").
 */
export const eventTargetSchema = z.object({
  /** `ApiModule.name` of the API that accepted the event: it resolves, runs and presents it. */
  api: z.string(),
  accountId: z.string(),
  region: z.string(),
  functionKey: z.array(z.string()).min(1),
  qualifier: z.string(),
});
export type EventTarget = z.infer<typeof eventTargetSchema>;

/** Where a finished event's record goes, already parsed and checked by its API. */
export type Destination =
  /** Another function, invoked asynchronously with the record as its event. */
  | { kind: "function"; target: EventTarget }
  /** A queue, topic, bus or bucket the emulator has not got: the record is kept in the message log under `name`. */
  | { kind: "sink"; name: string }
  /** Named but not deliverable (another region or account, an unknown kind): delivery fails. */
  | { kind: "unusable"; reason: string };

/** What the engine applies to an event: its API's async config for the invoked qualifier, defaults filled in. */
export interface AsyncPolicy {
  maxRetries: number;
  maxEventAgeSeconds: number;
  /** Whether events are kept as tasks (listable and stoppable after they end) unless the request says otherwise. */
  keepAsTask: boolean;
  onSuccess: Destination | undefined;
  onFailure: Destination | undefined;
}

export const timelineEntrySchema = z.object({
  eventId: z.number().int().positive(),
  status: eventStatusSchema,
  /** Epoch milliseconds. */
  timestamp: z.number().int(),
  /** Why: a failure cause, or the reason an event is invalid. */
  detail: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** One async event, as the engine keeps it. Times are epoch milliseconds. */
export const eventRecordSchema = z.object({
  /** The request id of the call that enqueued it: unique, and the record's key. */
  requestId: z.string(),
  /** Enqueue order, so that records at the same millisecond still sort as they arrived. */
  seq: z.number().int().nonnegative(),
  target: eventTargetSchema,
  /** Kept as a task: listable, stoppable, and kept after it ends. */
  task: z.boolean(),
  /** Present for tasks only: the id to get, list and stop it by. */
  taskId: z.string().optional(),
  payloadBase64: z.string(),
  enqueuedAt: z.number().int(),
  status: eventStatusSchema,
  /** Attempts that reached the function (throttled ones did not). */
  attempts: z.number().int().nonnegative(),
  /** Attempts refused by throttling or a system error, retried on the backoff schedule. */
  throttles: z.number().int().nonnegative(),
  /** When the next attempt is due, while one is scheduled. */
  nextAttemptAt: z.number().int().optional(),
  stopRequested: z.boolean(),
  timeline: z.array(timelineEntrySchema),
  endTime: z.number().int().optional(),
  /** Total run time of the attempts that reached the function. */
  durationMs: z.number().nonnegative(),
  returnPayloadBase64: z.string().optional(),
  failureCause: failureCauseSchema.optional(),
  /** HTTP status and error type of the last attempt that got an answer (for the destination record). */
  lastStatusCode: z.number().int().optional(),
  lastFunctionError: z.string().optional(),
  lastAttemptAt: z.number().int().optional(),
  destinationStatus: z.enum(["succeeded", "failed"]).optional(),
  instanceId: z.string().optional(),
});
export type EventRecord = z.infer<typeof eventRecordSchema>;

/** Which function's tasks. */
export interface TaskScope {
  api: string;
  accountId: string;
  functionKey: readonly string[];
}

/** Task list filters, already parsed and translated by the API. */
export interface TaskListQuery {
  qualifier?: string | undefined;
  /** Any of these statuses; all when absent. */
  statuses?: ReadonlySet<EventStatus> | undefined;
  taskIdPrefix?: string | undefined;
  /** Inclusive bounds on the enqueue time, epoch ms. */
  startedTimeBegin?: number | undefined;
  startedTimeEnd?: number | undefined;
  /** Default `desc`: newest first. */
  order?: "asc" | "desc" | undefined;
  limit?: number | undefined;
  nextToken?: string | undefined;
}

/** The bytes of a base64 field as UTF-8 text; `""` when absent. */
export function utf8(base64: string | undefined): string {
  return base64 === undefined ? "" : Buffer.from(base64, "base64").toString("utf8");
}
