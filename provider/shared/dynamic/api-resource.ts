/**
 * The base of every dynamic resource of the package (each API's config resource and the batched policy): the
 * guarantees a resource gives whatever its API, enforced here once.
 *
 * - Plaintext credentials are refused before anything is registered (`../secret-config.ts`): the engine records
 *   the whole stack config as the provider's inputs, so a key set without `--secret` would be written into state.
 *   Every key an API declared is checked (`alicloud:*`, `huaweicloud:*`), not only the resource's own API's: the
 *   whole config lands in state whatever the resource.
 * - The provider Pulumi serializes into state is the thin loader (`thin-provider.ts`) for the resource's type.
 */
import * as pulumi from "@pulumi/pulumi";
import { assertConnectionsSecret, assertDeclaredCredentialsSecret, declareCredentialKeys } from "../secret-config";
import { typeKey, type ResourceType } from "./resource-type";
import { thinProviderFor } from "./thin-provider";

const loaders = new Map<string, pulumi.dynamic.ResourceProvider>();

/** The loader of `type`, one object per type: the serializer captures the same function for every resource. */
export function loaderFor(type: ResourceType): pulumi.dynamic.ResourceProvider {
  const key = typeKey(type);
  let loader = loaders.get(key);
  if (loader === undefined) loaders.set(key, (loader = thinProviderFor(key)));
  return loader;
}

export abstract class ApiResource extends pulumi.dynamic.Resource {
  /**
   * `type` is the token the resource registers under; `credentialKeys` its own API's stack config keys that must be
   * secrets (declared here too, then every declared key is checked first, so a refused run registers nothing);
   * `props` every input and every output name.
   */
  protected constructor(type: ResourceType, credentialKeys: readonly string[], name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    declareCredentialKeys(credentialKeys);
    assertDeclaredCredentialsSecret();
    assertConnectionsSecret();
    super(loaderFor(type), name, props, opts, type.module, type.name);
  }
}
