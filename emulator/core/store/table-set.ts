import type { RecordOf, TableName } from "./tables";
import type { Commit, Key, Op, Reader, Row, Writer } from "./types";

/**
 * The rows of every account, in memory: the whole state for the memory store, the replayed state for
 * the file store. Values are deep-frozen on the way in so a handler that mutates what it read fails
 * loudly instead of silently editing stored state behind the journal's back.
 */

type Table = Map<string, { key: string[]; value: unknown }>;

const encode = (key: Key): string => JSON.stringify(key);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function compareKeys(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function hasPrefix(key: readonly string[], prefix: Key): boolean {
  return prefix.length <= key.length && prefix.every((part, i) => key[i] === part);
}

export class TableSet {
  readonly #accounts = new Map<string, Map<TableName, Table>>();

  #table(accountId: string, table: TableName, create: boolean): Table | undefined {
    let account = this.#accounts.get(accountId);
    if (!account) {
      if (!create) return undefined;
      account = new Map();
      this.#accounts.set(accountId, account);
    }
    let rows = account.get(table);
    if (!rows && create) {
      rows = new Map();
      account.set(table, rows);
    }
    return rows;
  }

  reader(accountId: string): Reader {
    return {
      get: <T extends TableName>(table: T, key: Key) =>
        this.#table(accountId, table, false)?.get(encode(key))?.value as Readonly<RecordOf<T>> | undefined,
      list: <T extends TableName>(table: T, prefix: Key) => {
        const rows = this.#table(accountId, table, false);
        if (!rows) return [];
        const found: Row<T>[] = [];
        for (const row of rows.values()) {
          if (hasPrefix(row.key, prefix)) found.push({ key: [...row.key], value: row.value as RecordOf<T> });
        }
        return found.sort((a, b) => compareKeys(a.key, b.key));
      },
    };
  }

  apply(commit: Commit): void {
    if ("clear" in commit) {
      this.#accounts.clear();
      return;
    }
    for (const op of commit.ops) {
      const rows = this.#table(commit.a, op.t, true) as Table;
      if ("del" in op) rows.delete(encode(op.k));
      else rows.set(encode(op.k), { key: [...op.k], value: deepFreeze(structuredClone(op.v)) });
    }
  }

  /** Every row as a list of commits, one per account: what a snapshot holds. */
  dump(): Commit[] {
    const commits: Commit[] = [];
    for (const [accountId, account] of this.#accounts) {
      const ops: Op[] = [];
      for (const [table, rows] of account) {
        for (const row of rows.values()) ops.push({ t: table, k: row.key, v: row.value });
      }
      if (ops.length > 0) commits.push({ a: accountId, ops });
    }
    return commits;
  }
}

/**
 * A transaction over a committed reader: writes are buffered (reads see them) and handed back as ops
 * when the work returns.
 */
export function runTransaction<R>(committed: Reader, work: (tx: Writer) => R): { result: R; ops: Op[] } {
  const pending = new Map<string, Op>();
  const slot = (table: TableName, key: Key) => `${table}\u0000${encode(key)}`;

  const tx: Writer = {
    get: <T extends TableName>(table: T, key: Key) => {
      const op = pending.get(slot(table, key));
      if (op) return "del" in op ? undefined : (op.v as Readonly<RecordOf<T>>);
      return committed.get(table, key);
    },
    list: <T extends TableName>(table: T, prefix: Key) => {
      const rows = new Map<string, Row<T>>();
      for (const row of committed.list(table, prefix)) rows.set(encode(row.key), row);
      for (const op of pending.values()) {
        if (op.t !== table || !hasPrefix(op.k, prefix)) continue;
        if ("del" in op) rows.delete(encode(op.k));
        else rows.set(encode(op.k), { key: [...op.k], value: op.v as RecordOf<T> });
      }
      return [...rows.values()].sort((a, b) => compareKeys(a.key, b.key));
    },
    put: (table, key, value) => {
      pending.set(slot(table, key), { t: table, k: [...key], v: value });
    },
    delete: (table, key) => {
      pending.set(slot(table, key), { t: table, k: [...key], del: true });
    },
  };

  const result = work(tx);
  return { result, ops: [...pending.values()] };
}
