/**
 * The module the serialized provider of every dynamic resource loads (shared/dynamic/thin-provider.ts), exported
 * by the package as `pulumi-async-invoke/dynamic-provider`: it finds the implementation by resource type and
 * configures it with the stack config. A new API's resource adds its type here.
 *
 * What it loads is each API's schema and provider logic; the HTTP clients (undici, the transport, signing) load on
 * the first API call (`shared/lazy-client.ts`), so `check` and `diff`, all a no-op preview runs, never wait for them.
 */
import * as fc2Batch from "./fc2/batch-provider";
import * as fc2 from "./fc2/provider";
import * as fc3 from "./fc3/provider";
import * as functiongraph from "./functiongraph/provider";
import { BATCH_TYPE, FC2_CONFIG_TYPE, FC3_CONFIG_TYPE, FUNCTIONGRAPH_CONFIG_TYPE, typeKey } from "./resource-types";
import type { ConfigSource } from "./shared/config";
import { withConnections } from "./shared/dynamic/connections";
import type { ProviderMethods } from "./shared/dynamic/methods";

/** Implementations by resource type (the type token's module and name, as passed to `thinProviderFor`). */
const IMPLEMENTATIONS: Readonly<Record<string, { configure(config: ConfigSource): ProviderMethods }>> = {
  [typeKey(FC2_CONFIG_TYPE)]: fc2,
  [typeKey(FC3_CONFIG_TYPE)]: fc3,
  [typeKey(FUNCTIONGRAPH_CONFIG_TYPE)]: functiongraph,
  [typeKey(BATCH_TYPE)]: fc2Batch,
};

/** The resource types this release implements. */
export const RESOURCE_TYPES: readonly string[] = Object.keys(IMPLEMENTATIONS);

/**
 * Called by the serialized provider's `configure` with the stack config (secrets decrypted). Nothing is resolved
 * yet: endpoints and credentials are read on the first call that needs the service, and kept in memory only.
 */
export function configure(resourceType: string, config: ConfigSource): ProviderMethods {
  const load = Object.hasOwn(IMPLEMENTATIONS, resourceType) ? IMPLEMENTATIONS[resourceType] : undefined;
  if (load === undefined) {
    throw new Error(
      `this pulumi-async-invoke has no provider for ${resourceType} (it knows ${RESOURCE_TYPES.join(", ")}); ` +
        "install the release that created this resource, or a later one, in the program's project",
    );
  }
  // A resource's `connection` input picks a named profile of settings (shared/config.ts).
  return withConnections(config, (settings) => load.configure(settings));
}
