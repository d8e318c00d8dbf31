import type { Destination, EventTarget } from "../../core/engine/model";

/**
 * FC 2.0's destination ARNs, parsed for the engine. A Function Compute destination is invoked
 * asynchronously; every other supported kind — MNS queues and topics, EventBridge, RocketMQ — is kept in
 * the engine's message log (the emulator has no MNS to send to). Anything else, or a destination in
 * another region or account, is unusable: delivery fails, which the task shows as
 * `destinationStatus: "Failed"`.
 */

export type ParsedDestination =
  | { kind: "fc"; region: string; accountId: string; serviceName: string; qualifier: string; functionName: string }
  | { kind: "mns-queue" | "mns-topic" | "eventbridge" | "rocketmq"; region: string; accountId: string; name: string };

const FC_RESOURCE = /^services\/([A-Za-z_][A-Za-z0-9_-]{0,127})(?:\.([A-Za-z0-9_-]{1,128}))?\/functions\/([A-Za-z_][A-Za-z0-9_-]{0,127})$/;
const MNS_RESOURCE = /^\/(queues|topics)\/([A-Za-z0-9-]{1,256})\/messages$/;

/** Parses a destination ARN, or returns a reason it cannot be used. */
export function parseDestination(arn: string): ParsedDestination | { kind: "invalid"; reason: string } {
  const match = /^acs:([a-z]+):([a-z0-9-]*):([0-9]*):(.+)$/.exec(arn);
  if (match === null) return { kind: "invalid", reason: `'${arn}' is not an acs: resource name` };
  const [, product = "", region = "", accountId = "", resource = ""] = match;
  switch (product) {
    case "fc": {
      const fc = FC_RESOURCE.exec(resource);
      if (fc === null) return { kind: "invalid", reason: `'${arn}' does not name a function` };
      const [, serviceName = "", qualifier = "LATEST", functionName = ""] = fc;
      return { kind: "fc", region, accountId, serviceName, qualifier, functionName };
    }
    case "mns": {
      const mns = MNS_RESOURCE.exec(resource);
      if (mns === null) return { kind: "invalid", reason: `'${arn}' does not name an MNS queue or topic` };
      return { kind: mns[1] === "queues" ? "mns-queue" : "mns-topic", region, accountId, name: mns[2] ?? "" };
    }
    case "eventbridge":
      return { kind: "eventbridge", region, accountId, name: resource };
    case "mq":
      return { kind: "rocketmq", region, accountId, name: resource };
    default:
      return { kind: "invalid", reason: `'${product}' destinations are not supported` };
  }
}

/** The engine's form of a destination ARN, for an event of `source`. */
export function resolveDestination(arn: string, source: EventTarget): Destination {
  const parsed = parseDestination(arn);
  if (parsed.kind === "invalid") return { kind: "unusable", reason: parsed.reason };
  // No cross-region or cross-account delivery: the emulator has no RAM role to grant it.
  if ((parsed.region !== "" && parsed.region !== source.region) || (parsed.accountId !== "" && parsed.accountId !== source.accountId)) {
    return { kind: "unusable", reason: `'${arn}' is in another region or account` };
  }
  if (parsed.kind !== "fc") return { kind: "sink", name: arn };
  return {
    kind: "function",
    target: { api: source.api, accountId: source.accountId, region: source.region, functionKey: [parsed.serviceName, parsed.functionName], qualifier: parsed.qualifier },
  };
}
