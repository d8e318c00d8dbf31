/**
 * What a Pulumi program writes for an FC 2.0 async invoke config, as zod schemas (the TypeScript types are inferred):
 * validated by `check` with messages that name the allowed values, defaults filled so that omitting a field and
 * writing its default are the same.
 *
 * Ranges, defaults, name rules and the destination grammar come from the contract (contracts/fc2), which the
 * emulator validates with too: `maxAsyncRetryAttempts` 0–8, default 3; `maxAsyncEventAgeInSeconds` 1–2592000,
 * default 86400; `statefulInvocation` default false.
 */
import { z } from "zod";
import {
  DEFAULT_QUALIFIER,
  DESTINATION_FORMATS,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  NAME_PATTERN,
  NAME_RULE,
  QUALIFIER_PATTERN,
  QUALIFIER_RULE,
  STATEFUL_INVOCATION_DEFAULT,
  destinationKind,
} from "../../contracts/fc2";
import { destinationSchemas, nameSchema, qualifierSchema } from "../alicloud/fc-inputs";
import { intInRange, must } from "../shared/messages";

export { describeValue } from "../shared/messages";
export { prepareInput } from "../alicloud/fc-inputs";

// The facts (ranges, defaults, name rules, destination grammar) are the contract's; this file turns them into the
// schemas and messages a program sees.
export {
  DEFAULT_QUALIFIER,
  DESTINATION_FORMATS,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  NAME_PATTERN,
  QUALIFIER_PATTERN,
  STATEFUL_INVOCATION_DEFAULT,
  destinationKind,
  type DestinationKind,
} from "../../contracts/fc2";

const DESTINATION_RULE = `an Alibaba Cloud resource name of a supported destination, one of: ${DESTINATION_FORMATS.map((f) => f.shape).join(", ")}`;

// User inputs

export const ServiceNameSchema = nameSchema(NAME_PATTERN, `a service name ${NAME_RULE}`);
export const FunctionNameSchema = nameSchema(NAME_PATTERN, `a function name ${NAME_RULE}`);
export const QualifierSchema = qualifierSchema(QUALIFIER_PATTERN, QUALIFIER_RULE);
export const { DestinationArnSchema, DestinationSchema, DestinationConfigSchema } = destinationSchemas(DESTINATION_RULE, (arn) => destinationKind(arn) !== undefined);

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

/** What the schema fills in for a config that gives only its name: the same for every FC 2.0 config. */
export const SETTING_DEFAULTS: Readonly<Record<SettingKey, unknown>> = (() => {
  const filled = FunctionAsyncInvokeConfigInputSchema.parse({ serviceName: "s", functionName: "f" }) as Record<string, unknown>;
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, filled[key]])) as Record<SettingKey, unknown>;
})();
