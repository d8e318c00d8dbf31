/**
 * Asynchronous tasks (stateful async invocations): the records `GetStatefulAsyncInvocation` and
 * `ListStatefulAsyncInvocations` answer, kept loose so members the service adds later survive.
 */
import { z } from "zod";
import { StatefulAsyncInvocationSchema as ContractTaskSchema, TASK_STATUSES, TaskEventSchema, type TaskStatus } from "../../contracts/fc2";

/** Statuses the service documents for tasks and their events; the service may add more. */
export const STATEFUL_INVOCATION_STATUSES = TASK_STATUSES;
/** One of `STATEFUL_INVOCATION_STATUSES`. */
export type StatefulInvocationStatus = TaskStatus;

/** One entry of a task's timeline, read tolerantly: the contract's shape, every member optional but the status. */
export const StatefulAsyncInvocationEventSchema = TaskEventSchema.partial().extend({ status: z.string() }).loose();

/**
 * One task record as `GetStatefulAsyncInvocation` answers it: the contract's shape, read tolerantly — only the id
 * and the status required, any status string accepted, members the service adds later kept.
 */
export const StatefulAsyncInvocationSchema = ContractTaskSchema.partial()
  .extend({ invocationId: z.string(), status: z.string(), events: z.array(StatefulAsyncInvocationEventSchema).optional() })
  .loose();
export type StatefulAsyncInvocation = z.output<typeof StatefulAsyncInvocationSchema>;
export type StatefulAsyncInvocationEvent = z.output<typeof StatefulAsyncInvocationEventSchema>;

export const WireListStatefulAsyncInvocationsSchema = z.object({
  invocations: z.array(StatefulAsyncInvocationSchema).optional(),
  nextToken: z.string().optional(),
});
