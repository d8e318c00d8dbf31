/**
 * The implementation behind `fc.AsyncInvokePolicyBatch`, loaded at run time by the loader Pulumi serializes into
 * its state (async-invoke-policy-batch.ts), as `provider.ts` is for the per-config resource. The batch logic is
 * `shared/batch.ts`; FC 2.0's part is `batch-adapter.ts`.
 */
import { BatchProvider } from "../shared/batch";
import { fc2TargetAdapter } from "./batch-adapter";
import type { ConfigSource } from "../shared/config";
import { bindProviderMethods, type ProviderMethods } from "../shared/dynamic/methods";
import { explainingRefusedCredentials, lazyClient, type CreateProviderOptions } from "./provider";

export function createBatchProvider(config: ConfigSource | undefined, options: CreateProviderOptions = {}): BatchProvider {
  const api = explainingRefusedCredentials(lazyClient(config, options));
  return new BatchProvider(fc2TargetAdapter(() => api));
}

/**
 * Called through `../dynamic-provider.ts` by the serialized loader's `configure` with the stack config (secrets
 * decrypted); nothing is resolved yet.
 */
export function configure(config: ConfigSource): ProviderMethods {
  return bindProviderMethods(createBatchProvider(config));
}
