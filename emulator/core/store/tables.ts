import type { z } from "zod";

/**
 * Which tables the store has, declared by whoever owns them — the async engine (`../engine/tables.ts`)
 * and each API folder (`emulator/<api>/tables.ts`) — so that a new API adds tables without editing core.
 *
 * Two halves, kept together by the declaring file:
 * - types: the declaring file augments `TableRecords` (`declare module "…/core/store/tables"`), mapping
 *   each table name to its record type, so `reader.get("services", …)` is typed;
 * - schemas: it exports a `TableSchemas` object (name → zod schema) that `emulator/index.ts` registers;
 *   the file store checks every journal line against them when it loads.
 *
 * Table names are global: an API other than fc2 prefixes its own (`fc3Functions`, `fgAsyncConfigs`).
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TableRecords {}

export type TableName = keyof TableRecords & string;
export type RecordOf<T extends TableName> = TableRecords[T];

/** Tables one owner declares: name → schema of a row. */
export type TableSchemas = Readonly<Record<string, z.ZodType>>;

/** Every declared table's schema, by name; a name declared twice is refused. */
export class TableRegistry {
  readonly #schemas = new Map<string, { owner: string; schema: z.ZodType }>();

  constructor(declarations: ReadonlyArray<{ owner: string; tables: TableSchemas }> = []) {
    for (const { owner, tables } of declarations) this.register(owner, tables);
  }

  register(owner: string, tables: TableSchemas): this {
    for (const [name, schema] of Object.entries(tables)) {
      const existing = this.#schemas.get(name);
      if (existing !== undefined) throw new Error(`table '${name}' is declared by both ${existing.owner} and ${owner}`);
      this.#schemas.set(name, { owner, schema });
    }
    return this;
  }

  schema(name: string): z.ZodType | undefined {
    return this.#schemas.get(name)?.schema;
  }

  names(): string[] {
    return [...this.#schemas.keys()];
  }
}
