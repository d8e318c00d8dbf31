/**
 * What `AsyncInvokePolicy` and `AsyncInvokePolicyBatch` need of each cloud API they can configure: one small
 * "target kind" per API (`provider/fc2/policy-target.ts`, `provider/fc3/policy-target.ts`, …), handed to the policy
 * through the API's descriptor (`../api-descriptor.ts`, listed in `../apis.ts`). A kind says which targets are its
 * own (by their `api` member), how to key and check them — against its own API's names and ranges —, how to read
 * them from stack config, which settings the batch records for them, and how to register the child resource. The
 * policy's settings are API-neutral; each kind maps them to its resource's arguments.
 *
 * This module is what an API implements: API folders import it, and it imports no API folder and not the registry.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

export interface DestinationInput {
  destination: pulumi.Input<string>;
}

export interface DestinationConfigInput {
  onSuccess?: pulumi.Input<DestinationInput>;
  onFailure?: pulumi.Input<DestinationInput>;
}

/**
 * The settings a policy applies, whatever the target's API. `statefulInvocation` (FC 2.0's name) and `asyncTask`
 * (FC 3.0's) are the same switch, the asynchronous-task mode: either sets it for every target, so a policy moves
 * between APIs unchanged.
 */
export interface PolicySettings {
  maxAsyncRetryAttempts?: pulumi.Input<number>;
  maxAsyncEventAgeInSeconds?: pulumi.Input<number>;
  statefulInvocation?: pulumi.Input<boolean>;
  asyncTask?: pulumi.Input<boolean>;
  /** Destinations in Function Compute's form (`acs:…` resource names), for the FC 2.0 and FC 3.0 targets. */
  destinationConfig?: pulumi.Input<DestinationConfigInput>;
  /**
   * Destinations per target API, each in that API's own form, by the target's `api` (`fc2`, `fc3`, `functiongraph`):
   * one policy can carry an FC destination and a FunctionGraph destination at once. For a target on an API named
   * here, this replaces `destinationConfig`; the target's `overrides.destinationConfig` still applies on top, side
   * by side. (`AsyncInvokePolicyArgs` types each member with its API's destination shape.)
   */
  destinations?: Readonly<Record<string, pulumi.Input<object> | undefined>>;
  adoptExisting?: pulumi.Input<boolean>;
}

/** A target's destinations merged side by side into the policy's: absent keeps, given replaces, `null` removes. */
export interface DestinationOverrides {
  onSuccess?: pulumi.Input<DestinationInput> | null;
  onFailure?: pulumi.Input<DestinationInput> | null;
}

/** Per-target changes to the policy; a field that is absent keeps the policy's value. */
export type PolicyOverrides = Omit<PolicySettings, "destinationConfig" | "destinations"> & { destinationConfig?: DestinationOverrides };

/** The settings one target ends up with: the policy, then its overrides; the task switch settled to one value. */
export interface ResolvedSettings {
  maxAsyncRetryAttempts?: pulumi.Input<number>;
  maxAsyncEventAgeInSeconds?: pulumi.Input<number>;
  asyncTask?: pulumi.Input<boolean>;
  destinationConfig?: pulumi.Input<DestinationConfigInput>;
  adoptExisting?: pulumi.Input<boolean>;
}

type Destination = { destination: string };
type Sides<D> = { onSuccess?: D; onFailure?: D };

/** The policy's destinations with a target's overrides applied side by side (see `DestinationOverrides`), in any API's form. */
export function mergeDestinations<D extends object = Destination>(base: Sides<D> | undefined, overrides: { onSuccess?: D | null; onFailure?: D | null }): Sides<D> {
  const merged: Sides<D> = {};
  for (const side of ["onSuccess", "onFailure"] as const) {
    const override = overrides[side];
    const chosen = override === undefined ? base?.[side] : override;
    if (chosen !== null && chosen !== undefined) merged[side] = chosen;
  }
  return merged;
}

/**
 * The destinations a policy gives a target on `api` before its overrides: `destinations[api]` when given, else
 * `fcForm`'s value (the FC-form `destinationConfig` for the FC APIs, nothing for an API of another form).
 */
export function policyDestinations(policy: PolicySettings, api: string, fcForm: boolean): pulumi.Input<object> | undefined {
  const own = policy.destinations?.[api];
  if (own !== undefined) return own;
  return fcForm ? policy.destinationConfig : undefined;
}

/** Policy, then overrides, for one target on `api` (a Function Compute API: `destinationConfig` applies). */
export function resolveSettings(policy: PolicySettings, overrides: PolicyOverrides = {}, api?: string): ResolvedSettings {
  const resolved: ResolvedSettings = {};
  const pick = <K extends "maxAsyncRetryAttempts" | "maxAsyncEventAgeInSeconds" | "adoptExisting">(field: K) => overrides[field] ?? policy[field];
  for (const field of ["maxAsyncRetryAttempts", "maxAsyncEventAgeInSeconds", "adoptExisting"] as const) {
    const value = pick(field);
    if (value !== undefined) Object.assign(resolved, { [field]: value });
  }
  const task = overrides.asyncTask ?? overrides.statefulInvocation ?? policy.asyncTask ?? policy.statefulInvocation;
  if (task !== undefined) resolved.asyncTask = task;
  const base = api === undefined ? policy.destinationConfig : (policyDestinations(policy, api, true) as PolicySettings["destinationConfig"]);
  const merged = withOverrides(base, overrides.destinationConfig);
  if (merged !== undefined) resolved.destinationConfig = merged as pulumi.Input<DestinationConfigInput>;
  return resolved;
}

/** `base` with `sides` merged into it side by side (`mergeDestinations`), outputs waited for; `base` itself when no sides are given. */
export function withOverrides(base: pulumi.Input<object> | undefined, sides: pulumi.Input<object> | undefined): pulumi.Input<object> | undefined {
  if (sides === undefined) return base;
  return pulumi
    .all([pulumi.output(base), pulumi.output(sides)])
    .apply(([b, given]) => mergeDestinations(b as Sides<object> | undefined, given as { onSuccess?: object | null; onFailure?: object | null }));
}

export interface Range {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/**
 * Problems with the plain (already known) numbers a target would get, against its API's ranges, and with the two
 * names of the task switch set to different plain values. Values still unknown are left to the child's `check`.
 */
export function checkSettings(where: string, settings: PolicySettings, ranges: { maxAsyncRetryAttempts: Range; maxAsyncEventAgeInSeconds: Range }, api: string): string[] {
  const problems: string[] = [];
  for (const field of ["maxAsyncRetryAttempts", "maxAsyncEventAgeInSeconds"] as const) {
    const value = settings[field];
    const range = ranges[field];
    if (typeof value === "number" && !(Number.isInteger(value) && value >= range.min && value <= range.max)) {
      problems.push(`${where}${field} must be an integer from ${range.min} to ${range.max} (default ${range.default}) on ${api}; got ${value}`);
    }
  }
  const { asyncTask, statefulInvocation } = settings;
  if (typeof asyncTask === "boolean" && typeof statefulInvocation === "boolean" && asyncTask !== statefulInvocation) {
    problems.push(`${where}asyncTask and statefulInvocation name the same switch but are set to ${asyncTask} and ${statefulInvocation}; set one of them`);
  }
  return problems;
}

/** Any policy target: each kind narrows it by `api`. */
export interface PolicyTarget {
  /** The API the function is on: `fc2` (the default when absent), `fc3`, … */
  api?: string | undefined;
  functionName: string;
  qualifier?: string | undefined;
  overrides?: PolicyOverrides | undefined;
}

export interface PolicyTargetKind {
  /** `fc2`, `fc3`, `functiongraph`: the value of a target's `api`. */
  readonly api: string;
  /** Whether a target is this kind's (by its `api` member). */
  accepts(target: { api?: string | undefined }): boolean;
  /** The target's key, unique across kinds; also the suffix of its child's name. */
  key(target: PolicyTarget): string;
  /** Problems with the target's names and the plain values it would get, each prefixed with `where` (`targets[2].`). */
  validate(target: PolicyTarget, where: string, policy: PolicySettings): string[];
  /** Registers the target's config resource. */
  register(name: string, policy: PolicySettings, target: PolicyTarget, opts: pulumi.CustomResourceOptions): pulumi.CustomResource;
  /** The config resource's arguments of the target less the fields its key names: what the batch records for it. */
  settings(policy: PolicySettings, target: PolicyTarget): Record<string, unknown>;
  /** The target as written in stack config; `overrides` is the policy config's schema of Function Compute-form overrides. */
  configSchema(overrides: z.ZodType<PolicyOverrides>): z.ZodType<object>;
  /** How one entry of this kind is written in stack config, for messages: `{api: fc3, functionName, qualifier?, overrides?}`. */
  readonly configForm: string;
}
