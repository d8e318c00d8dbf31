import { TableSet, runTransaction } from "./table-set";
import type { Reader, Store, Writer } from "./types";

/** The default store: nothing touches the disk, everything is gone when the process ends. */
export class MemoryStore implements Store {
  readonly kind = "memory" as const;
  readonly #tables = new TableSet();

  reader(accountId: string): Reader {
    return this.#tables.reader(accountId);
  }

  transact<R>(accountId: string, work: (tx: Writer) => R): R {
    const { result, ops } = runTransaction(this.#tables.reader(accountId), work);
    if (ops.length > 0) this.#tables.apply({ a: accountId, ops });
    return result;
  }

  durable(): Promise<void> {
    return Promise.resolve();
  }

  clear(): void {
    this.#tables.apply({ clear: true });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
