/**
 * `fc.AsyncInvokePolicy`: one asynchronous invocation policy (retries, event age, destinations, the stateful flag)
 * applied to many functions, as a component resource whose children are `FunctionAsyncInvokeConfig`s.
 *
 * Why a component and not a loop in every program: a child's Pulumi name is its identity in state. A loop that
 * names children by list position (`cfg-0`, `cfg-1`, …) makes Pulumi replace every config after a removed entry;
 * here each child is named after the config it manages (`service:function:qualifier`), so adding or removing a
 * function creates or deletes exactly that config and leaves the others untouched. Duplicates are refused before
 * anything is registered, because two children managing one config would fight over it.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { idOf } from "./config-id";
import { FunctionAsyncInvokeConfig, type FunctionAsyncInvokeConfigArgs, type PulumiInputs } from "./resource";
import {
  DEFAULT_QUALIFIER,
  FunctionNameSchema,
  QualifierSchema,
  ServiceNameSchema,
  describeValue,
  type Destination,
  type DestinationConfig,
  type DestinationSchema,
} from "./inputs";

/** The component's type token in state. */
export const ASYNC_INVOKE_POLICY_TYPE = "pulumi-async-invoke:fc:AsyncInvokePolicy";

/**
 * The settings a policy applies: every `FunctionAsyncInvokeConfig` argument except the three that name the config.
 * Ranges and defaults are the resource's: `maxAsyncRetryAttempts` 0–8 (3), `maxAsyncEventAgeInSeconds`
 * 1–2592000 (86400), `statefulInvocation` (false), `destinationConfig` (none), `adoptExisting` (false).
 */
export type AsyncPolicySettings = Omit<FunctionAsyncInvokeConfigArgs, "serviceName" | "functionName" | "qualifier">;

/** One destination, `{ destination: "<resource name>" }`, as the resource takes it. */
export type DestinationInput = PulumiInputs<z.input<typeof DestinationSchema>>;

/**
 * A target's destinations, merged into the policy's side by side: a side that is absent keeps the policy's, a side
 * given replaces it, and `null` removes it for this target.
 */
export interface DestinationOverrides {
  onSuccess?: pulumi.Input<DestinationInput> | null;
  onFailure?: pulumi.Input<DestinationInput> | null;
}

/** Per-target changes to the policy; a field that is absent keeps the policy's value. */
export type AsyncPolicyOverrides = Omit<AsyncPolicySettings, "destinationConfig"> & {
  destinationConfig?: DestinationOverrides;
};

/**
 * One function (and qualifier) the policy applies to. Plain strings, not `pulumi.Input`s: they name the child
 * resource, and a Pulumi name must be known when the program runs, also during preview.
 */
export interface AsyncInvokePolicyTarget {
  /** The FC service that holds the function: a letter or `_`, then letters, digits, `_`, `-`; 1–128 characters. */
  serviceName: string;
  /** The function to configure; same rule as `serviceName`. */
  functionName: string;
  /** `LATEST` (the default), a published version number or an alias name. */
  qualifier?: string;
  /** This target's differences from the policy. Default none: the policy applies as it is. */
  overrides?: AsyncPolicyOverrides;
}

export type AsyncInvokePolicyArgs = AsyncPolicySettings & {
  /** The functions to configure; each service, function and qualifier at most once. May be empty. */
  targets: readonly AsyncInvokePolicyTarget[];
};

/**
 * The key of a target, also the suffix of its child's name: `service:function:qualifier`, the resource id's form,
 * with the qualifier settled to `LATEST` when absent — leaving it out and writing `LATEST` name the same config.
 */
export function targetKey(target: Pick<AsyncInvokePolicyTarget, "serviceName" | "functionName" | "qualifier">): string {
  return idOf({ serviceName: target.serviceName, functionName: target.functionName, qualifier: target.qualifier ?? DEFAULT_QUALIFIER });
}

/** A target list names the same config twice, or names one that cannot exist. */
export class InvalidTargetsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidTargetsError";
  }
}

/** Each key with the positions that name it, for those named more than once; in order of first appearance. */
export function duplicateTargets(targets: readonly Pick<AsyncInvokePolicyTarget, "serviceName" | "functionName" | "qualifier">[]): {
  key: string;
  indexes: number[];
}[] {
  const positions = new Map<string, number[]>();
  targets.forEach((target, index) => {
    const key = targetKey(target);
    positions.set(key, [...(positions.get(key) ?? []), index]);
  });
  return [...positions].filter(([, indexes]) => indexes.length > 1).map(([key, indexes]) => ({ key, indexes }));
}

/**
 * Checks the names before any child is registered. The child's own `check` validates the rest, but a name that
 * does not fit FC's rules would otherwise reach the child's Pulumi name (and its URN) first.
 */
export function validateTargets(policyName: string, targets: readonly AsyncInvokePolicyTarget[]): void {
  const problems: string[] = [];
  targets.forEach((target, index) => {
    const fields: [string, z.ZodType, string | undefined][] = [
      ["serviceName", ServiceNameSchema, target.serviceName],
      ["functionName", FunctionNameSchema, target.functionName],
      ["qualifier", QualifierSchema.optional(), target.qualifier],
    ];
    for (const [field, schema, value] of fields) {
      const result = schema.safeParse(value);
      if (!result.success) problems.push(`targets[${index}].${field} ${result.error.issues[0]?.message ?? `is invalid; got ${describeValue(value)}`}`);
    }
  });
  for (const { key, indexes } of duplicateTargets(targets)) {
    problems.push(
      `${indexes.map((i) => `targets[${i}]`).join(" and ")} all name ${key}; list each service, function and qualifier once ` +
        "(per-function differences go in that entry's overrides)",
    );
  }
  if (problems.length > 0) throw new InvalidTargetsError(`AsyncInvokePolicy "${policyName}": ${problems.join("; ")}`);
}

type ResolvedOverrides = { [Side in keyof DestinationConfig]?: Destination | null };

/** The policy's destinations with a target's overrides applied side by side (see `DestinationOverrides`). */
export function mergeDestinations(base: DestinationConfig | undefined, overrides: ResolvedOverrides): DestinationConfig {
  const merged: DestinationConfig = {};
  for (const side of ["onSuccess", "onFailure"] as const) {
    const override = overrides[side];
    const chosen = override === undefined ? base?.[side] : override;
    if (chosen !== null && chosen !== undefined) merged[side] = chosen;
  }
  return merged;
}

const SCALAR_SETTINGS = ["maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts", "statefulInvocation", "adoptExisting"] as const;

/** The arguments of one target's config: the policy, then the target's overrides on top. */
export function targetArgs(policy: AsyncPolicySettings, target: AsyncInvokePolicyTarget): FunctionAsyncInvokeConfigArgs {
  const args: FunctionAsyncInvokeConfigArgs = {
    serviceName: target.serviceName,
    functionName: target.functionName,
    ...(target.qualifier !== undefined && { qualifier: target.qualifier }),
  };
  const overrides = target.overrides ?? {};
  for (const field of SCALAR_SETTINGS) {
    const value = overrides[field] ?? policy[field];
    // Assigned one by one: a spread of a union-keyed object loses the per-field types.
    if (value !== undefined) Object.assign(args, { [field]: value });
  }
  if (overrides.destinationConfig === undefined) {
    if (policy.destinationConfig !== undefined) args.destinationConfig = policy.destinationConfig;
  } else {
    const sides = overrides.destinationConfig;
    args.destinationConfig = pulumi
      .all([pulumi.output(policy.destinationConfig), pulumi.output(sides)])
      .apply(([base, resolved]) => mergeDestinations(base as DestinationConfig | undefined, resolved as ResolvedOverrides));
  }
  return args;
}

/**
 * Applies one async invocation policy to a list of functions.
 *
 * ```ts
 * import { fc } from "pulumi-async-invoke";
 * const policy = new fc.AsyncInvokePolicy("orders", {
 *   maxAsyncRetryAttempts: 2,
 *   maxAsyncEventAgeInSeconds: 3600,
 *   destinationConfig: { onFailure: { destination: "acs:mns:cn-hangzhou:123456:/queues/orders-failed/messages" } },
 *   targets: [
 *     { serviceName: "shop", functionName: "checkout" },
 *     { serviceName: "shop", functionName: "refund", qualifier: "prod", overrides: { maxAsyncRetryAttempts: 0 } },
 *   ],
 * });
 * export const checkoutAge = policy.configs["shop:checkout:LATEST"]?.maxAsyncEventAgeInSeconds;
 * ```
 *
 * Each child is named `<name>/<service>:<function>:<qualifier>`; the options given here (provider, protect,
 * dependsOn, …) reach the children through `parent`.
 */
export class AsyncInvokePolicy extends pulumi.ComponentResource {
  /** The configs, by target key (`service:function:qualifier`, see `targetKey`). */
  readonly configs: Readonly<Record<string, FunctionAsyncInvokeConfig>>;
  /** The resource ids of the configs, by target key; also the component's registered outputs. */
  readonly configIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: AsyncInvokePolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ASYNC_INVOKE_POLICY_TYPE, name, {}, opts);
    const { targets, ...policy } = args;
    validateTargets(name, targets);
    const configs: Record<string, FunctionAsyncInvokeConfig> = {};
    for (const target of targets) {
      const key = targetKey(target);
      configs[key] = new FunctionAsyncInvokeConfig(`${name}/${key}`, targetArgs(policy, target), { parent: this });
    }
    this.configs = Object.freeze(configs);
    this.configIds = pulumi.output(Object.fromEntries(Object.entries(configs).map(([key, config]) => [key, config.id])));
    this.registerOutputs({ configIds: this.configIds });
  }
}
