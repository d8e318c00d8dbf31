import { randomBytes } from "node:crypto";

/**
 * Records delivered to destinations the emulator has no service for (queues, topics, buses, buckets):
 * kept per account and destination name, for tests and users to read through the control surface.
 * In memory: it is an inspection aid, and a restart starts it empty (the tasks are what survives).
 */

export interface KeptMessage {
  /** MNS-style id: 32 upper-case hex digits. */
  messageId: string;
  /** The destination as its API names it (an ARN, a URN, a bucket). */
  destination: string;
  /** The message body exactly as sent: the destination record as JSON. */
  body: string;
  /** The destination record, in its API's shape. */
  record: unknown;
  /** Epoch ms (the engine's clock). */
  publishedTime: number;
}

export class MessageLog {
  readonly #byAccount = new Map<string, Map<string, KeptMessage[]>>();

  append(accountId: string, destination: string, record: unknown, publishedTime: number): KeptMessage {
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
