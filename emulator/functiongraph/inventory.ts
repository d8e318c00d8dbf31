import type { ApiInventory, InventoryFunction } from "../core/control/inventory";
import type { Store } from "../core/store";

/**
 * FunctionGraph on the emulator's dashboard: each package's functions (key `[package, function]`, as the engine's
 * targets name them), the qualifiers each can be invoked at (`latest`, its versions, `!alias` for its aliases — the
 * async config keys' spelling) and its async invoke configs, destinations shown as `{destination} {param}`.
 */
export const functionGraphInventory: ApiInventory = {
  title: "FunctionGraph v2",
  keyLabels: ["Package", "Function"],
  functions: (store, accountId) => listFunctions(store, accountId),
};

function destinationText(d: { destination: string; param: string } | null): string | null {
  return d === null ? null : `${d.destination} ${d.param}`;
}

function listFunctions(store: Store, accountId: string): InventoryFunction[] {
  const reader = store.reader(accountId);
  return reader
    .list("fgFunctions", [])
    .map(({ value: fn }) => {
      const key = [fn.package, fn.funcName];
      const versions = reader.list("fgVersions", key).map(({ value }) => value.version);
      const aliases = reader.list("fgAliases", key).map(({ value }) => `!${value.name}`);
      const configs = reader.list("fgAsyncConfigs", key).map(({ key: k, value: c }) => ({
        qualifier: k[2] ?? "",
        maxRetries: c.maxAsyncRetryAttempts,
        maxEventAgeSeconds: c.maxAsyncEventAgeInSeconds,
        keepAsTask: true,
        onSuccess: destinationText(c.onSuccess),
        onFailure: destinationText(c.onFailure),
        lastModifiedTime: new Date(c.lastModified).toISOString(),
      }));
      return { key, qualifiers: ["latest", ...versions.sort(), ...aliases.sort()], configs };
    })
    .sort((a, b) => (a.key.join("\u0000") < b.key.join("\u0000") ? -1 : 1));
}
