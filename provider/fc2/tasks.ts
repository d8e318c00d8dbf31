/**
 * Asynchronous tasks (stateful async invocations): the records `GetStatefulAsyncInvocation` and
 * `ListStatefulAsyncInvocations` answer, kept loose so members the service adds later survive.
 */
import { z } from "zod";


/** Statuses the service documents for tasks and their events; the service may add more. */
export const STATEFUL_INVOCATION_STATUSES = ["Enqueued", "Running", "Succeeded", "Failed", "Retrying", "Stopping", "Stopped", "Expired", "Invalid"] as const;
export type StatefulInvocationStatus = (typeof STATEFUL_INVOCATION_STATUSES)[number];

export const StatefulAsyncInvocationEventSchema = z.looseObject({
  eventId: z.number().optional(),
  status: z.string(),
  /** Milliseconds since the epoch. */
  timestamp: z.number().optional(),
  /** A JSON string with details, e.g. `{"Error":"UnhandledInvocationError"}`. */
  eventDetail: z.string().optional(),
});

/** One task record as `GetStatefulAsyncInvocation` answers it. Members the service adds later are kept. */
export const StatefulAsyncInvocationSchema = z.looseObject({
  invocationId: z.string(),
  status: z.string(),
  serviceName: z.string().optional(),
  functionName: z.string().optional(),
  qualifier: z.string().optional(),
  /** Milliseconds since the epoch. */
  startedTime: z.number().optional(),
  /** Milliseconds since the epoch. */
  endTime: z.number().optional(),
  destinationStatus: z.string().optional(),
  invocationErrorMessage: z.string().optional(),
  invocationPayload: z.string().optional(),
  alreadyRetriedTimes: z.number().optional(),
  requestId: z.string().optional(),
  instanceId: z.string().optional(),
  events: z.array(StatefulAsyncInvocationEventSchema).optional(),
  durationMs: z.number().optional(),
  returnPayload: z.string().optional(),
});
export type StatefulAsyncInvocation = z.output<typeof StatefulAsyncInvocationSchema>;
export type StatefulAsyncInvocationEvent = z.output<typeof StatefulAsyncInvocationEventSchema>;

export const WireListStatefulAsyncInvocationsSchema = z.object({
  invocations: z.array(StatefulAsyncInvocationSchema).optional(),
  nextToken: z.string().optional(),
});
