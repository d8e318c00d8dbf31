/**
 * Functions for programs and plain scripts: read async invoke configs and asynchronous tasks, invoke a function.
 *
 * In a Pulumi program they find endpoint and credentials the way the resource does — stack config
 * (`alicloud:*`, `pulumi-async-invoke:fcEndpoint`), then the environment, then Alibaba's default credential chain.
 * A plain script passes `{ endpoint, accountId, credentials }` explicitly (for example what the emulator's `start()`
 * returns), or relies on the environment. The list functions follow `nextToken` to the last page.
 *
 * Each function returns a Promise; the `…Output` variants take `pulumi.Input`s and return a `pulumi.Output`, for
 * wiring into resources.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  FcClient,
  type InvokeFunctionRequest,
  type InvokeFunctionResult,
  type ListAsyncInvokeConfigsRequest,
  type ListStatefulAsyncInvocationsRequest,
  type StatefulAsyncInvocationRef,
} from "./client";
import { stderrSink } from "../shared/progress";
import { fcReadSettings, type FcReadOptions } from "../alicloud/fc-read-options";
import { callOptions, collectPages } from "../shared/read-functions";
import type { PulumiInputs } from "../shared/dynamic/pulumi-inputs";
import type { StatefulAsyncInvocation } from "./tasks";
import type { AsyncInvokeConfig, AsyncInvokeConfigRef } from "./wire";

export { MAX_PAGES, collectPages } from "../shared/read-functions";

/** How to reach FC. Every member is optional; what is left out comes from the stack config, then the environment. */
export type FcInvokeOptions = FcReadOptions<FcClient>;

/**
 * A client configured like the functions below configure theirs: explicit options, then stack config, then
 * environment, then the default credential chain.
 */
export function createFcClient(options: FcInvokeOptions = {}): FcClient {
  if (options.client !== undefined) return options.client;
  const { connection, transport } = fcReadSettings(options);
  return new FcClient({ endpoint: connection.endpoint, accountId: connection.accountId, credentials: connection.credentials, ...transport, progress: stderrSink });
}

// ---------------------------------------------------------------------------------------------------------------
// Async invoke configs

/** The config to read: service, function and qualifier (`LATEST` when omitted). */
export type GetFunctionAsyncInvokeConfigArgs = AsyncInvokeConfigRef;

/** The config FC holds for one qualifier. Rejects with a `NotFoundError` (`isNotFoundError`) when there is none. */
export async function getFunctionAsyncInvokeConfig(args: GetFunctionAsyncInvokeConfigArgs, options?: FcInvokeOptions): Promise<AsyncInvokeConfig> {
  return createFcClient(options).getAsyncInvokeConfig(args, callOptions(options));
}

export function getFunctionAsyncInvokeConfigOutput(
  args: PulumiInputs<GetFunctionAsyncInvokeConfigArgs>,
  options?: FcInvokeOptions,
): pulumi.Output<AsyncInvokeConfig> {
  return pulumi.output(args).apply((resolved) => getFunctionAsyncInvokeConfig(resolved, options));
}

/** The client's request, less the paging this function does itself. */
export type ListFunctionAsyncInvokeConfigsArgs = Omit<ListAsyncInvokeConfigsRequest, "limit" | "nextToken"> & {
  /** Configs per request, 1–100. Default 100 (fewest round trips). */
  readonly pageSize?: number | undefined;
};

export interface ListFunctionAsyncInvokeConfigsResult {
  readonly serviceName: string;
  readonly functionName: string;
  /** The configs of every qualifier of the function, in the order FC lists them. */
  readonly configs: AsyncInvokeConfig[];
}

/** Every qualifier's config of one function, following `nextToken` to the last page. */
export async function listFunctionAsyncInvokeConfigs(
  args: ListFunctionAsyncInvokeConfigsArgs,
  options?: FcInvokeOptions,
): Promise<ListFunctionAsyncInvokeConfigsResult> {
  const client = createFcClient(options);
  const configs = await collectPages((nextToken) =>
    client
      .listAsyncInvokeConfigs({ serviceName: args.serviceName, functionName: args.functionName, limit: args.pageSize ?? 100, nextToken }, callOptions(options))
      .then((page) => ({ items: page.configs, nextToken: page.nextToken })),
  );
  return { serviceName: args.serviceName, functionName: args.functionName, configs };
}

export function listFunctionAsyncInvokeConfigsOutput(
  args: PulumiInputs<ListFunctionAsyncInvokeConfigsArgs>,
  options?: FcInvokeOptions,
): pulumi.Output<ListFunctionAsyncInvokeConfigsResult> {
  return pulumi.output(args).apply((resolved) => listFunctionAsyncInvokeConfigs(resolved, options));
}

// ---------------------------------------------------------------------------------------------------------------
// Asynchronous tasks

/** The task to read: its function, qualifier (`LATEST` when omitted) and id. */
export type GetStatefulAsyncInvocationArgs = StatefulAsyncInvocationRef;

/** One asynchronous task: status, retries done, the events timeline, payloads. `NotFoundError` when unknown. */
export async function getStatefulAsyncInvocation(args: GetStatefulAsyncInvocationArgs, options?: FcInvokeOptions): Promise<StatefulAsyncInvocation> {
  return createFcClient(options).getStatefulAsyncInvocation(args, callOptions(options));
}

export function getStatefulAsyncInvocationOutput(
  args: PulumiInputs<GetStatefulAsyncInvocationArgs>,
  options?: FcInvokeOptions,
): pulumi.Output<StatefulAsyncInvocation> {
  return pulumi.output(args).apply((resolved) => getStatefulAsyncInvocation(resolved, options));
}

/** The client's request, less the paging this function does itself. */
export type ListStatefulAsyncInvocationsArgs = Omit<ListStatefulAsyncInvocationsRequest, "limit" | "nextToken"> & {
  /** Tasks per request, 1–100. Default 100. */
  readonly pageSize?: number | undefined;
};

export interface ListStatefulAsyncInvocationsResult {
  readonly invocations: StatefulAsyncInvocation[];
}

/** Every matching asynchronous task, following `nextToken` to the last page. */
export async function listStatefulAsyncInvocations(
  args: ListStatefulAsyncInvocationsArgs,
  options?: FcInvokeOptions,
): Promise<ListStatefulAsyncInvocationsResult> {
  const client = createFcClient(options);
  const { pageSize, ...filters } = args;
  const invocations = await collectPages((nextToken) =>
    client
      .listStatefulAsyncInvocations({ ...filters, limit: pageSize ?? 100, nextToken }, callOptions(options))
      .then((page) => ({ items: page.invocations, nextToken: page.nextToken })),
  );
  return { invocations };
}

export function listStatefulAsyncInvocationsOutput(
  args: PulumiInputs<ListStatefulAsyncInvocationsArgs>,
  options?: FcInvokeOptions,
): pulumi.Output<ListStatefulAsyncInvocationsResult> {
  return pulumi.output(args).apply((resolved) => listStatefulAsyncInvocations(resolved, options));
}

/** Invokes a function, synchronously (default) or asynchronously, optionally naming the asynchronous task. Never retried. */
export async function invokeFunction(args: InvokeFunctionRequest, options?: FcInvokeOptions): Promise<InvokeFunctionResult> {
  return createFcClient(options).invokeFunction(args, callOptions(options));
}
