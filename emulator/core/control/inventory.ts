import type { Store } from "../store";

/**
 * What the dashboard (`dashboard.ts`) lists for each registered API: per account, the functions (by the API's own
 * function key: FC 2.0 `[service, function]`, FC 3.0 `[function]`), the qualifiers each can be invoked at, and the
 * async invoke config of each qualifier that has one — in one neutral shape, so the page needs no knowledge of any
 * API. An API provides it as `ApiModule.inventory` (`core/api.ts`); tasks come from the engine by the same key.
 */

/** One qualifier's async invoke config, in neutral words (`keepAsTask` is FC's stateful / async-task switch). */
export interface InventoryConfig {
  readonly qualifier: string;
  readonly maxRetries: number;
  readonly maxEventAgeSeconds: number;
  readonly keepAsTask: boolean;
  readonly onSuccess: string | null;
  readonly onFailure: string | null;
  readonly lastModifiedTime: string;
}

export interface InventoryFunction {
  /** The API's function key, as the engine's `EventTarget.functionKey` names it. */
  readonly key: readonly string[];
  /** Where the function can be invoked: the API's "latest", versions, aliases. */
  readonly qualifiers: readonly string[];
  readonly configs: readonly InventoryConfig[];
}

export interface ApiInventory {
  /** For people: `Function Compute 2.0`. */
  readonly title: string;
  /** A column name for each part of the function key: `["Service", "Function"]`. */
  readonly keyLabels: readonly string[];
  /** One account's functions now, sorted by key. */
  functions(store: Store, accountId: string): InventoryFunction[];
}
