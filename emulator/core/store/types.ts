import type { RecordOf, TableName } from "./tables";

/**
 * The store handlers are written against. It knows tables, keys and accounts — never HTTP.
 *
 * Per-account isolation is structural: every read and write names the account, and an account's
 * rows live in tables of their own, so no key an account can spell reaches another account's data.
 */

export type Key = readonly string[];

export interface Row<T extends TableName> {
  key: string[];
  value: Readonly<RecordOf<T>>;
}

export interface Reader {
  get<T extends TableName>(table: T, key: Key): Readonly<RecordOf<T>> | undefined;
  /** Rows whose key starts with `prefix`, in key order (part by part, by code unit). */
  list<T extends TableName>(table: T, prefix: Key): Row<T>[];
}

export interface Writer extends Reader {
  put<T extends TableName>(table: T, key: Key, value: RecordOf<T>): void;
  delete(table: TableName, key: Key): void;
}

export interface Store {
  readonly kind: "memory" | "file";
  reader(accountId: string): Reader;
  /**
   * Runs `work` against a transaction: its reads see its own writes; its writes apply together when it
   * returns, or not at all when it throws. Returns what `work` returns.
   */
  transact<R>(accountId: string, work: (tx: Writer) => R): R;
  /**
   * Resolves once every transaction committed so far is on disk (at once for the memory store).
   * The server awaits it before answering, so an acknowledged write — or a read that saw it — survives a crash.
   */
  durable(): Promise<void>;
  /** Forgets every account's data (the control surface's reset). Durable like any write. */
  clear(): void;
  close(): Promise<void>;
}

/** One committed transaction, as the file store journals it. */
export type Op =
  | { t: TableName; k: string[]; v: unknown }
  | { t: TableName; k: string[]; del: true };

export type Commit = { a: string; ops: Op[] } | { clear: true };
