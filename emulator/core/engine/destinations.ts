import { randomBytes } from "node:crypto";
import type { DestinationRecord, InvocationTarget } from "./model";

/**
 * Where onSuccess/onFailure records go. A Function Compute destination is invoked asynchronously (by
 * the engine); every other supported kind — MNS queues and topics, EventBridge, RocketMQ — is kept in
 * a message log that tests and users read through the control surface, since the emulator has no
 * MNS to send to. Anything else, or a destination in another region or account, fails delivery,
 * which the task shows as `destinationStatus: "Failed"`.
 */

export type ParsedDestination =
  | { kind: "fc"; target: InvocationTarget }
  | { kind: "mns-queue" | "mns-topic" | "eventbridge" | "rocketmq"; region: string; accountId: string; name: string };

const FC_RESOURCE = /^services\/([A-Za-z_][A-Za-z0-9_-]{0,127})(?:\.([A-Za-z0-9_-]{1,128}))?\/functions\/([A-Za-z_][A-Za-z0-9_-]{0,127})$/;
/** FC 3.0 names a function without a service; its target's `serviceName` is `""`, which no 2.0 service can be. */
const FC3_RESOURCE = /^functions\/([A-Za-z_][A-Za-z0-9_-]{0,127})$/;
const MNS_RESOURCE = /^\/(queues|topics)\/([A-Za-z0-9-]{1,256})\/messages$/;

/** Parses a destination ARN, or returns a reason it cannot be used. */
export function parseDestination(arn: string): ParsedDestination | { kind: "invalid"; reason: string } {
  const match = /^acs:([a-z]+):([a-z0-9-]*):([0-9]*):(.+)$/.exec(arn);
  if (match === null) return { kind: "invalid", reason: `'${arn}' is not an acs: resource name` };
  const [, product = "", region = "", accountId = "", resource = ""] = match;
  switch (product) {
    case "fc": {
      const fc3 = FC3_RESOURCE.exec(resource);
      if (fc3 !== null) return { kind: "fc", target: { accountId, region, serviceName: "", qualifier: "LATEST", functionName: fc3[1] ?? "" } };
      const fc = FC_RESOURCE.exec(resource);
      if (fc === null) return { kind: "invalid", reason: `'${arn}' does not name a function` };
      const [, serviceName = "", qualifier = "LATEST", functionName = ""] = fc;
      return { kind: "fc", target: { accountId, region, serviceName, qualifier, functionName } };
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

/** A record kept for a non-FC destination: what an MNS consumer would have received. */
export interface KeptMessage {
  /** MNS-style id: 32 upper-case hex digits. */
  messageId: string;
  destination: string;
  /** The message body exactly as sent: the destination record as JSON. */
  body: string;
  record: DestinationRecord;
  /** Epoch ms (the engine's clock). */
  publishedTime: number;
}

/**
 * The messages kept per destination ARN, per account. In memory: it is an inspection aid, and a
 * restart starts it empty (the tasks themselves are what survives).
 */
export class MessageLog {
  readonly #byAccount = new Map<string, Map<string, KeptMessage[]>>();

  append(accountId: string, destination: string, record: DestinationRecord, publishedTime: number): KeptMessage {
    const message: KeptMessage = {
      messageId: randomBytes(16).toString("hex").toUpperCase(),
      destination,
      body: JSON.stringify(record),
      record,
      publishedTime,
    };
    let destinations = this.#byAccount.get(accountId);
    if (destinations === undefined) {
      destinations = new Map();
      this.#byAccount.set(accountId, destinations);
    }
    const kept = destinations.get(destination) ?? [];
    kept.push(message);
    destinations.set(destination, kept);
    return message;
  }

  /** One destination's messages, oldest first. */
  messages(accountId: string, destination: string): readonly KeptMessage[] {
    return this.#byAccount.get(accountId)?.get(destination) ?? [];
  }

  /** Accounts that have kept messages, in id order. */
  accounts(): string[] {
    return [...this.#byAccount.keys()].sort();
  }

  /** Every destination of an account that received something, with its messages. */
  all(accountId: string): Array<{ destination: string; messages: readonly KeptMessage[] }> {
    const destinations = this.#byAccount.get(accountId);
    if (destinations === undefined) return [];
    return [...destinations.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([destination, messages]) => ({ destination, messages }));
  }

  clear(): void {
    this.#byAccount.clear();
  }
}
