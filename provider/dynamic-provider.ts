/**
 * The module the serialized provider of every dynamic resource loads (shared/dynamic/thin-provider.ts), exported
 * by the package as `pulumi-async-invoke/dynamic-provider`: it finds the implementation by resource type and
 * configures it with the stack config. The types are those of the API registry (`apis.ts`: each API's config
 * resource) and the batched policy's; a new API adds none here.
 *
 * What it loads is each API's schema and provider logic; the HTTP clients (undici, the transport, signing) load on
 * the first API call (`shared/lazy-client.ts`), so `check` and `diff`, all a no-op preview runs, never wait for them.
 */
import { APIS } from "./apis";
import * as batch from "./policy/batch-provider";
import { BATCH_TYPE } from "./policy/batch-type";
import type { ConfigSource } from "./shared/config";
import { withConnections } from "./shared/dynamic/connections";
import type { ProviderMethods } from "./shared/dynamic/methods";
import { typeKey } from "./shared/dynamic/resource-type";

/** Implementations by resource type (the type token's module and name, as passed to `thinProviderFor`). */
const IMPLEMENTATIONS: Readonly<Record<string, { configure(config: ConfigSource): ProviderMethods }>> = Object.fromEntries([
  ...APIS.map((entry) => [typeKey(entry.configType), entry] as const),
  [typeKey(BATCH_TYPE), batch] as const,
]);

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
