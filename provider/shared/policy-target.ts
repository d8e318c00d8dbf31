/**
 * What `fc.AsyncInvokePolicy` needs of each cloud API it can configure: one small "target kind" per API
 * (`provider/fc2/policy-target.ts`, `provider/fc3/policy-target.ts`, …). A kind says which targets are its own
 * (by their `api` member), how to key and check them — against its own API's names and ranges — and how to
 * register the child resource. The policy's settings are API-neutral; each kind maps them to its resource's
 * arguments. Adding an API to policies is one kind module and one entry in the policy's kind list.
 */
import * as pulumi from "@pulumi/pulumi";

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
  destinationConfig?: pulumi.Input<DestinationConfigInput>;
  adoptExisting?: pulumi.Input<boolean>;
}

/** A target's destinations merged side by side into the policy's: absent keeps, given replaces, `null` removes. */
export interface DestinationOverrides {
  onSuccess?: pulumi.Input<DestinationInput> | null;
  onFailure?: pulumi.Input<DestinationInput> | null;
}

/** Per-target changes to the policy; a field that is absent keeps the policy's value. */
export type PolicyOverrides = Omit<PolicySettings, "destinationConfig"> & { destinationConfig?: DestinationOverrides };

/** The settings one target ends up with: the policy, then its overrides; the task switch settled to one value. */
export interface ResolvedSettings {
  maxAsyncRetryAttempts?: pulumi.Input<number>;
  maxAsyncEventAgeInSeconds?: pulumi.Input<number>;
  asyncTask?: pulumi.Input<boolean>;
  destinationConfig?: pulumi.Input<DestinationConfigInput>;
  adoptExisting?: pulumi.Input<boolean>;
}

type Destination = { destination: string };
type ResolvedDestinations = { onSuccess?: Destination; onFailure?: Destination };

/** The policy's destinations with a target's overrides applied side by side (see `DestinationOverrides`). */
export function mergeDestinations(base: ResolvedDestinations | undefined, overrides: { onSuccess?: Destination | null; onFailure?: Destination | null }): ResolvedDestinations {
  const merged: ResolvedDestinations = {};
  for (const side of ["onSuccess", "onFailure"] as const) {
    const override = overrides[side];
    const chosen = override === undefined ? base?.[side] : override;
    if (chosen !== null && chosen !== undefined) merged[side] = chosen;
  }
  return merged;
}

/** Policy, then overrides, for one target. */
export function resolveSettings(policy: PolicySettings, overrides: PolicyOverrides = {}): ResolvedSettings {
  const resolved: ResolvedSettings = {};
  const pick = <K extends "maxAsyncRetryAttempts" | "maxAsyncEventAgeInSeconds" | "adoptExisting">(field: K) => overrides[field] ?? policy[field];
  for (const field of ["maxAsyncRetryAttempts", "maxAsyncEventAgeInSeconds", "adoptExisting"] as const) {
    const value = pick(field);
    if (value !== undefined) Object.assign(resolved, { [field]: value });
  }
  const task = overrides.asyncTask ?? overrides.statefulInvocation ?? policy.asyncTask ?? policy.statefulInvocation;
  if (task !== undefined) resolved.asyncTask = task;
  if (overrides.destinationConfig === undefined) {
    if (policy.destinationConfig !== undefined) resolved.destinationConfig = policy.destinationConfig;
  } else {
    const sides = overrides.destinationConfig;
    resolved.destinationConfig = pulumi
      .all([pulumi.output(policy.destinationConfig), pulumi.output(sides)])
      .apply(([base, given]) => mergeDestinations(base as ResolvedDestinations | undefined, given as { onSuccess?: Destination | null; onFailure?: Destination | null }));
  }
  return resolved;
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
}
