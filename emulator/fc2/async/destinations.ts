import {
  DEFAULT_QUALIFIER,
  DESTINATION_FORMATS,
  parseDestination as parseContractDestination,
  type Destination as ContractDestination,
} from "../../../contracts/fc2";
import type { Destination, EventTarget } from "../../core/engine/model";

/**
 * FC 2.0's destination ARNs (the contract's grammar, contracts/fc2), resolved for the engine. A Function
 * Compute destination is invoked asynchronously; every other supported kind — MNS queues and topics, EventBridge, RocketMQ — is kept in
 * the engine's message log (the emulator has no MNS to send to). Anything else, or a destination in
 * another region or account, is unusable: delivery fails, which the task shows as
 * `destinationStatus: "Failed"`.
 */

/** A destination ARN in the contract's grammar, or why the engine cannot use it. */
export function parseDestination(arn: string): ContractDestination | { kind: "invalid"; reason: string } {
  const parsed = parseContractDestination(arn);
  if (parsed !== undefined) return parsed;
  const product = /^acs:([a-z]+):/.exec(arn)?.[1];
  if (product === undefined) return { kind: "invalid", reason: `'${arn}' is not an acs: resource name` };
  if (!SUPPORTED_PRODUCTS.has(product)) return { kind: "invalid", reason: `'${product}' destinations are not supported` };
  return { kind: "invalid", reason: `'${arn}' is not a valid ${product} destination` };
}

const SUPPORTED_PRODUCTS: ReadonlySet<string> = new Set(DESTINATION_FORMATS.map((format) => format.shape.split(":")[1] ?? ""));

/** The engine's form of a destination ARN, for an event of `source`. */
export function resolveDestination(arn: string, source: EventTarget): Destination {
  const parsed = parseDestination(arn);
  if (parsed.kind === "invalid") return { kind: "unusable", reason: parsed.reason };
  // No cross-region or cross-account delivery: the emulator has no RAM role to grant it.
  if (parsed.region !== source.region || parsed.accountId !== source.accountId) {
    return { kind: "unusable", reason: `'${arn}' is in another region or account` };
  }
  if (parsed.kind !== "fc-function") return { kind: "sink", name: arn };
  return {
    kind: "function",
    target: { api: source.api, accountId: source.accountId, region: source.region, functionKey: [parsed.serviceName, parsed.functionName], qualifier: parsed.qualifier ?? DEFAULT_QUALIFIER },
  };
}
