/**
 * The implementation behind `fc.AsyncInvokePolicyBatch`, loaded at run time by the loader Pulumi serializes into
 * its state (async-invoke-policy-batch.ts), as `provider.ts` is for the per-config resource. The batch logic is
 * `shared/batch.ts`; each API's part is its `batch-adapter.ts` (FC 2.0 here, `../fc3/`, `../functiongraph/`), and
 * `shared/batch-routing.ts` hands each target to its API by the key's prefix: `fc3/…` and `functiongraph/…`, FC 2.0's
 * `service:function:qualifier` without one. Each API connects with its own settings (`alicloud:*` for FC 2.0 and 3.0,
 * `huaweicloud:*` for FunctionGraph) on its first call, so a batch never needs the settings of an API it does not use.
 */
import { BatchProvider } from "../shared/batch";
import { routedTargetAdapter } from "../shared/batch-routing";
import { FC2_BATCH_RESOURCE, fc2TargetAdapter } from "./batch-adapter";
import { fc3BatchApi, fc3TargetAdapter } from "../fc3/batch-adapter";
import { FC3_KEY_PREFIX } from "../fc3/policy-target";
import { functionGraphBatchApi, functionGraphTargetAdapter } from "../functiongraph/batch-adapter";
import { FUNCTIONGRAPH_KEY_PREFIX } from "../functiongraph/policy-target";
import type { ConfigSource } from "../shared/config";
import { bindProviderMethods, type ProviderMethods } from "../shared/dynamic/methods";
import { explainingRefusedCredentials, lazyClient, type CreateProviderOptions } from "./provider";

export function createBatchProvider(config: ConfigSource | undefined, options: CreateProviderOptions = {}): BatchProvider {
  return new BatchProvider(
    routedTargetAdapter(
      FC2_BATCH_RESOURCE,
      {
        form: '"service:function:qualifier" (FC 2.0)',
        adapter: () => {
          const api = explainingRefusedCredentials(lazyClient(config, options));
          return fc2TargetAdapter(() => api);
        },
      },
      [
        { prefix: FC3_KEY_PREFIX, adapter: () => fc3TargetAdapter(fc3BatchApi(config, options), FC2_BATCH_RESOURCE) },
        { prefix: FUNCTIONGRAPH_KEY_PREFIX, adapter: () => functionGraphTargetAdapter(functionGraphBatchApi(config, options.env), FC2_BATCH_RESOURCE) },
      ],
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
