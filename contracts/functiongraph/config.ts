/**
 * FunctionGraph v2 async invoke configuration: ranges, defaults, destination types and the JSON `param` of each,
 * the wire bodies (snake_case) and the async invocation record. Provider and emulator both import this file.
 *
 * Ranges follow the request tables (`UpdateFunctionAsyncInvokeConfigRequestBody`): retries 0–3 default 1, event
 * age 1–86400 s default 3600. (The response tables say 60–86400 and 0–8 default 3: a documentation inconsistency.)
 */
import { z } from "zod";
import { parseUrn, URN_SHAPE } from "./urn";

export const MAX_ASYNC_RETRY_ATTEMPTS = { min: 0, max: 3, default: 1 } as const;
export const MAX_ASYNC_EVENT_AGE_IN_SECONDS = { min: 1, max: 86_400, default: 3_600 } as const;
export const ENABLE_ASYNC_STATUS_LOG_DEFAULT = false;
/** OBS object expiry in days; 0 = never. */
export const OBS_EXPIRES = { min: 0, max: 365, default: 0 } as const;

/** List paging of async-invoke-configs: `limit` default 10, 0 means 10, above 100 means 100, negative is an error. */
export const CONFIG_LIST_LIMIT = { default: 10, max: 100 } as const;
export const MARKER_MAX_LENGTH = 64;
/** Async invocation records: `limit` default 100, at most 500; the default window is the last hour. */
export const RECORD_LIST_LIMIT = { default: 100, max: 500 } as const;
export const RECORD_DEFAULT_WINDOW_MS = 3_600_000;

export const DESTINATION_TYPES = ["OBS", "SMN", "DIS", "FunctionGraph"] as const;
export type DestinationType = (typeof DESTINATION_TYPES)[number];

// ---- the JSON `param` of each destination type (wire spelling)

const OBS_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const SMN_TOPIC_URN = /^urn:smn:[a-z]{2,}(?:-[a-z0-9]+)+:[A-Za-z0-9]{1,64}:[A-Za-z0-9_-]{1,255}$/;
const DIS_STREAM = /^[A-Za-z0-9_-]{1,64}$/;

export const obsParam = z.strictObject({
  bucket: z.string().regex(OBS_BUCKET, "must be an OBS bucket name: 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit"),
  prefix: z.string().max(1024, "must be at most 1024 characters").default(""),
  expires: z
    .number()
    .int(`must be a whole number of days from ${OBS_EXPIRES.min} to ${OBS_EXPIRES.max} (0 = never)`)
    .min(OBS_EXPIRES.min, `must be a whole number of days from ${OBS_EXPIRES.min} to ${OBS_EXPIRES.max} (0 = never)`)
    .max(OBS_EXPIRES.max, `must be a whole number of days from ${OBS_EXPIRES.min} to ${OBS_EXPIRES.max} (0 = never)`)
    .default(OBS_EXPIRES.default),
});
export const smnParam = z.strictObject({
  topic_urn: z.string().regex(SMN_TOPIC_URN, "must be an SMN topic URN: urn:smn:{region}:{projectId}:{topic}"),
});
export const disParam = z.strictObject({
  stream_name: z.string().regex(DIS_STREAM, "must be a DIS stream name: letters, digits, '_' and '-' (1-64 characters)"),
});
export const functionGraphParam = z.strictObject({
  func_urn: z.string().superRefine((urn, ctx) => {
    const parsed = parseUrn(urn);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.reason });
    else if (parsed.ref.region === undefined) ctx.addIssue({ code: "custom", message: `must be a full function URN: ${URN_SHAPE}` });
  }),
});

export const PARAM_SCHEMAS = { OBS: obsParam, SMN: smnParam, DIS: disParam, FunctionGraph: functionGraphParam } as const;
export type DestinationParam<T extends DestinationType> = z.infer<(typeof PARAM_SCHEMAS)[T]>;

/** `{destination, param}` as the API sends and takes it: `param` is a JSON string. */
export const wireDestination = z.object({ destination: z.string(), param: z.string() });
export type WireDestination = z.infer<typeof wireDestination>;

/**
 * Checks a wire destination: a known type and a `param` that is a JSON object of that type's shape.
 * Returns the parsed param, or the reason (naming the field and the allowed values).
 */
export function parseWireDestination(
  d: WireDestination,
): { ok: true; type: DestinationType; param: Record<string, unknown> } | { ok: false; field: "destination" | "param"; reason: string } {
  if (!(DESTINATION_TYPES as readonly string[]).includes(d.destination)) {
    return { ok: false, field: "destination", reason: `"${d.destination}" is not a destination type; allowed: ${DESTINATION_TYPES.join(", ")}` };
  }
  const type = d.destination as DestinationType;
  let json: unknown;
  try {
    json = JSON.parse(d.param);
  } catch {
    return { ok: false, field: "param", reason: `is not JSON; a ${type} destination takes ${PARAM_SHAPES[type]}` };
  }
  const result = PARAM_SCHEMAS[type].safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `.${issue.path.join(".")}` : "";
    return { ok: false, field: "param", reason: `${where ? `${where.slice(1)} ` : ""}${issue?.message ?? "is invalid"}; a ${type} destination takes ${PARAM_SHAPES[type]}` };
  }
  return { ok: true, type, param: result.data as Record<string, unknown> };
}

export const PARAM_SHAPES: Record<DestinationType, string> = {
  OBS: '{"bucket","prefix","expires"}',
  SMN: '{"topic_urn"}',
  DIS: '{"stream_name"}',
  FunctionGraph: '{"func_urn"}',
};

// ---- bodies

export const wireDestinationConfig = z.object({
  on_success: wireDestination.nullish(),
  on_failure: wireDestination.nullish(),
});

/** PUT …/async-invoke-config body. */
export const updateAsyncConfigBody = z.object({
  max_async_event_age_in_seconds: z.number().int().optional(),
  max_async_retry_attempts: z.number().int().optional(),
  destination_config: wireDestinationConfig.nullish(),
  enable_async_status_log: z.boolean().optional(),
});
export type UpdateAsyncConfigBody = z.infer<typeof updateAsyncConfigBody>;

/** A config as Show/Update/List answer it. Times are RFC 3339 without fractional seconds. */
export const wireAsyncConfig = z.object({
  func_urn: z.string(),
  max_async_event_age_in_seconds: z.number().int(),
  max_async_retry_attempts: z.number().int(),
  destination_config: wireDestinationConfig.nullish(),
  created_time: z.string().optional(),
  last_modified: z.string().optional(),
  enable_async_status_log: z.boolean().optional(),
});
export type WireAsyncConfig = z.infer<typeof wireAsyncConfig>;

export const pageInfo = z.object({ next_marker: z.number().int(), previous_marker: z.number().int(), current_count: z.number().int() });
export const listAsyncConfigsResponse = z.object({
  async_invoke_configs: z.array(wireAsyncConfig),
  count: z.number().int(),
  page_info: pageInfo,
});

// ---- async invocation records

export const INVOCATION_STATUSES = ["WAIT", "RUNNING", "SUCCESS", "FAIL", "DISCARD"] as const;
export type InvocationStatus = (typeof INVOCATION_STATUSES)[number];
export const CANCEL_TYPES = ["force", "recursive"] as const;

/** `YYYY-MM-DDTHH:mm:ss`, UTC, as the records list answers and takes `query_begin_time`/`query_end_time`. */
export const RECORD_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
export function formatRecordTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
export function parseRecordTime(text: string): number | undefined {
  if (!RECORD_TIME.test(text)) return undefined;
  const ms = Date.parse(`${text}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
/** RFC 3339 without fractional seconds, UTC (`2021-03-04T06:50:02Z`): the config timestamps. */
export function formatConfigTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export const wireInvocation = z.object({
  request_id: z.string(),
  status: z.enum(INVOCATION_STATUSES),
  error_message: z.string(),
  /** 0 on success. */
  error_code: z.number().int(),
  start_time: z.string(),
  end_time: z.string(),
});
export type WireInvocation = z.infer<typeof wireInvocation>;
export const listInvocationsResponse = z.object({
  invocations: z.array(wireInvocation),
  count: z.number().int(),
  /** The SDK and docs say number; Terraform reads a string. The emulator sends a number; the provider takes both. */
  next_marker: z.union([z.number().int(), z.string()]),
});
