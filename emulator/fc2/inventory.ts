import type { ApiInventory, InventoryFunction } from "../core/control/inventory";
import type { Store } from "../core/store";

/**
 * Function Compute 2.0 on the emulator's dashboard: each service's functions, the qualifiers each can be invoked at
 * (LATEST, the versions that hold it, the aliases pointing at those) and its async invoke configs.
 */
export const fc2Inventory: ApiInventory = {
  title: "Function Compute 2.0",
  keyLabels: ["Service", "Function"],
  functions: (store, accountId) => listFunctions(store, accountId),
};

function listFunctions(store: Store, accountId: string): InventoryFunction[] {
  const reader = store.reader(accountId);
  return reader.list("services", []).flatMap(({ value: service }) => {
    const name = service.serviceName;
    const versions = reader.list("versionFunctions", [name]).map(({ key }) => ({ versionId: key[1] ?? "", fn: key[2] ?? "" }));
    const aliases = reader.list("aliases", [name]).map(({ value }) => value);
    return reader.list("functions", [name]).map(({ value: fn }) => {
      const holding = versions.filter((v) => v.fn === fn.functionName).map((v) => v.versionId);
      const pointing = aliases.filter((a) => holding.includes(a.versionId)).map((a) => a.aliasName);
      const configs = reader.list("asyncConfigs", [name, fn.functionName]).map(({ value: c }) => ({
        qualifier: c.qualifier,
        maxRetries: c.maxAsyncRetryAttempts,
        maxEventAgeSeconds: c.maxAsyncEventAgeInSeconds,
        keepAsTask: c.statefulInvocation,
        onSuccess: c.destinationConfig.onSuccess?.destination ?? null,
        onFailure: c.destinationConfig.onFailure?.destination ?? null,
        lastModifiedTime: c.lastModifiedTime,
      }));
      const byNumber = (a: string, b: string) => Number(a) - Number(b);
      return { key: [name, fn.functionName], qualifiers: ["LATEST", ...holding.sort(byNumber), ...pointing.sort()], configs };
    });
  });
}
