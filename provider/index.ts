/**
 * pulumi-async-invoke: asynchronous invocation configuration of serverless functions as Pulumi resources, on
 * Alibaba Cloud Function Compute 2.0 (`fc`), Function Compute 3.0 (`fc3`) and Huawei Cloud FunctionGraph
 * (`functiongraph`), and one policy over all three (`AsyncInvokePolicy`, `AsyncInvokePolicyBatch`).
 *
 * ```ts
 * import { AsyncInvokePolicy, fc } from "pulumi-async-invoke";
 * new fc.FunctionAsyncInvokeConfig("cfg", { serviceName: "svc", functionName: "fn", maxAsyncRetryAttempts: 0 });
 * ```
 *
 * The per-API namespaces stay written out: `export * as x from` needs a literal module path, so they cannot be
 * made from the registry (`APIS`). Everything that runs per API reads `APIS`.
 */
export * as fc from "./fc-compat";
export * as functiongraph from "./functiongraph";
export * as fc3 from "./fc3";
export * from "./policy";
export { APIS, type RegisteredApi } from "./apis";
export type { ApiDescriptor, ConnectOptions } from "./api-descriptor";
export { ApiError, NetworkError, NotFoundError, isApiError, isNetworkError, isNotFoundError } from "./shared/errors";
export { PlaintextCredentialError } from "./shared/secret-config";
export { closePools } from "./shared/http";
