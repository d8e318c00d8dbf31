// The resource names (ARNs) an async invoke config may send its records to, as ONE grammar: `parseDestination`
// reads a name into its parts, `formatDestination` writes the parts back, and `format(parse(x)) === x` for every
// name the grammar accepts. Shapes follow the official examples and the Terraform provider's tests:
//
//   acs:mns:{region}:{account}:/queues/{queue}/messages
//   acs:mns:{region}:{account}:/topics/{topic}/messages
//   acs:fc:{region}:{account}:services/{service}[.{qualifier}]/functions/{function}
//   acs:eventbridge:{region}:{account}:eventbus/{eventBus}
//   acs:mq:{region}:{account}:/instances/{instanceId}/topic/{topic}
import { ACCOUNT_ID_SOURCE, REGION_ID_SOURCE } from "../alicloud";
import { NAME_SOURCE, QUALIFIER_SOURCE } from "./names";

/** MNS queue and topic names: letters, digits and hyphens. */
const MNS_NAME = "[A-Za-z0-9-]{1,256}";
const EVENT_BUS = "[A-Za-z0-9._-]{1,127}";
const MQ_INSTANCE = "[A-Za-z0-9_-]{1,128}";
const MQ_TOPIC = "[A-Za-z0-9%_-]{1,255}";

/** Where a destination lives: every kind has a region and an account. */
interface Located {
  readonly region: string;
  readonly accountId: string;
}

/** A destination resource name, read into its parts. */
export type Destination =
  | (Located & { readonly kind: "mns-queue" | "mns-topic"; readonly name: string })
  | (Located & { readonly kind: "fc-function"; readonly serviceName: string; readonly qualifier?: string | undefined; readonly functionName: string })
  | (Located & { readonly kind: "eventbridge"; readonly eventBus: string })
  | (Located & { readonly kind: "rocketmq"; readonly instanceId: string; readonly topic: string });

/** The kinds of destination FC 2.0 accepts. */
export type DestinationKind = Destination["kind"];

/** `acs:{product}:{region}:{account}:`, capturing region and account. */
const head = (product: string) => `^acs:${product}:(${REGION_ID_SOURCE}):(${ACCOUNT_ID_SOURCE}):`;

/** Each kind: its product, its grammar, its shape and an example, for parsing and for messages. */
export const DESTINATION_FORMATS = [
  {
    kind: "mns-queue",
    label: "MNS queue",
    pattern: new RegExp(`${head("mns")}/queues/(${MNS_NAME})/messages$`),
    shape: "acs:mns:{region}:{accountId}:/queues/{queue}/messages",
    example: "acs:mns:cn-hangzhou:1234567890123456:/queues/my-queue/messages",
  },
  {
    kind: "mns-topic",
    label: "MNS topic",
    pattern: new RegExp(`${head("mns")}/topics/(${MNS_NAME})/messages$`),
    shape: "acs:mns:{region}:{accountId}:/topics/{topic}/messages",
    example: "acs:mns:cn-hangzhou:1234567890123456:/topics/my-topic/messages",
  },
  {
    kind: "fc-function",
    label: "FC function",
    pattern: new RegExp(`${head("fc")}services/(${NAME_SOURCE})(?:\\.(${QUALIFIER_SOURCE}))?/functions/(${NAME_SOURCE})$`),
    shape: "acs:fc:{region}:{accountId}:services/{service}[.{qualifier}]/functions/{function}",
    example: "acs:fc:cn-hangzhou:1234567890123456:services/my-service.LATEST/functions/my-function",
  },
  {
    kind: "eventbridge",
    label: "EventBridge event bus",
    pattern: new RegExp(`${head("eventbridge")}eventbus/(${EVENT_BUS})$`),
    shape: "acs:eventbridge:{region}:{accountId}:eventbus/{eventBus}",
    example: "acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/default",
  },
  {
    kind: "rocketmq",
    label: "RocketMQ topic",
    pattern: new RegExp(`${head("mq")}/instances/(${MQ_INSTANCE})/topic/(${MQ_TOPIC})$`),
    shape: "acs:mq:{region}:{accountId}:/instances/{instanceId}/topic/{topic}",
    example: "acs:mq:cn-hangzhou:1234567890123456:/instances/MQ_INST_1/topic/my-topic",
  },
] as const satisfies readonly { kind: DestinationKind; label: string; pattern: RegExp; shape: string; example: string }[];

/** The product segment (`acs:{product}:…`) of each kind. */
const PRODUCT: Readonly<Record<DestinationKind, string>> = {
  "mns-queue": "mns",
  "mns-topic": "mns",
  "fc-function": "fc",
  eventbridge: "eventbridge",
  rocketmq: "mq",
};

/** The parts of a destination resource name, or `undefined` when FC would not accept it. */
export function parseDestination(arn: string): Destination | undefined {
  for (const format of DESTINATION_FORMATS) {
    const match = format.pattern.exec(arn);
    if (match === null) continue;
    const [, region = "", accountId = "", a = "", b, c = ""] = match;
    switch (format.kind) {
      case "mns-queue":
      case "mns-topic":
        return { kind: format.kind, region, accountId, name: a };
      case "fc-function":
        return { kind: "fc-function", region, accountId, serviceName: a, ...(b !== undefined && { qualifier: b }), functionName: c };
      case "eventbridge":
        return { kind: "eventbridge", region, accountId, eventBus: a };
      case "rocketmq":
        return { kind: "rocketmq", region, accountId, instanceId: a, topic: b ?? "" };
    }
  }
  return undefined;
}

/** The resource name of a destination; `parseDestination(formatDestination(d))` gives `d` back. */
export function formatDestination(destination: Destination): string {
  const head = `acs:${PRODUCT[destination.kind]}:${destination.region}:${destination.accountId}:`;
  switch (destination.kind) {
    case "mns-queue":
      return `${head}/queues/${destination.name}/messages`;
    case "mns-topic":
      return `${head}/topics/${destination.name}/messages`;
    case "fc-function": {
      const qualifier = destination.qualifier === undefined ? "" : `.${destination.qualifier}`;
      return `${head}services/${destination.serviceName}${qualifier}/functions/${destination.functionName}`;
    }
    case "eventbridge":
      return `${head}eventbus/${destination.eventBus}`;
    case "rocketmq":
      return `${head}/instances/${destination.instanceId}/topic/${destination.topic}`;
  }
}

/** Which kind of destination a resource name denotes, or `undefined` when FC would not accept it. */
export function destinationKind(arn: string): DestinationKind | undefined {
  return parseDestination(arn)?.kind;
}

/** The resource name of a function qualifier, as destination records name the invoked function. */
export function functionArn(target: { region: string; accountId: string; serviceName: string; qualifier: string; functionName: string }): string {
  return formatDestination({ kind: "fc-function", ...target });
}
