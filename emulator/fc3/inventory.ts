import type { ApiInventory, InventoryFunction } from "../core/control/inventory";
import type { Store } from "../core/store";

/**
 * Function Compute 3.0 on the emulator's dashboard: each function, the qualifiers it can be invoked at (LATEST,
 * its versions, its aliases) and its async invoke configs.
 */
export const fc3Inventory: ApiInventory = {
  title: "Function Compute 3.0",
  keyLabels: ["Function"],
  functions: (store, accountId) => listFunctions(store, accountId),
};

function listFunctions(store: Store, accountId: string): InventoryFunction[] {
  const reader = store.reader(accountId);
  const byNumber = (a: string, b: string) => Number(a) - Number(b);
  return reader.list("fc3Functions", []).map(({ value: fn }) => {
    const name = fn.functionName;
    const versions = reader.list("fc3Versions", [name]).map(({ value }) => value.versionId);
    const aliases = reader.list("fc3Aliases", [name]).map(({ value }) => value.aliasName);
    const configs = reader.list("fc3AsyncConfigs", [name]).map(({ value: c }) => ({
      qualifier: c.qualifier,
      maxRetries: c.maxAsyncRetryAttempts,
      maxEventAgeSeconds: c.maxAsyncEventAgeInSeconds,
      keepAsTask: c.asyncTask,
      onSuccess: c.destinationConfig.onSuccess?.destination ?? null,
      onFailure: c.destinationConfig.onFailure?.destination ?? null,
      lastModifiedTime: c.lastModifiedTime,
    }));
    return { key: [name], qualifiers: ["LATEST", ...versions.sort(byNumber), ...aliases.sort()], configs };
  });
}
