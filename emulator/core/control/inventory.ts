/**
 * What the dashboard (`dashboard.ts`) lists for each API the emulator serves: its accounts, their services (or
 * applications, or whatever the API groups functions in), the functions, the qualifiers they can be invoked at, and
 * the async invoke config of each qualifier that has one — in one neutral shape, so the page needs no knowledge of any
 * API. Each API module provides an `InventorySource` and `emulator/index.ts` registers it beside the API's
 * operations; the core never imports an API folder.
 */

/** One qualifier's async invoke config, in the API's own terms where they differ (`asyncTask` is FC's stateful switch). */
export interface InventoryConfig {
  readonly qualifier: string;
  readonly maxRetries: number;
  readonly maxEventAgeSeconds: number;
  readonly asyncTask: boolean;
  readonly onSuccess: string | null;
  readonly onFailure: string | null;
  readonly lastModifiedTime: string;
}

export interface InventoryFunction {
  readonly name: string;
  /** Where the function can be invoked: LATEST, versions, aliases (the API's own words). */
  readonly qualifiers: readonly string[];
  readonly configs: readonly InventoryConfig[];
}

export interface InventoryGroup {
  readonly name: string;
  readonly functions: readonly InventoryFunction[];
}

export interface InventoryAccount {
  readonly accountId: string;
  readonly groups: readonly InventoryGroup[];
}

export interface InventorySource {
  /** Short id, e.g. `fc2`; unique among the registered APIs. */
  readonly api: string;
  /** For people, e.g. `Function Compute 2.0`. */
  readonly title: string;
  /** What the API calls a group of functions, e.g. `Service`. */
  readonly groupLabel: string;
  /** The accounts' resources now, sorted by name. */
  list(accountIds: readonly string[]): InventoryAccount[];
}
