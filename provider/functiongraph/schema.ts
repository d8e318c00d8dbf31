/**
 * What `functiongraph.AsyncInvokeConfig` deals in, as zod schemas (types inferred): the user's inputs with typed
 * destinations, their conversion to and from the API's `{destination, param}` (param a JSON string), and the
 * outputs kept in state. Every range, name rule and destination shape comes from `contracts/functiongraph`.
 *
 * The config is addressed one of two ways (exactly one):
 * - `functionUrn`: the full URN, its last field the qualifier (`latest`, a version, `!alias`); a 7-field URN means latest;
 * - `functionName` + `qualifier` (default `latest`; an alias written `!name`, as in URNs) + `package` (default `default`),
 *   completed with the region and project id of the connection.
 */
import { z } from "zod";
import { describeValue } from "../shared/messages";
import {
  DEFAULT_PACKAGE,
  DESTINATION_TYPES,
  ENABLE_ASYNC_STATUS_LOG_DEFAULT,
  FUNCTION_NAME,
  FUNCTION_NAME_RULE,
  LATEST,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  OBS_EXPIRES,
  PACKAGE_NAME,
  PACKAGE_NAME_RULE,
  PARAM_SCHEMAS,
  URN_SHAPE,
  formatUrn,
  parseQualifier,
  parseUrn,
  type DestinationType,
  type WireAsyncConfig,
  type WireDestination,
} from "../../contracts/functiongraph";

export const OUTPUTS_SCHEMA_VERSION = 1;

/** An integer in `range`; a failure names the field, the range with its default, and the value given. */
const intIn = (name: string, range: { min: number; max: number; default: number }) => {
  const rule = { error: (issue: { input?: unknown }) => `${name} must be an integer from ${range.min} to ${range.max} (default ${range.default}); got ${describeValue(issue.input)}` };
  return z.number(rule).int(rule).min(range.min, rule).max(range.max, rule);
};

// ---- typed destinations

export const ObsDestinationSchema = z.strictObject({
  type: z.literal("OBS"),
  /** OBS bucket name. */
  bucket: z.string(),
  /** Object key prefix; default "". */
  prefix: z.string().default(""),
  /** Days until the objects expire, 0–365; 0 (default) = never. */
  expires: z.number().default(OBS_EXPIRES.default),
});
export const SmnDestinationSchema = z.strictObject({ type: z.literal("SMN"), /** SMN topic URN. */ topicUrn: z.string() });
export const DisDestinationSchema = z.strictObject({ type: z.literal("DIS"), /** DIS stream name. */ streamName: z.string() });
export const FunctionGraphDestinationSchema = z.strictObject({
  type: z.literal("FunctionGraph"),
  /** Full URN of the function to invoke with the record. */
  functionUrn: z.string(),
});

/** A wire param key ↔ the typed destination's key. */
const PARAM_KEYS: Record<DestinationType, Record<string, string>> = {
  OBS: { bucket: "bucket", prefix: "prefix", expires: "expires" },
  SMN: { topicUrn: "topic_urn" },
  DIS: { streamName: "stream_name" },
  FunctionGraph: { functionUrn: "func_urn" },
};

function checkParam(d: { type: DestinationType } & Record<string, unknown>, ctx: z.RefinementCtx): void {
  const keys = PARAM_KEYS[d.type];
  const wire = Object.fromEntries(Object.entries(keys).map(([ours, theirs]) => [theirs, d[ours]]));
  const result = PARAM_SCHEMAS[d.type].safeParse(wire);
  if (result.success) return;
  const back = Object.fromEntries(Object.entries(keys).map(([ours, theirs]) => [theirs, ours]));
  for (const issue of result.error.issues) {
    const key = back[String(issue.path[0])] ?? String(issue.path[0]);
    ctx.addIssue({ code: "custom", path: [key], message: `${key} ${issue.message}` });
  }
}

export const DestinationSchema = z
  .discriminatedUnion("type", [ObsDestinationSchema, SmnDestinationSchema, DisDestinationSchema, FunctionGraphDestinationSchema], {
    error: (issue) =>
      issue.code === "invalid_union" ? `type must be one of ${DESTINATION_TYPES.join(", ")}` : undefined,
  })
  .superRefine((d, ctx) => checkParam(d as never, ctx));
export type Destination = z.infer<typeof DestinationSchema>;

export const DestinationConfigSchema = z.strictObject({
  /** Where FunctionGraph reports a successful invocation. */
  onSuccess: DestinationSchema.optional(),
  /** Where FunctionGraph reports an invocation that failed after its retries or expired. */
  onFailure: DestinationSchema.optional(),
});
export type DestinationConfig = z.infer<typeof DestinationConfigSchema>;

// ---- inputs

const settings = {
  /** Retries after a function error, 0–3 (default 1). 0 is always sent. */
  maxAsyncRetryAttempts: intIn("maxAsyncRetryAttempts", MAX_ASYNC_RETRY_ATTEMPTS).default(MAX_ASYNC_RETRY_ATTEMPTS.default),
  /** Maximum age of a queued event in seconds, 1–86400 (default 3600). */
  maxAsyncEventAgeInSeconds: intIn("maxAsyncEventAgeInSeconds", MAX_ASYNC_EVENT_AGE_IN_SECONDS).default(MAX_ASYNC_EVENT_AGE_IN_SECONDS.default),
  /** Keep async invocation status logs (needs the project's async status log enabled); default false. */
  enableAsyncStatusLog: z.boolean({ error: "enableAsyncStatusLog must be true or false" }).default(ENABLE_ASYNC_STATUS_LOG_DEFAULT),
  /** `{ onSuccess?, onFailure? }`, each `{ type: "OBS"|"SMN"|"DIS"|"FunctionGraph", … }`; default none. */
  destinationConfig: DestinationConfigSchema.default({}),
  /** Take over a config that already exists instead of failing; default false. */
  adoptExisting: z.boolean({ error: "adoptExisting must be true or false" }).default(false),
};

export const SETTING_KEYS = ["maxAsyncRetryAttempts", "maxAsyncEventAgeInSeconds", "enableAsyncStatusLog", "destinationConfig"] as const;

/** Every key a program may write, for messages about unknown keys. */
export const INPUT_KEYS = ["functionUrn", "functionName", "qualifier", "package", ...SETTING_KEYS, "adoptExisting"] as const;

const urnField = z.string({ error: `functionUrn must be a string: ${URN_SHAPE}` }).transform((urn, ctx) => {
  const parsed = parseUrn(urn);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: `functionUrn ${parsed.reason}` });
    return z.NEVER;
  }
  const { region, projectId } = parsed.ref;
  if (region === undefined || projectId === undefined) {
    ctx.addIssue({ code: "custom", message: `functionUrn must be a full URN, ${URN_SHAPE}; for a short name use functionName (+ package, qualifier)` });
    return z.NEVER;
  }
  return formatUrn({ ...parsed.ref, region, projectId });
});

const qualifierField = z.string().superRefine((q, ctx) => {
  const parsed = parseQualifier(q);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: `qualifier ${parsed.reason}` });
});

export const ByUrnSchema = z.strictObject({ functionUrn: urnField, ...settings });
export const ByNameSchema = z.strictObject({
  functionName: z.string().regex(FUNCTION_NAME, `functionName ${FUNCTION_NAME_RULE}`),
  /** `latest` (default), a published version name, or `!alias`. */
  qualifier: qualifierField.default(LATEST),
  /** The function's package (application); default `default`. */
  package: z.string().regex(PACKAGE_NAME, `package ${PACKAGE_NAME_RULE}`).default(DEFAULT_PACKAGE),
  ...settings,
});

/** What a program writes (before defaults). */
export type AsyncInvokeConfigInput =
  | (z.input<typeof ByUrnSchema> & { functionName?: never; qualifier?: never; package?: never })
  | (z.input<typeof ByNameSchema> & { functionUrn?: never });
export type CheckedInputs = z.output<typeof ByUrnSchema> | z.output<typeof ByNameSchema>;

/** Picks the form by the keys present; neither or both is an error that names the keys. */
export function parseInputs(raw: Record<string, unknown>): z.ZodSafeParseResult<CheckedInputs> {
  const byUrn = raw["functionUrn"] !== undefined && raw["functionUrn"] !== null;
  const byName = ["functionName", "qualifier", "package"].some((k) => raw[k] !== undefined && raw[k] !== null);
  if (byUrn === byName) {
    const message = byUrn
      ? "give either functionUrn or functionName (+ qualifier, package), not both"
      : `give functionUrn (${URN_SHAPE}) or functionName (+ qualifier, package)`;
    return { success: false, error: new z.ZodError([{ code: "custom", path: [byUrn ? "functionName" : "functionUrn"], message, input: raw }]) } as never;
  }
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null));
  return (byUrn ? ByUrnSchema : ByNameSchema).safeParse(cleaned) as z.ZodSafeParseResult<CheckedInputs>;
}

/** What the schema fills in for a config that gives only its function: the same for every FunctionGraph config. */
export const SETTING_DEFAULTS: Readonly<Record<(typeof SETTING_KEYS)[number], unknown>> = (() => {
  const filled = parseInputs({ functionName: "f" });
  if (!filled.success) throw new Error("FunctionGraph's input schema refuses a bare function name");
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, (filled.data as Record<string, unknown>)[key]])) as Record<(typeof SETTING_KEYS)[number], unknown>;
})();

// ---- destinations ↔ wire

export function toWireDestination(d: Destination): WireDestination {
  const keys = PARAM_KEYS[d.type];
  const param = Object.fromEntries(Object.entries(keys).map(([ours, theirs]) => [theirs, (d as Record<string, unknown>)[ours]]));
  return { destination: d.type, param: JSON.stringify(param) };
}

/** The API's destination as a typed one; param key order does not matter. Unknown types are an error. */
export function fromWireDestination(w: WireDestination): Destination {
  if (!(DESTINATION_TYPES as readonly string[]).includes(w.destination)) {
    throw new Error(`FunctionGraph answered destination type ${JSON.stringify(w.destination)}; this release knows ${DESTINATION_TYPES.join(", ")}`);
  }
  const type = w.destination as DestinationType;
  let param: Record<string, unknown>;
  try {
    param = JSON.parse(w.param) as Record<string, unknown>;
  } catch {
    throw new Error(`FunctionGraph answered a ${type} destination whose param is not JSON`);
  }
  const out: Record<string, unknown> = { type };
  for (const [ours, theirs] of Object.entries(PARAM_KEYS[type])) if (param[theirs] !== undefined) out[ours] = param[theirs];
  if (type === "OBS") {
    out["prefix"] ??= "";
    out["expires"] ??= OBS_EXPIRES.default;
  }
  return out as Destination;
}

// ---- the live config and the outputs

/** A config as the provider and the functions present it (camelCase, typed destinations). */
export interface AsyncInvokeConfig {
  readonly functionUrn: string;
  readonly maxAsyncRetryAttempts: number;
  readonly maxAsyncEventAgeInSeconds: number;
  readonly enableAsyncStatusLog: boolean;
  readonly destinationConfig: DestinationConfig;
  /** RFC 3339; empty when FunctionGraph did not say. */
  readonly createdTime: string;
  readonly lastModifiedTime: string;
}

export function fromWireConfig(w: WireAsyncConfig): AsyncInvokeConfig {
  const destinationConfig: DestinationConfig = {};
  if (w.destination_config?.on_success) destinationConfig.onSuccess = fromWireDestination(w.destination_config.on_success);
  if (w.destination_config?.on_failure) destinationConfig.onFailure = fromWireDestination(w.destination_config.on_failure);
  return {
    functionUrn: w.func_urn,
    maxAsyncRetryAttempts: w.max_async_retry_attempts,
    maxAsyncEventAgeInSeconds: w.max_async_event_age_in_seconds,
    enableAsyncStatusLog: w.enable_async_status_log ?? false,
    destinationConfig,
    createdTime: rfc3339(w.created_time),
    lastModifiedTime: rfc3339(w.last_modified),
  };
}

/**
 * Times as RFC 3339. The docs show `2021-03-04T14:50:02+08:00` for one field and `2021-03-04 14:50:02` for the
 * other; both become `…T…` with their offset (a bare local time is taken as UTC, as the emulator and Terraform do).
 */
export function rfc3339(text: string | undefined): string {
  if (text === undefined || text === "") return "";
  const spaced = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text);
  if (spaced) return `${spaced[1]}T${spaced[2]}Z`;
  return text;
}

export const OutputsSchema = z.object({
  schemaVersion: z.literal(OUTPUTS_SCHEMA_VERSION),
  /** How the program addresses the config, so that refresh hands back inputs in the same form. */
  addressedBy: z.enum(["functionUrn", "functionName"]),
  functionUrn: z.string(),
  package: z.string(),
  functionName: z.string(),
  qualifier: z.string(),
  maxAsyncRetryAttempts: z.number(),
  maxAsyncEventAgeInSeconds: z.number(),
  enableAsyncStatusLog: z.boolean(),
  // As the service reported it: state is read back as it was written, not re-checked against today's rules.
  destinationConfig: z.object({ onSuccess: z.looseObject({ type: z.string() }).optional(), onFailure: z.looseObject({ type: z.string() }).optional() }),
  createdTime: z.string(),
  lastModifiedTime: z.string(),
  adoptExisting: z.literal(true).optional(),
});
export type AsyncInvokeConfigOutputs = z.infer<typeof OutputsSchema>;
