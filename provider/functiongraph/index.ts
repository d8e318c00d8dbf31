/**
 * Huawei Cloud FunctionGraph v2: `import { functiongraph } from "pulumi-async-invoke"`.
 */
export { AsyncInvokeConfig, type AsyncInvokeConfigArgs } from "./resource";
export {
  asyncInvokeFunction,
  cancelAsyncInvocation,
  cancelAsyncInvocationOutput,
  createFunctionGraphClient,
  getAsyncInvokeConfig,
  getAsyncInvokeConfigOutput,
  listAsyncInvocations,
  listAsyncInvocationsOutput,
  listAsyncInvokeConfigs,
  listAsyncInvokeConfigsOutput,
  type AsyncInvocationRecord,
  type CancelAsyncInvocationArgs,
  type FgInvokeOptions,
  type GetAsyncInvokeConfigArgs,
  type ListAsyncInvocationsArgs,
  type ListAsyncInvocationsResult,
  type ListAsyncInvokeConfigsArgs,
  type ListAsyncInvokeConfigsResult,
} from "./functions";
export { FunctionGraphClient, type FgClientOptions, type ListInvocationsRequest } from "./client";
export { CONFIG_KEYS, ENV_KEYS, ConfigurationError, resolveConnection, type FgConnection, type FgCredentials } from "./credentials";
export { ConfigNotAppliedError, ExistingConfigError } from "./provider";
export { type AsyncInvokeConfig as AsyncInvokeConfigValue, type AsyncInvokeConfigInput, type AsyncInvokeConfigOutputs, type Destination, type DestinationConfig } from "./schema";
export { MAX_ASYNC_EVENT_AGE_IN_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS, DESTINATION_TYPES, formatUrn, parseUrn } from "../../contracts/functiongraph";
export { functionGraphApi } from "./api";
