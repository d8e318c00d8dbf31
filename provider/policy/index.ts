/**
 * The cross-API policy: `import { AsyncInvokePolicy, AsyncInvokePolicyBatch, policyFromConfig } from "pulumi-async-invoke"`.
 * Its targets are on any API of the registry (`../apis.ts`).
 */
export {
  AsyncInvokePolicy,
  InvalidTargetsError,
  POLICY_TARGET_KINDS,
  mergeDestinations,
  targetKey,
  type AsyncInvokePolicyArgs,
  type AsyncInvokePolicyTarget,
  type AsyncPolicyOverrides,
  type AsyncPolicySettings,
  type DestinationOverrides,
  type PolicyConfig,
  type PolicyDestinations,
} from "./async-invoke-policy";
export { AsyncInvokePolicyBatch, type AsyncInvokePolicyBatchArgs, type AsyncInvokePolicyBatchTarget } from "./async-invoke-policy-batch";
export { PolicyConfigError, policyFromConfig, targetsFromConfig, type AsyncPolicy, type ConfigProblem, type ConfigReader } from "./policy-config";
export type { PolicyTargetKind, PolicySettings, PolicyTarget } from "./policy-target";
