/**
 * Alibaba Cloud Function Compute 2.0: `import { fc } from "pulumi-async-invoke"`.
 */
export { FunctionAsyncInvokeConfig, type FunctionAsyncInvokeConfigArgs, type PulumiInputs } from "./resource";
export { fc2Api } from "./api";
export {
  createFcClient,
  getFunctionAsyncInvokeConfig,
  getFunctionAsyncInvokeConfigOutput,
  getStatefulAsyncInvocation,
  getStatefulAsyncInvocationOutput,
  invokeFunction,
  listFunctionAsyncInvokeConfigs,
  listFunctionAsyncInvokeConfigsOutput,
  listStatefulAsyncInvocations,
  listStatefulAsyncInvocationsOutput,
  type FcInvokeOptions,
  type GetFunctionAsyncInvokeConfigArgs,
  type GetStatefulAsyncInvocationArgs,
  type ListFunctionAsyncInvokeConfigsArgs,
  type ListFunctionAsyncInvokeConfigsResult,
  type ListStatefulAsyncInvocationsArgs,
  type ListStatefulAsyncInvocationsResult,
} from "./functions";
export {
  FcClient,
  API_VERSION,
  type CallOptions,
  type FcClientOptions,
  type InvokeFunctionRequest,
  type InvokeFunctionResult,
  type ListAsyncInvokeConfigsPage,
  type ListAsyncInvokeConfigsRequest,
  type ListStatefulAsyncInvocationsPage,
  type ListStatefulAsyncInvocationsRequest,
  type StatefulAsyncInvocationRef,
} from "./client";
export {
  CONFIG_KEYS,
  ENV_KEYS,
  ConfigurationError,
  resolveConnection,
  type ConfigSource,
  type FcConnection,
  type SigningCredentials,
} from "../alicloud/credentials";
export { ConfigNotAppliedError, ExistingConfigError } from "../shared/dynamic/errors";
export {
  DEFAULT_QUALIFIER,
  DESTINATION_FORMATS,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  FunctionAsyncInvokeConfigInputSchema,
  destinationKind,
  type DestinationConfig,
  type FunctionAsyncInvokeConfigInput,
} from "./inputs";
export type { FunctionAsyncInvokeConfigOutputs } from "./state";
export {
  STATEFUL_INVOCATION_STATUSES,
  type StatefulAsyncInvocation,
  type StatefulAsyncInvocationEvent,
  type StatefulInvocationStatus,
} from "./tasks";
export type { AsyncInvokeConfig, AsyncInvokeConfigRef } from "./wire";
