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
import { APIS, apiOfTarget, type RegisteredApi } from "../apis";
import { assertDeclaredCredentialsSecret } from "../shared/secret-config";
import type { PolicyOverrides, PolicySettings, PolicyTarget, PolicyTargetKind } from "./policy-target";

export { mergeDestinations, type DestinationOverrides } from "./policy-target";

/** The component's type token in state: `fc` in it is the first release's, kept so that state reads unchanged. */
export const ASYNC_INVOKE_POLICY_TYPE = "pulumi-async-invoke:fc:AsyncInvokePolicy";

/**
 * The APIs a policy can configure, one kind each, from the API registry (`../apis.ts`). A target belongs to the
 * first kind that accepts its `api`; FC 2.0 is the default when `api` is absent.
 */
export const POLICY_TARGET_KINDS: readonly PolicyTargetKind[] = APIS.map((entry) => entry.targetKind);

/**
 * The settings a policy applies: retries, event age, destinations, the async-task switch (`statefulInvocation`
 * or `asyncTask`, one switch under FC 2.0's and FC 3.0's names) and `adoptExisting`. Each target checks them
 * against its own API's ranges: `maxAsyncEventAgeInSeconds` is 1–2592000 on FC 2.0 but 1–86400 on FC 3.0.
 */
export type AsyncPolicySettings = Omit<PolicySettings, "destinations"> & {
  /**
   * Destinations per target API, each in that API's form (`fc2` and `fc3`: `{ onSuccess?, onFailure? }` of
   * `{ destination: "acs:…" }`; `functiongraph`: `{ type: "SMN", topicUrn }` and the other typed forms). For targets
   * on an API named here it replaces `destinationConfig`; a target's `overrides.destinationConfig` applies on top.
   */
  destinations?: PolicyDestinations;
};

/** `destinations` of a policy: by API name, each in the API's own `destinationConfig` shape (its descriptor's schema). */
export type PolicyDestinations = { [E in RegisteredApi as E["api"]]?: pulumi.Input<z.input<E["destinationSchema"]>> };

/** Per-target changes to the policy; a field that is absent keeps the policy's value. */
export type AsyncPolicyOverrides = PolicyOverrides;

/**
 * One function (and qualifier) the policy applies to: an FC 2.0 target `{ serviceName, functionName, qualifier? }`
 * or an FC 3.0 target `{ api: "fc3", functionName, qualifier? }`, or a FunctionGraph target `{ api: "functiongraph",
 * functionUrn }` / `{ api: "functiongraph", functionName, qualifier?, package? }` (destinations from its own
 * `overrides.destinationConfig` only; see `functiongraph/policy-target.ts`), each with optional `overrides`. Plain strings,
 * not `pulumi.Input`s: they name the child resource, which must be known when the program runs.
 */
export type AsyncInvokePolicyTarget = z.output<ReturnType<RegisteredApi["targetKind"]["configSchema"]>>;

/** A policy's child: the config resource of its target's API. */
export type PolicyConfig = ReturnType<RegisteredApi["targetKind"]["register"]>;

/** An FC 2.0 target as `targetKey` takes it (the form without `api`). */
type DefaultTarget = Omit<Extract<AsyncInvokePolicyTarget, { serviceName: string }>, "overrides">;

export type AsyncInvokePolicyArgs = AsyncPolicySettings & {
  /** The functions to configure, on either API; each function and qualifier at most once. May be empty. */
  targets: readonly AsyncInvokePolicyTarget[];
};

function kindOf(target: { api?: string | undefined }): PolicyTargetKind | undefined {
  return apiOfTarget(target)?.targetKind;
}

const API_NAMES = APIS.map((entry) => entry.api);

/** A value known now: no output or promise at any depth (those are left to the child's own check). */
function isPlain(value: unknown): boolean {
  if (pulumi.Output.isInstance(value) || value instanceof Promise) return false;
  if (value !== null && typeof value === "object") return Object.values(value).every(isPlain);
  return true;
}

/**
 * The key of a target, also the suffix of its child's name: `service:function:qualifier` for FC 2.0 (the resource
 * id's form), `fc3/function:qualifier` for FC 3.0; the qualifier settled to `LATEST` when absent.
 */
export function targetKey(target: AsyncInvokePolicyTarget | DefaultTarget): string {
  const kind = kindOf(target);
  if (kind === undefined) throw new InvalidTargetsError(`a target's api must be one of ${POLICY_TARGET_KINDS.map((k) => k.api).join(", ")}; got ${JSON.stringify(target.api)}`);
  return kind.key(target as PolicyTarget);
}

/**
 * A target list names the same config twice, or names one that cannot exist. A `pulumi.RunError`, so Pulumi prints
 * the message alone, without the program's stack trace.
 */
export class InvalidTargetsError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidTargetsError";
  }
}

/** Each key with the positions that name it, for those named more than once; in order of first appearance. */
export function duplicateTargets(targets: readonly (AsyncInvokePolicyTarget | DefaultTarget)[]): { key: string; indexes: number[] }[] {
  const positions = new Map<string, number[]>();
  targets.forEach((target, index) => {
    if (kindOf(target) === undefined) return;
    const key = targetKey(target);
    positions.set(key, [...(positions.get(key) ?? []), index]);
  });
  return [...positions].filter(([, indexes]) => indexes.length > 1).map(([key, indexes]) => ({ key, indexes }));
}

/**
 * Checks every target before any child is registered: its API, its names, and the plain values it would get
 * against that API's ranges. A name that does not fit would otherwise reach the child's Pulumi name first.
 */
export function validateTargets(policyName: string, targets: readonly AsyncInvokePolicyTarget[], policy: AsyncPolicySettings = {}, component = "AsyncInvokePolicy"): void {
  const problems: string[] = [];
  for (const [api, value] of Object.entries(policy.destinations ?? {})) {
    const entry = APIS.find((candidate) => candidate.api === api);
    if (entry === undefined) {
      problems.push(`destinations.${api} names no API; allowed: ${API_NAMES.join(", ")}`);
    } else if (value !== undefined && isPlain(value)) {
      const result = entry.destinationSchema.safeParse(value);
      if (!result.success) for (const issue of result.error.issues) problems.push(`destinations.${[api, ...issue.path.map(String)].join(".")} ${issue.message} (${entry.title}'s form)`);
    }
  }
  targets.forEach((target, index) => {
    const kind = kindOf(target);
    if (kind === undefined) {
      problems.push(`targets[${index}].api must be one of ${POLICY_TARGET_KINDS.map((k) => k.api).join(", ")} (default ${API_NAMES[0]}); got ${JSON.stringify((target as { api?: unknown }).api)}`);
      return;
    }
    problems.push(...kind.validate(target as PolicyTarget, `targets[${index}].`, policy as PolicySettings));
  });
  for (const { key, indexes } of duplicateTargets(targets)) {
    problems.push(
      `${indexes.map((i) => `targets[${i}]`).join(" and ")} all name ${key}; list each service, function and qualifier once ` +
        "(per-function differences go in that entry's overrides)",
    );
  }
  if (problems.length > 0) throw new InvalidTargetsError(`${component} "${policyName}": ${problems.join("; ")}`);
}

/**
 * Applies one async invocation policy to a list of functions.
 *
 * ```ts
 * import { AsyncInvokePolicy } from "pulumi-async-invoke";
 * const policy = new AsyncInvokePolicy("orders", {
 *   maxAsyncRetryAttempts: 2,
 *   maxAsyncEventAgeInSeconds: 3600,
 *   destinationConfig: { onFailure: { destination: "acs:mns:cn-hangzhou:123456:/queues/orders-failed/messages" } },
 *   targets: [
 *     { serviceName: "shop", functionName: "checkout" },
 *     { serviceName: "shop", functionName: "refund", qualifier: "prod", overrides: { maxAsyncRetryAttempts: 0 } },
 *     { api: "fc3", functionName: "invoices" }, // a Function Compute 3.0 function
 *   ],
 * });
 * export const checkoutAge = policy.configs["shop:checkout:LATEST"]?.maxAsyncEventAgeInSeconds;
 * ```
 *
 * Each child is named `<name>/<service>:<function>:<qualifier>` (FC 2.0) or `<name>/fc3/<function>:<qualifier>` (FC 3.0); the options given here (provider, protect,
 * dependsOn, …) reach the children through `parent`.
 */
export class AsyncInvokePolicy extends pulumi.ComponentResource {
  /** The configs, by target key (`service:function:qualifier`, `fc3/function:qualifier`, `functiongraph/…`; see `targetKey`). */
  readonly configs: Readonly<Record<string, PolicyConfig>>;
  /** The resource ids of the configs, by target key; also the component's registered outputs. */
  readonly configIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: AsyncInvokePolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    // Before the component is registered: each child refuses a plain-text key too, but only after its parent is.
    assertDeclaredCredentialsSecret();
    super(ASYNC_INVOKE_POLICY_TYPE, name, {}, opts);
    const { targets, ...policy } = args;
    validateTargets(name, targets, policy);
    const configs: Record<string, PolicyConfig> = {};
    for (const target of targets) {
      const kind = kindOf(target) as PolicyTargetKind;
      const key = kind.key(target as PolicyTarget);
      configs[key] = kind.register(`${name}/${key}`, policy as PolicySettings, target as PolicyTarget, { parent: this }) as PolicyConfig;
    }
    this.configs = Object.freeze(configs);
    this.configIds = pulumi.output(Object.fromEntries(Object.entries(configs).map(([key, config]) => [key, config.id])));
    this.registerOutputs({ configIds: this.configIds });
  }
}

