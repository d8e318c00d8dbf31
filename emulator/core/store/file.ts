import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { z } from "zod";
import { TableSet, runTransaction } from "./table-set";
import type { TableName, TableRegistry } from "./tables";
import type { Commit, Reader, Store, Writer } from "./types";

/**
 * The durable store: the memory tables plus a journal on disk.
 *
 * Every committed transaction is one JSON line appended to `journal-<generation>.ndjson`; the server
 * answers only after `durable()`, i.e. after the line was written and fdatasync'ed, so every acknowledged
 * write survives `kill -9` and power loss. Lines are written in batches (group commit): one fsync covers
 * every transaction committed while the previous one was in flight, which keeps 64 concurrent writers fast.
 *
 * At open, and whenever the journal grows long, the state is compacted into `snapshot.json`
 * (temp file, fsync, rename, fsync of the directory) and a fresh journal of the next generation starts;
 * a crash at any point leaves either the old snapshot + old journal or the new snapshot + new journal.
 * A torn last line (a write cut by a crash, never acknowledged) is dropped; a damaged line elsewhere
 * stops the start-up with its line number rather than silently losing data.
 */

const SNAPSHOT = "snapshot.json";
const LOCK = "LOCK";
/** Journal lines after which the state is folded into a new snapshot; bounds start-up replay time. */
export const DEFAULT_COMPACT_AFTER_LINES = 2000;

const write = promisify(fs.write);
const fdatasync = promisify(fs.fdatasync);

const opSchema = z.union([
  z.object({ t: z.string(), k: z.array(z.string()), del: z.literal(true) }),
  z.object({ t: z.string(), k: z.array(z.string()), v: z.unknown() }),
]);
const commitSchema = z.union([
  z.object({ clear: z.literal(true) }),
  z.object({ a: z.string(), ops: z.array(opSchema) }),
]);
const snapshotSchema = z.object({
  format: z.literal("fc-emulator-snapshot"),
  version: z.literal(1),
  generation: z.number().int().nonnegative(),
  commits: z.array(commitSchema),
});

/** Checks a parsed journal line or snapshot entry against the table schemas; returns a typed commit. */
function toCommit(raw: unknown, where: string, tables: TableRegistry): Commit {
  const parsed = commitSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${where}: not a journal entry (${parsed.error.issues[0]?.message ?? "invalid"})`);
  const commit = parsed.data;
  if ("clear" in commit) return { clear: true };
  return {
    a: commit.a,
    ops: commit.ops.map((op) => {
      const schema = tables.schema(op.t);
      if (schema === undefined) throw new Error(`${where}: unknown table '${op.t}' (written by a newer emulator?)`);
      const table = op.t as TableName;
      if ("del" in op) return { t: table, k: op.k, del: true as const };
      const value = schema.safeParse(op.v);
      if (!value.success) {
        throw new Error(`${where}: row ${JSON.stringify(op.k)} of '${op.t}' is invalid: ${value.error.issues[0]?.message ?? ""}`);
      }
      return { t: table, k: op.k, v: value.data };
    }),
  };
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeFileDurably(dir: string, name: string, data: string): void {
  const tmp = path.join(dir, `${name}.tmp-${process.pid}`);
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dir, name));
  fsyncDir(dir);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Directories this process holds: a LOCK with our own pid that is not among them was left by a dead process whose pid we reuse. */
const heldHere = new Set<string>();

/** One store per data directory; a lock left by a killed process is taken over. */
function takeLock(dir: string): void {
  const lock = path.join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      heldHere.add(dir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lock, "utf8").trim());
      const ours = holder === process.pid;
      if ((ours && heldHere.has(dir)) || (!ours && Number.isInteger(holder) && holder > 0 && isAlive(holder))) {
        throw new Error(`data directory ${dir} is in use by process ${holder}`);
      }
      fs.rmSync(lock, { force: true });
    }
  }
  throw new Error(`could not lock data directory ${dir}`);
}

function releaseLock(dir: string): void {
  heldHere.delete(dir);
  fs.rmSync(path.join(dir, LOCK), { force: true });
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class FileStore implements Store {
  readonly kind = "file" as const;
  readonly dir: string;
  readonly #tables = new TableSet();
  #generation = 0;
  #fd = -1;
  #journalLines = 0;
  #pending: string[] = [];
  #committedSeq = 0;
  #durableSeq = 0;
  #waiters: Waiter[] = [];
  #flushing = false;
  #failure: Error | undefined;
  #closed = false;
  readonly #compactAfterLines: number;
  readonly #schemas: TableRegistry;

  /** `tables`: every table a journal line may name (see `tables.ts`); lines are checked against them on load. */
  constructor(dir: string, options: { tables: TableRegistry; compactAfterLines?: number }) {
    this.#compactAfterLines = options.compactAfterLines ?? DEFAULT_COMPACT_AFTER_LINES;
    this.#schemas = options.tables;
    this.dir = path.resolve(dir);
    fs.mkdirSync(this.dir, { recursive: true });
    takeLock(this.dir);
    try {
      this.#load();
      this.#compact();
    } catch (error) {
      releaseLock(this.dir);
      throw error;
    }
  }

  #journalPath(generation: number): string {
    return path.join(this.dir, `journal-${generation}.ndjson`);
  }

  #load(): void {
    const snapshotPath = path.join(this.dir, SNAPSHOT);
    if (fs.existsSync(snapshotPath)) {
      const raw: unknown = JSON.parse(fs.readFileSync(snapshotPath, "utf8"));
      const snapshot = snapshotSchema.parse(raw);
      this.#generation = snapshot.generation;
      snapshot.commits.forEach((c, i) => this.#tables.apply(toCommit(c, `${SNAPSHOT} entry ${i + 1}`, this.#schemas)));
    }
    const journal = this.#journalPath(this.#generation);
    if (!fs.existsSync(journal)) return;
    const text = fs.readFileSync(journal, "utf8");
    const lines = text.split("\n");
    const endsCleanly = text.endsWith("\n");
    lines.forEach((line, i) => {
      if (line === "") return;
      const isLast = i === lines.length - 1;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        // Only an unterminated final line can be a write that a crash cut short; it was never acknowledged.
        if (isLast && !endsCleanly) return;
        throw new Error(`${path.basename(journal)} line ${i + 1} is damaged`);
      }
      this.#tables.apply(toCommit(raw, `${path.basename(journal)} line ${i + 1}`, this.#schemas));
      this.#journalLines++;
    });
  }

  /** Folds the journal into a new snapshot and starts the next generation's empty journal. */
  #compact(): void {
    if (this.#fd >= 0) fs.closeSync(this.#fd);
    const previous = this.#generation;
    const next = previous + 1;
    const snapshot = { format: "fc-emulator-snapshot", version: 1, generation: next, commits: this.#tables.dump() };
    writeFileDurably(this.dir, SNAPSHOT, JSON.stringify(snapshot));
    this.#fd = fs.openSync(this.#journalPath(next), "w", 0o600);
    fsyncDir(this.dir);
    this.#generation = next;
    this.#journalLines = 0;
    for (const name of fs.readdirSync(this.dir)) {
      const stale = /^journal-(\d+)\.ndjson$/.exec(name);
      if ((stale && Number(stale[1]) !== next) || name.includes(".tmp-")) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  #append(commit: Commit): void {
    if (this.#failure) throw new Error(`the data directory cannot be written: ${this.#failure.message}`);
    if (this.#closed) throw new Error("the store is closed");
    this.#tables.apply(commit);
    this.#pending.push(`${JSON.stringify(commit)}\n`);
    this.#committedSeq++;
    void this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.join("");
        const lines = this.#pending.length;
        const upTo = this.#committedSeq;
        this.#pending = [];
        const bytes = Buffer.from(batch, "utf8");
        let offset = 0;
        while (offset < bytes.length) {
          const { bytesWritten } = await write(this.#fd, bytes, offset, bytes.length - offset, null);
          offset += bytesWritten;
        }
        await fdatasync(this.#fd);
        this.#journalLines += lines;
        this.#durableSeq = upTo;
        this.#settle();
        if (this.#pending.length === 0 && this.#journalLines >= this.#compactAfterLines) this.#compact();
      }
    } catch (error) {
      this.#failure = error instanceof Error ? error : new Error(String(error));
      for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#failure);
    } finally {
      this.#flushing = false;
    }
  }

  #settle(): void {
    const still: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (waiter.seq <= this.#durableSeq) waiter.resolve();
      else still.push(waiter);
    }
    this.#waiters = still;
  }

  reader(accountId: string): Reader {
    return this.#tables.reader(accountId);
  }

  transact<R>(accountId: string, work: (tx: Writer) => R): R {
    const { result, ops } = runTransaction(this.#tables.reader(accountId), work);
    if (ops.length > 0) this.#append({ a: accountId, ops });
    return result;
  }

  durable(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    const seq = this.#committedSeq;
    if (seq <= this.#durableSeq) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ seq, resolve, reject }));
  }

  clear(): void {
    this.#append({ clear: true });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.durable().catch(() => undefined);
    this.#closed = true;
    if (this.#fd >= 0) fs.closeSync(this.#fd);
    this.#fd = -1;
    releaseLock(this.dir);
  }
}
