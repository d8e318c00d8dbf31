import { ACCOUNT_SOURCE, NAME_SOURCE, REGION_SOURCE } from "./facts";

/**
 * The destinations FC 3.0 accepts for async results, one grammar for provider (`check`) and emulator (Put).
 * A 3.0 function is named without a service: `acs:fc:{region}:{account}:functions/{fn}`.
 */

const MNS_NAME = "[A-Za-z0-9-]{1,256}";

export const DESTINATION_FORMATS = [
  { kind: "fc-function", pattern: new RegExp(`^acs:fc:(${REGION_SOURCE}):(${ACCOUNT_SOURCE}):functions/(${NAME_SOURCE})$`), shape: "acs:fc:{region}:{accountId}:functions/{function}" },
  { kind: "mns-queue", pattern: new RegExp(`^acs:mns:(${REGION_SOURCE}):(${ACCOUNT_SOURCE}):/queues/(${MNS_NAME})/messages$`), shape: "acs:mns:{region}:{accountId}:/queues/{queue}/messages" },
  { kind: "mns-topic", pattern: new RegExp(`^acs:mns:(${REGION_SOURCE}):(${ACCOUNT_SOURCE}):/topics/(${MNS_NAME})/messages$`), shape: "acs:mns:{region}:{accountId}:/topics/{topic}/messages" },
  { kind: "eventbridge", pattern: new RegExp(`^acs:eventbridge:(${REGION_SOURCE}):(${ACCOUNT_SOURCE}):eventbus/([A-Za-z0-9._-]{1,127})$`), shape: "acs:eventbridge:{region}:{accountId}:eventbus/{eventBus}" },
  {
    kind: "rocketmq",
    pattern: new RegExp(`^acs:mq:(${REGION_SOURCE}):(${ACCOUNT_SOURCE}):/instances/([A-Za-z0-9_-]{1,128}/topic/[A-Za-z0-9%_-]{1,255})$`),
    shape: "acs:mq:{region}:{accountId}:/instances/{instanceId}/topic/{topic}",
  },
] as const;

export type DestinationKind = (typeof DESTINATION_FORMATS)[number]["kind"];

export interface ParsedDestination {
  kind: DestinationKind;
  region: string;
  accountId: string;
  /** The function, queue, topic, bus or `instance/topic/name` the resource name points at. */
  name: string;
}

/** Parses a destination resource name; `undefined` when FC 3.0 would not accept it. */
export function parseDestination(arn: string): ParsedDestination | undefined {
  for (const format of DESTINATION_FORMATS) {
    const match = format.pattern.exec(arn);
    if (match) return { kind: format.kind, region: match[1] ?? "", accountId: match[2] ?? "", name: match[3] ?? "" };
  }
  return undefined;
}

export const DESTINATION_RULE = `an Alibaba Cloud resource name of a supported destination, one of: ${DESTINATION_FORMATS.map((f) => f.shape).join(", ")}`;
