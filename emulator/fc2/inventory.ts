import type { InventoryAccount, InventoryFunction, InventorySource } from "../core/control/inventory";
import type { Store } from "../core/store";

/**
 * Function Compute 2.0's resources for the emulator's dashboard: services, their functions, the qualifiers each
 * can be invoked at (LATEST, the versions that hold it, the aliases pointing at those) and the async invoke configs.
 */
export function fc2Inventory(store: Store): InventorySource {
  return {
    api: "fc2",
    title: "Function Compute 2.0",
    groupLabel: "Service",
    list: (accountIds) => accountIds.map((accountId) => listAccount(store, accountId)),
  };
}

function listAccount(store: Store, accountId: string): InventoryAccount {
  const reader = store.reader(accountId);
  const groups = reader.list("services", []).map(({ value: service }) => {
    const name = service.serviceName;
    const versions = reader.list("versionFunctions", [name]).map(({ key }) => ({ versionId: key[1] ?? "", fn: key[2] ?? "" }));
    const aliases = reader.list("aliases", [name]).map(({ value }) => value);
    const functions: InventoryFunction[] = reader.list("functions", [name]).map(({ value: fn }) => {
      const holding = versions.filter((v) => v.fn === fn.functionName).map((v) => v.versionId);
      const pointing = aliases.filter((a) => holding.includes(a.versionId)).map((a) => a.aliasName);
      const configs = reader.list("asyncConfigs", [name, fn.functionName]).map(({ value: c }) => ({
        qualifier: c.qualifier,
        maxRetries: c.maxAsyncRetryAttempts,
        maxEventAgeSeconds: c.maxAsyncEventAgeInSeconds,
        asyncTask: c.statefulInvocation,
        onSuccess: c.destinationConfig.onSuccess?.destination ?? null,
        onFailure: c.destinationConfig.onFailure?.destination ?? null,
        lastModifiedTime: c.lastModifiedTime,
      }));
      const byNumber = (a: string, b: string) => Number(a) - Number(b);
      return { name: fn.functionName, qualifiers: ["LATEST", ...holding.sort(byNumber), ...pointing.sort()], configs };
    });
    return { name, functions };
  });
  return { accountId, groups };
}
