import { z } from "zod";
import {
  ASYNC_CONFIG_DEFAULTS,
  DESTINATION_FORMATS,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  parseDestination,
} from "../../../contracts/fc2";
import { intInContractRange, pagingQuery } from "./common";

/**
 * PutFunctionAsyncInvokeConfig's body and ListFunctionAsyncInvokeConfigs' query. Ranges, defaults and the
 * destination grammar are the contract's (contracts/fc2), the same the provider checks with. A `null`
 * field counts as absent, the way the cloud's JSON decoding treats it, so Put leaves it unchanged.
 */

/** The service's defaults for the fields a config leaves out. */
export const asyncConfigDefaults = ASYNC_CONFIG_DEFAULTS;

const DESTINATION_RULE = `must be an MNS queue/topic, FC function, EventBridge or RocketMQ ARN such as '${DESTINATION_FORMATS[0].example}'`;

export const destinationArn = z
  .string({ error: DESTINATION_RULE })
  .refine((arn) => parseDestination(arn) !== undefined, { error: DESTINATION_RULE });

/** `{destination}`; `null`, `{}` or `{destination: null}` mean "no destination". */
const destinationTarget = z
  .strictObject({ destination: destinationArn.nullable().optional() }, { error: "must be an object {destination} or null" })
  .nullable()
  .transform((d) => (d?.destination ? { destination: d.destination } : null));

export const destinationConfig = z
  .strictObject(
    {
      onSuccess: destinationTarget.optional(),
      onFailure: destinationTarget.optional(),
    },
    { error: "must be an object {onSuccess, onFailure} or null" },
  )
  .nullable()
  .transform((d) => ({ onSuccess: d?.onSuccess ?? null, onFailure: d?.onFailure ?? null }));

export const putAsyncConfigBody = z.strictObject(
  {
    destinationConfig: destinationConfig.optional(),
    maxAsyncEventAgeInSeconds: intInContractRange(MAX_ASYNC_EVENT_AGE_IN_SECONDS).nullable().optional(),
    maxAsyncRetryAttempts: intInContractRange(MAX_ASYNC_RETRY_ATTEMPTS).nullable().optional(),
    statefulInvocation: z.boolean({ error: "must be true or false" }).nullable().optional(),
  },
  { error: "must be a JSON object" },
);

export type PutAsyncConfigBody = z.output<typeof putAsyncConfigBody>;

export const listAsyncConfigsQuery = pagingQuery;
