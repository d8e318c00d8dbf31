/**
 * The `fc` namespace of the package root: Function Compute 2.0 (`./fc2`), plus the policy's names as the first
 * releases exported them (`fc.AsyncInvokePolicy`, …). Those live in `./policy` now and are exported from the package
 * root; the aliases here keep existing programs compiling. Type tokens are unchanged, so state reads as before.
 */
import * as policy from "./policy";

export * from "./fc2";

/** @deprecated Import `AsyncInvokePolicy` from the package root: `import { AsyncInvokePolicy } from "pulumi-async-invoke"`. */
export const AsyncInvokePolicy = policy.AsyncInvokePolicy;
/** @deprecated Import `AsyncInvokePolicy` from the package root. */
export type AsyncInvokePolicy = policy.AsyncInvokePolicy;
/** @deprecated Import `AsyncInvokePolicyBatch` from the package root. */
export const AsyncInvokePolicyBatch = policy.AsyncInvokePolicyBatch;
/** @deprecated Import `AsyncInvokePolicyBatch` from the package root. */
export type AsyncInvokePolicyBatch = policy.AsyncInvokePolicyBatch;
/** @deprecated Import `InvalidTargetsError` from the package root. */
export const InvalidTargetsError = policy.InvalidTargetsError;
/** @deprecated Import `InvalidTargetsError` from the package root. */
export type InvalidTargetsError = policy.InvalidTargetsError;
/** @deprecated Import `PolicyConfigError` from the package root. */
export const PolicyConfigError = policy.PolicyConfigError;
/** @deprecated Import `PolicyConfigError` from the package root. */
export type PolicyConfigError = policy.PolicyConfigError;
/** @deprecated Import `policyFromConfig` from the package root. */
export const policyFromConfig = policy.policyFromConfig;
/** @deprecated Import `targetsFromConfig` from the package root. */
export const targetsFromConfig = policy.targetsFromConfig;
/** @deprecated Import `targetKey` from the package root. */
export const targetKey = policy.targetKey;
/** @deprecated Import `AsyncInvokePolicyArgs` from the package root. */
export type AsyncInvokePolicyArgs = policy.AsyncInvokePolicyArgs;
/** @deprecated Import `AsyncInvokePolicyTarget` from the package root. */
export type AsyncInvokePolicyTarget = policy.AsyncInvokePolicyTarget;
/** @deprecated Import `AsyncPolicyOverrides` from the package root. */
export type AsyncPolicyOverrides = policy.AsyncPolicyOverrides;
/** @deprecated Import `AsyncPolicySettings` from the package root. */
export type AsyncPolicySettings = policy.AsyncPolicySettings;
/** @deprecated Import `DestinationOverrides` from the package root. */
export type DestinationOverrides = policy.DestinationOverrides;
/** @deprecated Import `AsyncInvokePolicyBatchArgs` from the package root. */
export type AsyncInvokePolicyBatchArgs = policy.AsyncInvokePolicyBatchArgs;
/** @deprecated Import `AsyncInvokePolicyBatchTarget` from the package root. */
export type AsyncInvokePolicyBatchTarget = policy.AsyncInvokePolicyBatchTarget;
/** @deprecated Import `AsyncPolicy` from the package root. */
export type AsyncPolicy = policy.AsyncPolicy;
/** @deprecated Import `ConfigProblem` from the package root. */
export type ConfigProblem = policy.ConfigProblem;
/** @deprecated Import `ConfigReader` from the package root. */
export type ConfigReader = policy.ConfigReader;
