import type { Store } from "../store";
import type { EventRecord } from "./model";
import type { EventStore } from "./ports";

/** Events live in the `asyncEvents` table of their account (`tables.ts`), so the file store makes them durable. */
export class StoreEventStore implements EventStore {
  constructor(
    private readonly store: Store,
    /** The accounts whose events `load()` reads back: the emulator's configured accounts. */
    private readonly accountIds: () => readonly string[],
  ) {}

  save(record: EventRecord): void {
    this.store.transact(record.target.accountId, (tx) => tx.put("asyncEvents", keyOf(record), structuredClone(record)));
  }

  remove(record: EventRecord): void {
    this.store.transact(record.target.accountId, (tx) => tx.delete("asyncEvents", keyOf(record)));
  }

  load(): EventRecord[] {
    const records: EventRecord[] = [];
    for (const accountId of new Set(this.accountIds())) {
      for (const row of this.store.reader(accountId).list("asyncEvents", [])) records.push(structuredClone(row.value) as EventRecord);
    }
    return records;
  }
}

function keyOf(record: EventRecord): string[] {
  return [record.target.api, ...record.target.functionKey, record.requestId];
}
