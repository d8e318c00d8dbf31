/**
 * The implementation behind `AsyncInvokePolicyBatch`, loaded at run time by the loader Pulumi serializes into its
 * state (async-invoke-policy-batch.ts), as each API's `provider.ts` is for its per-config resource. The batch logic
 * is `batch.ts`; each API's part is the adapter its descriptor makes (`../apis.ts`), and `batch-routing.ts` hands
 * each target to its API by the key's prefix (`fc3/…`, `functiongraph/…`; FC 2.0's `service:function:qualifier`
 * has none). Each API connects with its own settings (`alicloud:*`, `huaweicloud:*`) on its first call, so a batch
 * never needs the settings of an API it does not use.
 */
import type { ConnectOptions } from "../api-descriptor";
import { APIS, DEFAULT_API } from "../apis";
import type { ConfigSource } from "../shared/config";
import { bindProviderMethods, type ProviderMethods } from "../shared/dynamic/methods";
import { BatchProvider } from "./batch";
import { routedTargetAdapter } from "./batch-routing";
import { BATCH_TYPE } from "./batch-type";

/** How the batch names itself in messages: its resource class. */
export const BATCH_RESOURCE_NAME = BATCH_TYPE.name;

export function createBatchProvider(config: ConfigSource | undefined, options: ConnectOptions = {}): BatchProvider {
  return new BatchProvider(
    routedTargetAdapter(
      BATCH_RESOURCE_NAME,
      { form: DEFAULT_API.keyForm, adapter: () => DEFAULT_API.batchAdapter(config, BATCH_RESOURCE_NAME, options) },
      APIS.filter((entry) => entry !== DEFAULT_API).map((entry) => ({ prefix: entry.keyPrefix, adapter: () => entry.batchAdapter(config, BATCH_RESOURCE_NAME, options) })),
    ),
  );
}

/**
 * Called through `../dynamic-provider.ts` by the serialized loader's `configure` with the stack config (secrets
 * decrypted); nothing is resolved yet.
 */
export function configure(config: ConfigSource): ProviderMethods {
  return bindProviderMethods(createBatchProvider(config));
}
