import { FileStore } from "./file";
import { MemoryStore } from "./memory";
import type { Store } from "./types";

export type { Key, Reader, Row, Store, Writer } from "./types";
export * from "./records";
export { FileStore } from "./file";
export { MemoryStore } from "./memory";

/** A durable store in `dataDir` when one is given, otherwise memory only. */
export function openStore(dataDir?: string): Store {
  return dataDir === undefined ? new MemoryStore() : new FileStore(dataDir);
}
