/**
 * What a `FunctionAsyncInvokeConfig` keeps in Pulumi state, versioned by `schemaVersion` so later releases can read
 * what this one wrote.
 */
import { z } from "zod";
import { canonicalize } from "../shared/diff";
import { DEFAULT_QUALIFIER, MAX_ASYNC_EVENT_AGE_IN_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS, STATEFUL_INVOCATION_DEFAULT } from "../../contracts/fc2";
import { prepareInput } from "./inputs";
import { AsyncInvokeConfigSchema, WireDestinationConfigSchema, fromWireConfig } from "./wire";


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
