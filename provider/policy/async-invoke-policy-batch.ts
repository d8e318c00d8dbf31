/**
 * `fc.AsyncInvokePolicyBatch`: `fc.AsyncInvokePolicy`'s arguments, one Pulumi resource for all its targets — on
 * Function Compute 2.0, Function Compute 3.0 (`api: "fc3"`) and FunctionGraph (`api: "functiongraph"`), mixed freely.
 *
 * `AsyncInvokePolicy` makes one config resource per target, and Pulumi's engine pays per resource:
 * a checkpoint after every step, one `check` at a time, a copy of the provider in state. For hundreds of functions
 * that costs many times the API's own time. This resource owns every target's config itself and makes the calls in
 * parallel (`concurrency`, default 8), each under its API client's retry policy and time budget (`shared/batch.ts`).
 *
 * Targets are keyed as `AsyncInvokePolicy` keys them: `service:function:qualifier` (FC 2.0, unchanged from the
 * batch's first release), `fc3/function:qualifier`, `functiongraph/{URN}` or `functiongraph/{package}/{function}:{qualifier}`.
 * Each target gets the policy's settings the way `AsyncInvokePolicy` maps them for its API (FunctionGraph: retries,
 * event age and adoptExisting only; destinations from its own overrides) and is checked by that API's per-config
 * resource, against that API's ranges. Each API connects with its own settings on its first call, so a batch never
 * needs credentials for an API it has no target on.
 *
 * Kept from the per-config resources: inputs checked before any call, failures naming the target and the field
 * (`configs["shop:orders:LATEST"].maxAsyncRetryAttempts`, `configs["fc3/orders:LATEST"].maxAsyncEventAgeInSeconds`);
 * `preview --diff` and `preview --refresh` list changes and drift per target and field; no silent take-over (adopt
 * per target in `overrides`, or policy-wide); a partial failure records what the cloud holds and the next `up`
 * finishes the rest. Given up: per-config resource options (protect, ignoreChanges, dependsOn, aliases… apply to
 * the whole batch) and per-config outputs as resources.
 */
import * as pulumi from "@pulumi/pulumi";
import { CREDENTIAL_KEYS, apiOfKey, apiOfTarget } from "../apis";
import { ApiResource } from "../shared/dynamic/api-resource";
import { typeKey } from "../shared/dynamic/resource-type";
import { InvalidTargetsError, targetKey, validateTargets, type AsyncInvokePolicyArgs, type AsyncInvokePolicyTarget, type AsyncPolicySettings } from "./async-invoke-policy";
import { BATCH_TYPE } from "./batch-type";
import type { PolicySettings, PolicyTarget } from "./policy-target";

/** `fc:AsyncInvokePolicyBatch`: the type token's module and name, under which the loader finds the implementation. */
export const BATCH_RESOURCE_TYPE = typeKey(BATCH_TYPE);

export type AsyncInvokePolicyBatchArgs = AsyncInvokePolicyArgs & {
  /** API calls in flight at once: 1–16, default 8. Each call retries on its own (throttling, 5xx, resets). */
  concurrency?: pulumi.Input<number>;
};

/**
 * One target in state: the settings its API holds — FC 2.0: `destinationConfig`, `maxAsyncEventAgeInSeconds`,
 * `maxAsyncRetryAttempts`, `statefulInvocation`; FC 3.0: `asyncTask` instead of `statefulInvocation`; FunctionGraph:
 * `destinationConfig` (typed), `enableAsyncStatusLog`, `maxAsyncEventAgeInSeconds`, `maxAsyncRetryAttempts`.
 */
export type AsyncInvokePolicyBatchTarget = Record<string, unknown>;

/**
 * One async invocation policy over many functions, as one resource.
 *
 * ```ts
 * new fc.AsyncInvokePolicyBatch("fleet", {
 *   maxAsyncRetryAttempts: 2,
 *   concurrency: 8,
 *   targets: [
 *     ...functions.map((functionName) => ({ serviceName: "shop", functionName })),
 *     { api: "fc3", functionName: "invoices" },
 *     { api: "functiongraph", functionName: "reports", overrides: { destinationConfig: { onFailure: { type: "DIS", streamName: "dlq" } } } },
 *   ],
 * });
 * ```
 *
 * The type token in state is `pulumi-nodejs:dynamic/fc:AsyncInvokePolicyBatch`.
 */
export class AsyncInvokePolicyBatch extends ApiResource {
  /**
   * What the cloud holds for each managed target, by key (`service:function:qualifier`, `fc3/function:qualifier`,
   * `functiongraph/…`), every field. (State leaves out fields at their API's default; this output fills them in.)
   */
  declare readonly configs: pulumi.Output<Record<string, AsyncInvokePolicyBatchTarget>>;
  /** Targets whose first Put failed: written again by the next `up`, deleted on destroy. Absent when none. */
  declare readonly pending: pulumi.Output<string[] | undefined>;
  declare readonly concurrency: pulumi.Output<number>;
  declare readonly schemaVersion: pulumi.Output<number>;

  constructor(name: string, args: AsyncInvokePolicyBatchArgs, opts?: pulumi.CustomResourceOptions) {
    const { targets, concurrency, ...policy } = args;
    validateTargets(name, targets, { ...(policy.destinations !== undefined && { destinations: policy.destinations }) }, BATCH_TYPE.name);
    const configs: Record<string, pulumi.Input<Record<string, unknown>>> = {};
    for (const target of targets) configs[targetKey(target)] = targetSettings(policy, target);
    super(BATCH_TYPE, CREDENTIAL_KEYS, name, { schemaVersion: undefined, pending: undefined, concurrency, configs }, opts);
    const recorded = this.configs;
    Object.defineProperty(this, "configs", { value: recorded.apply(withDefaults), enumerable: true });
  }
}

/** The targets as state records them (fields at their default left out), with every field: what `configs` gives the program. */
export function withDefaults(configs: Record<string, AsyncInvokePolicyBatchTarget> | undefined): Record<string, AsyncInvokePolicyBatchTarget> {
  return Object.fromEntries(Object.entries(configs ?? {}).map(([key, recorded]) => [key, { ...defaultsOfKey(key), ...recorded }]));
}

/** A target's settings at its API's defaults, by the key's prefix (FC 2.0's keys have none). */
function defaultsOfKey(key: string): Readonly<Record<string, unknown>> {
  return apiOfKey(key).settingDefaults;
}

function targetSettings(policy: AsyncPolicySettings, target: AsyncInvokePolicyTarget): Record<string, unknown> {
  const entry = apiOfTarget(target);
  // validateTargets has refused any other api.
  if (entry === undefined) throw new InvalidTargetsError(`a target's api is unknown; got ${JSON.stringify(target.api)}`);
  return entry.targetKind.settings(policy as PolicySettings, target as PolicyTarget);
}
