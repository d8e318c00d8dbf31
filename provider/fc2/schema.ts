/**
 * Every shape Function Compute async-invoke support deals in, as zod schemas; the TypeScript types are inferred.
 *
 * Three families:
 * - user inputs (`FunctionAsyncInvokeConfigInputSchema`): what a Pulumi program writes, validated by `check`
 *   with messages that name the allowed values, defaults filled so that omitting a field and writing its default
 *   are the same;
 * - wire payloads (`Wire*`): what the FC 2.0 API accepts and answers, parsed tolerantly (`service`/`serviceName`,
 *   `function`/`functionName`, `null` destination blocks);
 * - state outputs (`FunctionAsyncInvokeConfigOutputsSchema`): what the resource keeps in Pulumi state, versioned by
 *   `schemaVersion` so later releases can read what this one wrote.
 *
 * Ranges (see CONTRIBUTING.md): `maxAsyncRetryAttempts` 0–8, default 3; `maxAsyncEventAgeInSeconds` 1–2592000,
 * default 86400 (the API's response tables and the Terraform provider use 2592000; its request table says 604800 —
 * the wider bound is used by provider and emulator alike); `statefulInvocation` default false.
 */
import { z } from "zod";
import { canonicalize } from "../shared/diff";

// ---------------------------------------------------------------------------------------------------------------
// Limits and defaults

export const MAX_ASYNC_RETRY_ATTEMPTS = { min: 0, max: 8, default: 3 } as const;
export const MAX_ASYNC_EVENT_AGE_IN_SECONDS = { min: 1, max: 2_592_000, default: 86_400 } as const;
export const STATEFUL_INVOCATION_DEFAULT = false;
export const DEFAULT_QUALIFIER = "LATEST";

// Pattern sources, so the same rule serves whole values and the parts of destination ARNs.
const NAME = "[A-Za-z_][A-Za-z0-9_-]{0,127}";
const QUALIFIER = `(?:LATEST|[1-9][0-9]{0,18}|${NAME})`;
const REGION = "[a-z]{2,}(?:-[a-z0-9]+)+";
const ACCOUNT = "[0-9]{1,32}";

/**
 * Service, function and alias names, and stateful invocation ids: a letter or `_`, then letters, digits, `_` and `-`;
 * at most 128 characters.
 */
export const NAME_PATTERN = new RegExp(`^${NAME}$`);
/** `LATEST`, a published version number, or an alias name. */
export const QUALIFIER_PATTERN = new RegExp(`^${QUALIFIER}$`);
/** A region id such as `cn-hangzhou`. */
export const REGION_PATTERN = new RegExp(`^${REGION}$`);
/** A numeric Alibaba Cloud account id. */
export const ACCOUNT_ID_PATTERN = new RegExp(`^${ACCOUNT}$`);

const NAME_RULE = "that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters)";
const QUALIFIER_RULE = `"LATEST" (the default), a published version number such as "1", or an alias name ${NAME_RULE}`;

// ---------------------------------------------------------------------------------------------------------------
// Destinations

// MNS queue and topic names: letters, digits and hyphens.
const MNS_NAME = "[A-Za-z0-9-]{1,256}";

/**
 * The destination kinds FC 2.0 accepts for async invocation results, with the resource-name shape of each (official
 * examples and Terraform tests). Kept a subset of what the emulator accepts, so `check` never passes a value the
 * service would refuse at `up`.
 */
export const DESTINATION_FORMATS = [
  { kind: "mns-queue", pattern: new RegExp(`^acs:mns:${REGION}:${ACCOUNT}:/queues/${MNS_NAME}/messages$`), shape: "acs:mns:{region}:{accountId}:/queues/{queue}/messages" },
  { kind: "mns-topic", pattern: new RegExp(`^acs:mns:${REGION}:${ACCOUNT}:/topics/${MNS_NAME}/messages$`), shape: "acs:mns:{region}:{accountId}:/topics/{topic}/messages" },
  {
    kind: "fc-function",
    pattern: new RegExp(`^acs:fc:${REGION}:${ACCOUNT}:services/${NAME}(?:\\.${QUALIFIER})?/functions/${NAME}$`),
    shape: "acs:fc:{region}:{accountId}:services/{service}[.{qualifier}]/functions/{function}",
  },
  { kind: "eventbridge", pattern: new RegExp(`^acs:eventbridge:${REGION}:${ACCOUNT}:eventbus/[A-Za-z0-9._-]{1,127}$`), shape: "acs:eventbridge:{region}:{accountId}:eventbus/{eventBus}" },
  {
    kind: "rocketmq",
    pattern: new RegExp(`^acs:mq:${REGION}:${ACCOUNT}:/instances/[A-Za-z0-9_-]{1,128}/topic/[A-Za-z0-9%_-]{1,255}$`),
    shape: "acs:mq:{region}:{accountId}:/instances/{instanceId}/topic/{topic}",
  },
] as const;

export type DestinationKind = (typeof DESTINATION_FORMATS)[number]["kind"];

/** Which kind of destination a resource name denotes, or `undefined` when FC would not accept it. */
export function destinationKind(arn: string): DestinationKind | undefined {
  return DESTINATION_FORMATS.find((format) => format.pattern.test(arn))?.kind;
}

const DESTINATION_RULE = `an Alibaba Cloud resource name of a supported destination, one of: ${DESTINATION_FORMATS.map((f) => f.shape).join(", ")}`;

// ---------------------------------------------------------------------------------------------------------------
// Messages: every failure says what is allowed and what was given.

/** A short rendering of a rejected value for messages; never long enough to flood a terminal. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function must(rule: string) {
  return { error: (issue: { input?: unknown }) => `must be ${rule}; got ${describeValue(issue.input)}` };
}

function intInRange(range: { min: number; max: number; default: number }) {
  const rule = `an integer from ${range.min} to ${range.max} (default ${range.default})`;
  return z.number(must(rule)).int(must(rule)).min(range.min, must(rule)).max(range.max, must(rule));
}

// ---------------------------------------------------------------------------------------------------------------
// User inputs

export const ServiceNameSchema = z.string(must(`a service name ${NAME_RULE}`)).regex(NAME_PATTERN, must(`a service name ${NAME_RULE}`));
export const FunctionNameSchema = z.string(must(`a function name ${NAME_RULE}`)).regex(NAME_PATTERN, must(`a function name ${NAME_RULE}`));
export const QualifierSchema = z.string(must(QUALIFIER_RULE)).regex(QUALIFIER_PATTERN, must(QUALIFIER_RULE));
export const DestinationArnSchema = z
  .string(must(DESTINATION_RULE))
  .refine((arn) => destinationKind(arn) !== undefined, must(DESTINATION_RULE));

export const DestinationSchema = z.strictObject(
  {
    /** The resource name (ARN) that receives the invocation record, e.g. `acs:mns:cn-hangzhou:123:/queues/failed/messages`. */
    destination: DestinationArnSchema,
  },
  must('an object {destination: "<resource name>"}'),
);

export const DestinationConfigSchema = z.strictObject(
  {
    /** Receives a record of each invocation that succeeded. Unset: no success destination. */
    onSuccess: DestinationSchema.optional(),
    /** Receives a record of each invocation that failed after its retries or expired unrun. Unset: no failure destination. */
    onFailure: DestinationSchema.optional(),
  },
  must("an object with optional onSuccess and onFailure, each {destination}"),
);

/**
 * What a program declares for one `FunctionAsyncInvokeConfig`. The output type is the checked form `check` returns:
 * every default filled in.
 */
export const FunctionAsyncInvokeConfigInputSchema = z.strictObject(
  {
    /**
     * The FC service that holds the function: a letter or `_`, then letters, digits, `_` and `-`; 1–128 characters.
     * Required. Changing it replaces the resource.
     */
    serviceName: ServiceNameSchema,
    /** The function whose async invocations this configures; same rule as `serviceName`. Required. Changing it replaces the resource. */
    functionName: FunctionNameSchema,
    /**
     * Which version of the service the config applies to: `LATEST`, a published version number, or an alias name.
     * Default `LATEST`. Changing it replaces the resource.
     */
    qualifier: QualifierSchema.default(DEFAULT_QUALIFIER),
    /** Where FC sends a record of each finished async invocation. Default: no destinations. */
    destinationConfig: DestinationConfigSchema.default({}),
    /**
     * How long an event may wait in the async queue, retries included, before FC discards it unrun, in seconds:
     * 1–2592000, default 86400 (one day).
     */
    maxAsyncEventAgeInSeconds: intInRange(MAX_ASYNC_EVENT_AGE_IN_SECONDS).default(MAX_ASYNC_EVENT_AGE_IN_SECONDS.default),
    /** How many times FC retries an invocation that ended in a function error: 0–8, default 3. `0` disables retries. */
    maxAsyncRetryAttempts: intInRange(MAX_ASYNC_RETRY_ATTEMPTS).default(MAX_ASYNC_RETRY_ATTEMPTS.default),
    /** Run async invocations as stateful "asynchronous tasks" that can be queried and stopped. Default false. */
    statefulInvocation: z.boolean(must("true or false (default false)")).default(STATEFUL_INVOCATION_DEFAULT),
    /**
     * Take over a config that already exists for this service, function and qualifier instead of failing.
     * Default false: creating over an existing config is refused, so a program never silently overwrites a config
     * someone else manages. Read only when the resource is created; afterwards the config is managed (and deleted)
     * by this resource.
     */
    adoptExisting: z.boolean(must("true or false (default false)")).default(false),
  },
  must("an object"),
);

/** What a program may write (before defaults). */
export type FunctionAsyncInvokeConfigInput = z.input<typeof FunctionAsyncInvokeConfigInputSchema>;
/** The checked inputs: what `check` returns and `create`/`update` receive. */
export type CheckedInputs = z.output<typeof FunctionAsyncInvokeConfigInputSchema>;
export type Destination = z.output<typeof DestinationSchema>;
export type DestinationConfig = z.output<typeof DestinationConfigSchema>;

/** The properties that name the config; a change to any of them replaces the resource. */
export const IDENTITY_KEYS = ["serviceName", "functionName", "qualifier"] as const;
/** The properties a Put changes in place. */
export const SETTING_KEYS = ["destinationConfig", "maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts", "statefulInvocation"] as const;
export type IdentityKey = (typeof IDENTITY_KEYS)[number];
export type SettingKey = (typeof SETTING_KEYS)[number];

/**
 * Brings raw program values to the form the schema describes: `null` members dropped (YAML programs write `null`
 * where TypeScript omits), and a destination side written as `{destination: null}` or `{}` treated as unset.
 */
export function prepareInput(raw: unknown): unknown {
  const value = canonicalize(raw);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const record = { ...(value as Record<string, unknown>) };
  const destinations = record["destinationConfig"];
  if (destinations !== null && typeof destinations === "object" && !Array.isArray(destinations)) {
    const sides = { ...(destinations as Record<string, unknown>) };
    for (const side of ["onSuccess", "onFailure"]) {
      const block = sides[side];
      if (block !== null && typeof block === "object" && !Array.isArray(block) && Object.keys(block).length === 0) delete sides[side];
    }
    record["destinationConfig"] = sides;
  }
  return record;
}

// ---------------------------------------------------------------------------------------------------------------
// Wire payloads (FC 2.0, 2016-08-15)

/** Put body. Every member optional on the wire; the provider always sends all of them (see provider.ts). */
export const WirePutAsyncInvokeConfigBodySchema = z.object({
  destinationConfig: z
    .object({
      onSuccess: z.object({ destination: z.string() }).nullable().optional(),
      onFailure: z.object({ destination: z.string() }).nullable().optional(),
    })
    .nullable()
    .optional(),
  maxAsyncEventAgeInSeconds: z.number().int().optional(),
  maxAsyncRetryAttempts: z.number().int().optional(),
  statefulInvocation: z.boolean().optional(),
});
export type PutAsyncInvokeConfigBody = z.input<typeof WirePutAsyncInvokeConfigBodySchema>;

// Responses are canonicalized (nulls dropped) before parsing, so `null` and absent look alike here.
const WireDestinationSchema = z.object({ destination: z.string().optional() });
const WireDestinationConfigSchema = z.object({ onSuccess: WireDestinationSchema.optional(), onFailure: WireDestinationSchema.optional() });

/** A config as Get/Put/List answer it. Tolerates both name spellings; unknown members are ignored. */
export const WireAsyncInvokeConfigSchema = z.object({
  service: z.string().optional(),
  serviceName: z.string().optional(),
  function: z.string().optional(),
  functionName: z.string().optional(),
  qualifier: z.string().optional(),
  createdTime: z.string().optional(),
  lastModifiedTime: z.string().optional(),
  destinationConfig: WireDestinationConfigSchema.optional(),
  maxAsyncEventAgeInSeconds: z.number().optional(),
  maxAsyncRetryAttempts: z.number().optional(),
  statefulInvocation: z.boolean().optional(),
});
export type WireAsyncInvokeConfig = z.output<typeof WireAsyncInvokeConfigSchema>;

export const WireListAsyncInvokeConfigsSchema = z.object({
  configs: z.array(z.unknown()).optional(),
  nextToken: z.string().optional(),
});

/** Identifies one config: a service, a function and a qualifier (`LATEST` when omitted). */
export interface AsyncInvokeConfigRef {
  readonly serviceName: string;
  readonly functionName: string;
  /** `LATEST` (default), a version number or an alias name. */
  readonly qualifier?: string | undefined;
}

/**
 * Destinations as the service reports them. Not validated against `DESTINATION_FORMATS`: a live config set by other
 * tools must still be readable, whatever shape its resource names have.
 */
export const LiveDestinationConfigSchema = z.object({
  onSuccess: z.object({ destination: z.string() }).optional(),
  onFailure: z.object({ destination: z.string() }).optional(),
});

/** A config's full address, qualifier settled. */
export interface ConfigAddress {
  readonly serviceName: string;
  readonly functionName: string;
  readonly qualifier: string;
}

/** A config as the client returns it: names settled, unset destinations absent, unset numbers at their defaults. */
export const AsyncInvokeConfigSchema = z.object({
  serviceName: z.string(),
  functionName: z.string(),
  qualifier: z.string(),
  destinationConfig: LiveDestinationConfigSchema,
  maxAsyncEventAgeInSeconds: z.number(),
  maxAsyncRetryAttempts: z.number(),
  statefulInvocation: z.boolean(),
  /** When the config was created, e.g. `2020-09-10T02:45:02Z`; empty when the service did not say. */
  createdTime: z.string(),
  /** When the config was last changed, same format; empty when the service did not say. */
  lastModifiedTime: z.string(),
});
export type AsyncInvokeConfig = z.output<typeof AsyncInvokeConfigSchema>;

/**
 * Settles a wire config: `service`/`serviceName` and `function`/`functionName` both accepted (the request's names
 * fill any gap), `{destination: null}` read as unset, and numbers the service left out read as the documented
 * defaults — the values FC applies when a config does not set them.
 */
export function fromWireConfig(wire: WireAsyncInvokeConfig, requested?: AsyncInvokeConfigRef): AsyncInvokeConfig {
  const side = (block: { destination?: string | undefined } | undefined) =>
    block?.destination === undefined || block.destination === "" ? undefined : { destination: block.destination };
  const onSuccess = side(wire.destinationConfig?.onSuccess);
  const onFailure = side(wire.destinationConfig?.onFailure);
  return {
    serviceName: wire.service ?? wire.serviceName ?? requested?.serviceName ?? "",
    functionName: wire.function ?? wire.functionName ?? requested?.functionName ?? "",
    qualifier: wire.qualifier ?? requested?.qualifier ?? DEFAULT_QUALIFIER,
    destinationConfig: { ...(onSuccess && { onSuccess }), ...(onFailure && { onFailure }) },
    maxAsyncEventAgeInSeconds: wire.maxAsyncEventAgeInSeconds ?? MAX_ASYNC_EVENT_AGE_IN_SECONDS.default,
    maxAsyncRetryAttempts: wire.maxAsyncRetryAttempts ?? MAX_ASYNC_RETRY_ATTEMPTS.default,
    statefulInvocation: wire.statefulInvocation ?? STATEFUL_INVOCATION_DEFAULT,
    createdTime: wire.createdTime ?? "",
    lastModifiedTime: wire.lastModifiedTime ?? "",
  };
}

/** Parses one config body from the wire (already JSON-decoded). */
export function parseWireConfig(body: unknown, requested?: AsyncInvokeConfigRef): AsyncInvokeConfig {
  return fromWireConfig(WireAsyncInvokeConfigSchema.parse(canonicalize(body)), requested);
}

// ---------------------------------------------------------------------------------------------------------------
// Asynchronous tasks (stateful async invocations, seed 004)

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

// ---------------------------------------------------------------------------------------------------------------
// State outputs

/** The `schemaVersion` this release writes. Bump it, and teach `parseStateOutputs` the old one, when outputs change shape. */
export const OUTPUTS_SCHEMA_VERSION = 1;

/** What a `FunctionAsyncInvokeConfig` keeps in state: the live config as FC reports it, and when it changed. */
export const FunctionAsyncInvokeConfigOutputsSchema = AsyncInvokeConfigSchema.extend({
  /** The layout version of these outputs, so later releases can read state this one wrote. */
  schemaVersion: z.literal(OUTPUTS_SCHEMA_VERSION),
  /**
   * Present (and `true`) only when the program adopted an existing config. Not a property of the config on FC: kept
   * so that `read` can hand it back among the refreshed inputs, or every later diff would show it as added.
   */
  adoptExisting: z.literal(true).optional(),
});
export type FunctionAsyncInvokeConfigOutputs = z.output<typeof FunctionAsyncInvokeConfigOutputsSchema>;

/**
 * State written before `schemaVersion` existed (or edited by hand): same member names, anything missing read as
 * the default and destinations tolerated in their wire spellings. Defined now so version 1 readers stay lenient.
 */
const UnversionedOutputsSchema = z.object({
  serviceName: z.string(),
  functionName: z.string(),
  qualifier: z.string().default(DEFAULT_QUALIFIER),
  destinationConfig: WireDestinationConfigSchema.default({}),
  maxAsyncEventAgeInSeconds: z.number().default(MAX_ASYNC_EVENT_AGE_IN_SECONDS.default),
  maxAsyncRetryAttempts: z.number().default(MAX_ASYNC_RETRY_ATTEMPTS.default),
  statefulInvocation: z.boolean().default(STATEFUL_INVOCATION_DEFAULT),
  createdTime: z.string().default(""),
  lastModifiedTime: z.string().default(""),
});

/** Reads outputs of any schema version this release knows into the current layout. */
export function parseStateOutputs(raw: unknown): FunctionAsyncInvokeConfigOutputs {
  const value = canonicalize(raw) as Record<string, unknown> | undefined;
  const version = value?.["schemaVersion"];
  if (version === undefined) {
    const old = UnversionedOutputsSchema.parse(value);
    const settled = fromWireConfig(old, old);
    return { schemaVersion: OUTPUTS_SCHEMA_VERSION, ...settled };
  }
  if (typeof version === "number" && version > OUTPUTS_SCHEMA_VERSION) {
    throw new Error(
      `this state was written by a newer pulumi-async-invoke (outputs schemaVersion ${version}; this release reads up to ${OUTPUTS_SCHEMA_VERSION}). ` +
        "Install that release or a later one in the program's project.",
    );
  }
  return FunctionAsyncInvokeConfigOutputsSchema.parse(prepareInput(value));
}
