import type { TableSchemas } from "../store/tables";
import { eventRecordSchema, type EventRecord } from "./model";

/**
 * The async engine's own table, declared like any API's (see `../store/tables.ts`).
 */
export const engineTables = {
  /**
   * key: [api, ...function key, requestId] — async events the engine has accepted and not yet
   * finished, and kept task records (finished or not), so that a 202 survives a restart like any write.
   */
  asyncEvents: eventRecordSchema,
} as const satisfies TableSchemas;

declare module "../store/tables" {
  interface TableRecords {
    asyncEvents: EventRecord;
  }
}
