import { FileStore } from "./file";
import { MemoryStore } from "./memory";
import type { TableRegistry } from "./tables";
import type { Store } from "./types";

export type { Key, Reader, Row, Store, Writer } from "./types";
export { TableRegistry, type RecordOf, type TableName, type TableRecords, type TableSchemas } from "./tables";
export { FileStore } from "./file";
export { MemoryStore } from "./memory";

/** A durable store in `dataDir` when one is given (its journal checked against `tables`), otherwise memory only. */
export function openStore(dataDir: string | undefined, tables: TableRegistry): Store {
  return dataDir === undefined ? new MemoryStore() : new FileStore(dataDir, { tables });
}
