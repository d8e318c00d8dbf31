/**
 * pulumi-async-invoke: asynchronous invocation configuration of serverless functions as Pulumi resources.
 *
 * ```ts
 * import { fc } from "pulumi-async-invoke";
 * new fc.FunctionAsyncInvokeConfig("cfg", { serviceName: "svc", functionName: "fn", maxAsyncRetryAttempts: 0 });
 * ```
 */
export * as fc from "./fc2";
export * as functiongraph from "./functiongraph";
export * as fc3 from "./fc3";
export { ApiError, NetworkError, NotFoundError, isApiError, isNetworkError, isNotFoundError } from "./shared/errors";
export { closePools } from "./shared/http";
