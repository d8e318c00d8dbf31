/**
 * The FC 2.0 API's payloads for async invoke configs (2016-08-15), parsed tolerantly (`service`/`serviceName`,
 * `function`/`functionName`, `null` destination blocks), and the settled form the client returns.
 */
import { z } from "zod";
import { canonicalize } from "../shared/diff";
import { DEFAULT_QUALIFIER, MAX_ASYNC_EVENT_AGE_IN_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS, STATEFUL_INVOCATION_DEFAULT } from "../../contracts/fc2";


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
/** Destinations as a response holds them, nulls already dropped. */
export const WireDestinationConfigSchema = z.object({ onSuccess: WireDestinationSchema.optional(), onFailure: WireDestinationSchema.optional() });

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
