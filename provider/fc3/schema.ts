/**
 * The shapes `fc3.AsyncInvokeConfig` deals in, as zod schemas; the types are inferred.
 *
 * - user inputs (`AsyncInvokeConfigInputSchema`): what a program writes, checked by `check` with messages naming the
 *   allowed values, defaults filled so that omitting a field and writing its default are the same;
 * - wire payloads: what 2023-03-30 takes and answers (`AsyncConfig`, which has no qualifier member: the qualifier
 *   is the request's);
 * - state outputs: the live config plus `functionArn`, `createdTime`, `lastModifiedTime` and a `schemaVersion`.
 *
 * Ranges and grammar come from the FC 3.0 contract: `maxAsyncRetryAttempts` 0–8 (3), `maxAsyncEventAgeInSeconds`
 * 1–86400 (86400), `asyncTask` (false).
 */
import { z } from "zod";
import {
  ASYNC_TASK_DEFAULT,
  DEFAULT_QUALIFIER,
  DESTINATION_RULE,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  NAME_PATTERN,
  NAME_RULE,
  QUALIFIER_PATTERN,
  QUALIFIER_RULE,
  TASK_STATUSES,
  parseDestination,
} from "../../contracts/fc3";
import { canonicalize } from "../shared/diff";
import { destinationSchemas, nameSchema, prepareInput, qualifierSchema } from "../alicloud/fc-inputs";
import { describeValue, intInRange, must } from "../shared/messages";

// `prepareInput` drops YAML's nulls and reads an empty destination side as unset: the same for both FC APIs.
export { describeValue, prepareInput };

// ---------------------------------------------------------------------------------------------------------------
// User inputs

export const FunctionNameSchema = nameSchema(NAME_PATTERN, `a function name ${NAME_RULE}`);
export const QualifierSchema = qualifierSchema(QUALIFIER_PATTERN, QUALIFIER_RULE);
export const { DestinationArnSchema, DestinationSchema, DestinationConfigSchema } = destinationSchemas(DESTINATION_RULE, (arn) => parseDestination(arn) !== undefined);

export const AsyncInvokeConfigInputSchema = z.strictObject(
  {
    /** The function whose async invocations this configures: a letter or `_`, then letters, digits, `_`, `-`; 1–128. Replaces on change. */
    functionName: FunctionNameSchema,
    /** `LATEST` (default), a published version number or an alias name. Replaces on change. */
    qualifier: QualifierSchema.default(DEFAULT_QUALIFIER),
    /** Where FC sends a record of each finished async invocation. Default: none. */
    destinationConfig: DestinationConfigSchema.default({}),
    /** Seconds an event may wait in the queue, retries included, before it is discarded unrun: 1–86400, default 86400. */
    maxAsyncEventAgeInSeconds: intInRange(MAX_ASYNC_EVENT_AGE_IN_SECONDS).default(MAX_ASYNC_EVENT_AGE_IN_SECONDS.default),
    /** Retries after a function error: 0–8, default 3. `0` disables retries. */
    maxAsyncRetryAttempts: intInRange(MAX_ASYNC_RETRY_ATTEMPTS).default(MAX_ASYNC_RETRY_ATTEMPTS.default),
    /** Run async invocations as asynchronous tasks that can be listed, read and stopped. Default false. */
    asyncTask: z.boolean(must("true or false (default false)")).default(ASYNC_TASK_DEFAULT),
    /**
     * Take over a config that already exists for this function and qualifier instead of failing. Default false.
     * Read only on create; afterwards the config is managed (and deleted) by this resource.
     */
    adoptExisting: z.boolean(must("true or false (default false)")).default(false),
  },
  must("an object"),
);

export type AsyncInvokeConfigInput = z.input<typeof AsyncInvokeConfigInputSchema>;
export type CheckedInputs = z.output<typeof AsyncInvokeConfigInputSchema>;
export type Destination = z.output<typeof DestinationSchema>;
export type DestinationConfig = z.output<typeof DestinationConfigSchema>;

export const IDENTITY_KEYS = ["functionName", "qualifier"] as const;
export const SETTING_KEYS = ["asyncTask", "destinationConfig", "maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts"] as const;

/** What the schema fills in for a config that gives only its function: the same for every FC 3.0 config. */
export const SETTING_DEFAULTS: Readonly<Record<(typeof SETTING_KEYS)[number], unknown>> = (() => {
  const filled = AsyncInvokeConfigInputSchema.parse({ functionName: "f" }) as Record<string, unknown>;
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, filled[key]])) as Record<(typeof SETTING_KEYS)[number], unknown>;
})();

// ---------------------------------------------------------------------------------------------------------------
// Wire

/**
 * Put body. Only sides that are set are sent: an empty side (`onSuccess: {}`) is the cloud's
 * InvalidDestinationResources, the bug Terraform's `alicloud_fcv3_async_invoke_config` has.
 */
export const WirePutBodySchema = z.object({
  asyncTask: z.boolean().optional(),
  destinationConfig: z
    .object({ onSuccess: z.object({ destination: z.string().min(1) }).optional(), onFailure: z.object({ destination: z.string().min(1) }).optional() })
    .optional(),
  maxAsyncEventAgeInSeconds: z.number().int().optional(),
  maxAsyncRetryAttempts: z.number().int().optional(),
});
export type PutBody = z.input<typeof WirePutBodySchema>;

const WireDestinationSchema = z.object({ destination: z.string().optional() });
export const WireAsyncConfigSchema = z.object({
  asyncTask: z.boolean().optional(),
  createdTime: z.string().optional(),
  destinationConfig: z.object({ onSuccess: WireDestinationSchema.optional(), onFailure: WireDestinationSchema.optional() }).optional(),
  functionArn: z.string().optional(),
  lastModifiedTime: z.string().optional(),
  maxAsyncEventAgeInSeconds: z.number().optional(),
  maxAsyncRetryAttempts: z.number().optional(),
});
export type WireAsyncConfig = z.output<typeof WireAsyncConfigSchema>;

/** One config: a function and a qualifier (`LATEST` when omitted). */
export interface ConfigRef {
  readonly functionName: string;
  readonly qualifier?: string | undefined;
}
export interface ConfigAddress {
  readonly functionName: string;
  readonly qualifier: string;
}

export const LiveDestinationConfigSchema = z.object({
  onSuccess: z.object({ destination: z.string() }).optional(),
  onFailure: z.object({ destination: z.string() }).optional(),
});

/** A config as the client returns it: unset destinations absent, unset numbers at their defaults. */
export const AsyncInvokeConfigSchema = z.object({
  functionName: z.string(),
  qualifier: z.string(),
  asyncTask: z.boolean(),
  destinationConfig: LiveDestinationConfigSchema,
  maxAsyncEventAgeInSeconds: z.number(),
  maxAsyncRetryAttempts: z.number(),
  /** `acs:fc:{region}:{account}:functions/{fn}`; empty when the service did not say. */
  functionArn: z.string(),
  /** e.g. `2023-04-01T08:15:27Z`; empty when the service did not say. */
  createdTime: z.string(),
  lastModifiedTime: z.string(),
});
export type AsyncInvokeConfig = z.output<typeof AsyncInvokeConfigSchema>;

/** Settles a wire config for the function and qualifier it was asked for (`AsyncConfig` names neither by member). */
export function fromWire(wire: WireAsyncConfig, ref: ConfigAddress): AsyncInvokeConfig {
  const side = (block: { destination?: string | undefined } | undefined) => (block?.destination ? { destination: block.destination } : undefined);
  const onSuccess = side(wire.destinationConfig?.onSuccess);
  const onFailure = side(wire.destinationConfig?.onFailure);
  return {
    functionName: ref.functionName,
    qualifier: ref.qualifier,
    asyncTask: wire.asyncTask ?? ASYNC_TASK_DEFAULT,
    destinationConfig: { ...(onSuccess && { onSuccess }), ...(onFailure && { onFailure }) },
    maxAsyncEventAgeInSeconds: wire.maxAsyncEventAgeInSeconds ?? MAX_ASYNC_EVENT_AGE_IN_SECONDS.default,
    maxAsyncRetryAttempts: wire.maxAsyncRetryAttempts ?? MAX_ASYNC_RETRY_ATTEMPTS.default,
    functionArn: wire.functionArn ?? "",
    createdTime: wire.createdTime ?? "",
    lastModifiedTime: wire.lastModifiedTime ?? "",
  };
}

export function parseWireConfig(body: unknown, ref: ConfigAddress): AsyncInvokeConfig {
  return fromWire(WireAsyncConfigSchema.parse(canonicalize(body)), ref);
}

/**
 * A list item carries no function name either; the function comes from `functionArn`
 * (`…:functions/{fn}[/{qualifier}]`), the qualifier too when it is not LATEST.
 */
export function parseListedConfig(body: unknown): AsyncInvokeConfig {
  const wire = WireAsyncConfigSchema.parse(canonicalize(body));
  const match = /:functions\/([^/]+)(?:\/([^/]+))?$/.exec(wire.functionArn ?? "");
  return fromWire(wire, { functionName: match?.[1] ?? "", qualifier: match?.[2] ?? DEFAULT_QUALIFIER });
}

// ---------------------------------------------------------------------------------------------------------------
// Async tasks

export { TASK_STATUSES };
export type AsyncTaskStatus = (typeof TASK_STATUSES)[number];

export const AsyncTaskEventSchema = z.looseObject({
  eventId: z.number().optional(),
  status: z.string(),
  /** Epoch ms. */
  timestamp: z.number().optional(),
  /** A JSON string, e.g. `{"Error":"UnhandledInvocationError"}`. */
  eventDetail: z.string().optional(),
});

/** One task as `GetAsyncTask` answers it; members the service adds later are kept. */
export const AsyncTaskSchema = z.looseObject({
  taskId: z.string(),
  status: z.string(),
  qualifier: z.string().optional(),
  functionArn: z.string().optional(),
  requestId: z.string().optional(),
  /** Epoch ms. */
  startedTime: z.number().optional(),
  endTime: z.number().optional(),
  alreadyRetriedTimes: z.number().optional(),
  destinationStatus: z.string().optional(),
  durationMs: z.number().optional(),
  instanceId: z.string().optional(),
  taskErrorMessage: z.string().optional(),
  taskPayload: z.string().optional(),
  returnPayload: z.string().optional(),
  events: z.array(AsyncTaskEventSchema).optional(),
});
export type AsyncTask = z.output<typeof AsyncTaskSchema>;
export type AsyncTaskEvent = z.output<typeof AsyncTaskEventSchema>;

export const WireListTasksSchema = z.object({ tasks: z.array(AsyncTaskSchema).optional(), nextToken: z.string().optional() });
export const WireListConfigsSchema = z.object({ configs: z.array(z.unknown()).optional(), nextToken: z.string().optional() });

// ---------------------------------------------------------------------------------------------------------------
// State outputs

export const OUTPUTS_SCHEMA_VERSION = 1;

export const AsyncInvokeConfigOutputsSchema = AsyncInvokeConfigSchema.extend({
  schemaVersion: z.literal(OUTPUTS_SCHEMA_VERSION),
  /** Present (and true) only when the program adopted an existing config; kept so `read` can hand it back. */
  adoptExisting: z.literal(true).optional(),
});
export type AsyncInvokeConfigOutputs = z.output<typeof AsyncInvokeConfigOutputsSchema>;

export function parseStateOutputs(raw: unknown): AsyncInvokeConfigOutputs {
  const value = canonicalize(raw) as Record<string, unknown> | undefined;
  const version = value?.["schemaVersion"];
  if (typeof version === "number" && version > OUTPUTS_SCHEMA_VERSION) {
    throw new Error(
      `this state was written by a newer pulumi-async-invoke (outputs schemaVersion ${version}; this release reads up to ${OUTPUTS_SCHEMA_VERSION}). ` +
        "Install that release or a later one in the program's project.",
    );
  }
  return AsyncInvokeConfigOutputsSchema.parse(prepareInput(value));
}
