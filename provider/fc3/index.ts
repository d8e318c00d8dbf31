/**
 * Alibaba Cloud Function Compute 3.0 (API 2023-03-30): `import { fc3 } from "pulumi-async-invoke"`.
 */
export { AsyncInvokeConfig, type AsyncInvokeConfigArgs } from "./resource";
export {
  createFc3Client,
  getAsyncInvokeConfig,
  getAsyncInvokeConfigOutput,
  getAsyncTask,
  getAsyncTaskOutput,
  invokeFunction,
  listAsyncInvokeConfigs,
  listAsyncInvokeConfigsOutput,
  listAsyncTasks,
  listAsyncTasksOutput,
  stopAsyncTask,
  stopAsyncTaskOutput,
  type Fc3InvokeOptions,
  type GetAsyncInvokeConfigArgs,
  type GetAsyncTaskArgs,
  type ListAsyncInvokeConfigsArgs,
  type ListAsyncInvokeConfigsResult,
  type ListAsyncTasksArgs,
  type ListAsyncTasksResult,
  type StopAsyncTaskArgs,
} from "./functions";
export { Fc3Client, type CallOptions, type Fc3ClientOptions, type InvokeRequest, type InvokeResult, type ListConfigsPage, type ListConfigsRequest, type ListTasksPage, type ListTasksRequest, type TaskRef } from "./client";
export { ConfigNotAppliedError, ExistingConfigError } from "./provider";
export {
  AsyncInvokeConfigInputSchema,
  type AsyncInvokeConfig as AsyncInvokeConfigValue,
  type AsyncInvokeConfigInput,
  type AsyncInvokeConfigOutputs,
  type AsyncTask,
  type AsyncTaskEvent,
  type AsyncTaskStatus,
  type ConfigRef,
  type DestinationConfig,
} from "./schema";
export { API_VERSION, DEFAULT_QUALIFIER, DESTINATION_FORMATS, MAX_ASYNC_EVENT_AGE_IN_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS, TASK_STATUSES } from "../../contracts/fc3";
export type { SigningCredentials } from "./signing";
export { fc3Api } from "./api";
