/**
 * `fc.AsyncInvokePolicyBatch`: `fc.AsyncInvokePolicy`'s arguments, one Pulumi resource for all its targets.
 *
 * `AsyncInvokePolicy` makes one `FunctionAsyncInvokeConfig` per target, and Pulumi's engine pays per resource:
 * a checkpoint after every step, one `check` at a time, a copy of the provider in state. For hundreds of functions
 * that costs many times the API's own time. This resource owns every target's config itself and makes the calls in
 * parallel (`concurrency`, default 8), each under the client's retry policy and time budget (`shared/batch.ts`).
 *
 * Kept from the per-config resources: inputs checked before any call, failures naming the target and the field
 * (`configs["shop:orders:LATEST"].maxAsyncRetryAttempts`); `preview --diff` and `preview --refresh` list changes and
 * drift per target and field; no silent take-over (adopt per target in `overrides`, or policy-wide); a partial
 * failure records what the cloud holds and the next `up` finishes the rest. Given up: per-config resource options
 * (protect, ignoreChanges, dependsOn, aliases… apply to the whole batch) and per-config outputs as resources.
 */
import * as pulumi from "@pulumi/pulumi";
import { thinProviderFor } from "../shared/dynamic/thin-provider";
import { InvalidTargetsError, targetKey, validateTargets, type AsyncInvokePolicyArgs } from "./async-invoke-policy";
import { FC2_API, fc2TargetArgs } from "./policy-target";
import type { PolicyTarget } from "../shared/policy-target";

/** `fc:AsyncInvokePolicyBatch`: the type token's module and name, under which the loader finds the implementation. */
export const BATCH_RESOURCE_TYPE = "fc:AsyncInvokePolicyBatch";

/** The loader Pulumi serializes into the resource's state (`__provider`); see shared/dynamic/thin-provider.ts. */
const batchLoader = thinProviderFor(BATCH_RESOURCE_TYPE);

export type AsyncInvokePolicyBatchArgs = AsyncInvokePolicyArgs & {
  /** API calls in flight at once: 1–16, default 8. Each call retries on its own (throttling, 5xx, resets). */
  concurrency?: pulumi.Input<number>;
};

/** One target in state: the settings FC holds (`destinationConfig`, `maxAsyncEventAgeInSeconds`, `maxAsyncRetryAttempts`, `statefulInvocation`). */
export type AsyncInvokePolicyBatchTarget = Record<string, unknown>;

/**
 * One async invocation policy over many functions, as one resource.
 *
 * ```ts
 * new fc.AsyncInvokePolicyBatch("fleet", {
 *   maxAsyncRetryAttempts: 2,
 *   concurrency: 8,
 *   targets: functions.map((functionName) => ({ serviceName: "shop", functionName })),
 * });
 * ```
 *
 * The type token in state is `pulumi-nodejs:dynamic/fc:AsyncInvokePolicyBatch`.
 */
export class AsyncInvokePolicyBatch extends pulumi.dynamic.Resource {
  /** What FC holds for each managed target, by key `service:function:qualifier`. */
  declare readonly configs: pulumi.Output<Record<string, AsyncInvokePolicyBatchTarget>>;
  /** Targets whose first Put failed: written again by the next `up`, deleted on destroy. Absent when none. */
  declare readonly pending: pulumi.Output<string[] | undefined>;
  declare readonly concurrency: pulumi.Output<number>;
  declare readonly schemaVersion: pulumi.Output<number>;

  constructor(name: string, args: AsyncInvokePolicyBatchArgs, opts?: pulumi.CustomResourceOptions) {
    const { targets, concurrency, ...policy } = args;
    try {
      validateTargets(name, targets);
    } catch (error) {
      if (error instanceof InvalidTargetsError) throw new InvalidTargetsError(error.message.replace(/^AsyncInvokePolicy /, "AsyncInvokePolicyBatch "));
      throw error;
    }
    // The batch's adapter applies FC 2.0 configs only; other APIs' targets go through fc.AsyncInvokePolicy.
    const foreign = targets.findIndex((target) => target.api !== undefined && target.api !== FC2_API);
    if (foreign >= 0) {
      throw new InvalidTargetsError(
        `AsyncInvokePolicyBatch ${name}: targets[${foreign}].api must be fc2 (the default): the batch applies FC 2.0 configs; use fc.AsyncInvokePolicy for other APIs' targets; got ${JSON.stringify(targets[foreign]?.api)}`,
      );
    }
    const configs: Record<string, pulumi.Input<Record<string, unknown>>> = {};
    for (const target of targets) {
      const { serviceName: _s, functionName: _f, qualifier: _q, ...settings } = fc2TargetArgs(policy, target as PolicyTarget);
      configs[targetKey(target)] = settings as Record<string, unknown>;
    }
    super(batchLoader, name, { schemaVersion: undefined, pending: undefined, concurrency, configs }, opts, "fc", "AsyncInvokePolicyBatch");
  }
}
