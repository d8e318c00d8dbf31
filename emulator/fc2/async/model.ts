import {
  DestinationRecordSchema,
  INVOCATION_ID_PATTERN,
  INVOCATION_ID_REQUIREMENT,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  StatefulAsyncInvocationSchema,
  TASK_STATUSES,
  TaskEventSchema,
  TaskStatusSchema,
  functionArn,
  type DestinationRecord,
  type StatefulAsyncInvocation,
  type TaskEvent,
  type TaskStatus,
} from "../../../contracts/fc2";
import { FC_FAILURE_CAUSE as FC_FAILURE_CONDITIONS } from "../../../contracts/alicloud";
import type { EventStatus, FailureCause } from "../../core/engine/model";

/**
 * FC 2.0's words for the async engine's data: the task statuses and record (StatefulAsyncInvocation,
 * seed 004), the destination record, the invocation id rule and the defaults in force without a config —
 * each the contract's (contracts/fc2), mapped here onto the engine's API-neutral statuses and causes.
 */

/** The statuses of a task and of each event in its timeline (the cloud's list, seed 004). */
export const taskStatuses = TASK_STATUSES;
export const taskStatusSchema = TaskStatusSchema;
export type { TaskStatus };

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

/** Why an event ended without success, in FC's words (`contracts/alicloud`, shared with 3.0); one for each engine cause. */
export const FC_FAILURE_CAUSE: Readonly<Record<FailureCause, string>> = FC_FAILURE_CONDITIONS;

/** An invocation id (the contract's rule), and the rule in words for the InvalidArgument that refuses one. */
export const INVOCATION_ID = INVOCATION_ID_PATTERN;
export const INVOCATION_ID_RULE = INVOCATION_ID_REQUIREMENT;

/** The cloud's defaults, in force when the invoked qualifier has no config. */
export const DEFAULT_MAX_ASYNC_RETRY_ATTEMPTS = MAX_ASYNC_RETRY_ATTEMPTS.default;
export const DEFAULT_MAX_ASYNC_EVENT_AGE_SECONDS = MAX_ASYNC_EVENT_AGE_IN_SECONDS.default;

// The record shapes the service answers and sends are the contract's.
export const taskEventSchema = TaskEventSchema;
export const statefulAsyncInvocationSchema = StatefulAsyncInvocationSchema;
export const destinationRecordSchema = DestinationRecordSchema;
export type { DestinationRecord, StatefulAsyncInvocation, TaskEvent };

/** Who is invoked, in FC 2.0's terms: the qualifier is the one in the request (LATEST, a version or an alias). */
export interface InvocationTarget {
  accountId: string;
  region: string;
  serviceName: string;
  qualifier: string;
  functionName: string;
}

/** `acs:fc:{region}:{account}:services/{svc}.{qualifier}/functions/{fn}`, the contract's formatter. */
export { functionArn };
