import { z } from "zod";
import { INVOCATION_ID, INVOCATION_ID_RULE, taskStatusSchema } from "../async/model";
import { limitParam, nextTokenParam } from "./common";
import { parseOrThrow } from "./parse";

/**
 * InvokeFunction's headers and the stateful-task operations' path and query. Header values arrive as
 * strings; an unknown value is refused with InvalidArgument rather than silently read as a default.
 */

/** `{invocationId}` in the stateful-task paths. */
export const invocationIdParam = z.string().regex(INVOCATION_ID, { error: INVOCATION_ID_RULE });

/** What the async payload may weigh: FC 2.0 accepts up to 128 KB for an asynchronous invocation. */
export const MAX_ASYNC_PAYLOAD_BYTES = 128 * 1024;
/** What a synchronous invocation's payload may weigh: 6 MB. */
export const MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;

const invokeHeaders = z.object({
  "x-fc-invocation-type": z.enum(["Sync", "Async"], { error: "must be Sync or Async" }).default("Sync"),
  "x-fc-log-type": z.enum(["None", "Tail"], { error: "must be None or Tail" }).default("None"),
  "x-fc-stateful-async-invocation-id": z.string().regex(INVOCATION_ID, { error: INVOCATION_ID_RULE }).optional(),
  "x-fc-stateful-async-invocation-enable": z
    .enum(["true", "false", "True", "False", "TRUE", "FALSE"], { error: "must be true or false" })
    .transform((v) => v.toLowerCase() === "true")
    .optional(),
});
export type InvokeHeaders = z.output<typeof invokeHeaders>;

export function parseInvokeHeaders(headers: Readonly<Record<string, string | undefined>>): InvokeHeaders {
  const relevant = Object.fromEntries(Object.keys(invokeHeaders.shape).map((name) => [name, headers[name]]).filter(([, v]) => v !== undefined));
  // The header names are the "fields": `x-fc-invocation-type must be Sync or Async, got "Later"`.
  return parseOrThrow(invokeHeaders, relevant, "body");
}

const epochMs = z
  .string()
  .regex(/^[0-9]{1,16}$/, { error: "must be a time in epoch milliseconds" })
  .transform(Number);

export const listStatefulAsyncInvocationsQuery = z.object({
  limit: limitParam,
  nextToken: nextTokenParam,
  status: taskStatusSchema.optional(),
  invocationIdPrefix: z.string().max(128, { error: "must be at most 128 characters" }).optional(),
  startedTimeBegin: epochMs.optional(),
  startedTimeEnd: epochMs.optional(),
  sortOrderByTime: z.enum(["asc", "desc"], { error: "must be asc or desc" }).optional(),
  includePayload: z
    .enum(["true", "false"], { error: "must be true or false" })
    .transform((v) => v === "true")
    .optional(),
});
export type ListStatefulAsyncInvocationsQuery = z.output<typeof listStatefulAsyncInvocationsQuery>;
