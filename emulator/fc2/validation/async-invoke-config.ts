import { z } from "zod";
import { intInRange, pagingQuery } from "./common";

/**
 * PutFunctionAsyncInvokeConfig's body and ListFunctionAsyncInvokeConfigs' query.
 *
 * Ranges (CONTRIBUTING.md): maxAsyncRetryAttempts 0–8 (default 3), maxAsyncEventAgeInSeconds 1–2592000
 * (default 86400; the response tables' bound, wider than the request table's 604800 — provider and
 * emulator both follow the wider one), statefulInvocation default false. A `null` field counts as absent,
 * the way the cloud's JSON decoding treats it, so Put leaves it unchanged.
 */

export const MAX_RETRY_ATTEMPTS = 8;
export const MAX_EVENT_AGE_SECONDS = 2_592_000;

export const asyncConfigDefaults = {
  maxAsyncRetryAttempts: 3,
  maxAsyncEventAgeInSeconds: 86_400,
  statefulInvocation: false,
} as const;

const REGION = "[a-z0-9-]+";
const ACCOUNT = "[0-9]+";
const NAME = "[A-Za-z_][A-Za-z0-9_-]{0,127}";

/** Destination kinds FC accepts, with the ARN shapes of the official examples and Terraform tests. */
export const destinationPatterns: ReadonlyArray<{ kind: string; pattern: RegExp; example: string }> = [
  {
    kind: "MNS queue",
    pattern: new RegExp(`^acs:mns:${REGION}:${ACCOUNT}:/queues/[A-Za-z0-9-]{1,256}/messages$`),
    example: "acs:mns:cn-hangzhou:1234567890123456:/queues/my-queue/messages",
  },
  {
    kind: "MNS topic",
    pattern: new RegExp(`^acs:mns:${REGION}:${ACCOUNT}:/topics/[A-Za-z0-9-]{1,256}/messages$`),
    example: "acs:mns:cn-hangzhou:1234567890123456:/topics/my-topic/messages",
  },
  {
    kind: "FC function",
    pattern: new RegExp(`^acs:fc:${REGION}:${ACCOUNT}:services/${NAME}(\\.(LATEST|[1-9][0-9]*|${NAME}))?/functions/${NAME}$`),
    example: "acs:fc:cn-hangzhou:1234567890123456:services/my-service.LATEST/functions/my-function",
  },
  {
    kind: "EventBridge event bus",
    pattern: new RegExp(`^acs:eventbridge:${REGION}:${ACCOUNT}:eventbus/[A-Za-z0-9._-]{1,127}$`),
    example: "acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/default",
  },
  {
    kind: "RocketMQ topic",
    pattern: new RegExp(`^acs:mq:${REGION}:${ACCOUNT}:/instances/[A-Za-z0-9_-]{1,128}/topic/[A-Za-z0-9%_-]{1,255}$`),
    example: "acs:mq:cn-hangzhou:1234567890123456:/instances/MQ_INST_1/topic/my-topic",
  },
];

const DESTINATION_RULE = `must be an MNS queue/topic, FC function, EventBridge or RocketMQ ARN such as '${
  destinationPatterns[0]?.example ?? ""
}'`;

export const destinationArn = z
  .string({ error: DESTINATION_RULE })
  .refine((arn) => destinationPatterns.some((d) => d.pattern.test(arn)), { error: DESTINATION_RULE });

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
    maxAsyncEventAgeInSeconds: intInRange(1, MAX_EVENT_AGE_SECONDS).nullable().optional(),
    maxAsyncRetryAttempts: intInRange(0, MAX_RETRY_ATTEMPTS).nullable().optional(),
    statefulInvocation: z.boolean({ error: "must be true or false" }).nullable().optional(),
  },
  { error: "must be a JSON object" },
);

export type PutAsyncConfigBody = z.output<typeof putAsyncConfigBody>;

export const listAsyncConfigsQuery = pagingQuery;
