/**
 * Read functions for FC 3.0, for programs and plain scripts: one config, all configs (following `nextToken`), async
 * tasks (get, list with filters, stop), and invoke. In a program they find endpoint and credentials as the resource
 * does (stack config, environment, default chain); a script may pass `{ endpoint, accountId, credentials }`.
 * Each has an `…Output` form taking `pulumi.Input`s.
 */
import * as pulumi from "@pulumi/pulumi";
import { fcReadSettings, type FcReadOptions } from "../alicloud/fc-read-options";
import { callOptions, collectPages } from "../shared/read-functions";
import type { PulumiInputs } from "../shared/dynamic/pulumi-inputs";
import { Fc3Client, type InvokeRequest, type InvokeResult, type ListConfigsRequest, type ListTasksRequest, type TaskRef } from "./client";
import type { AsyncInvokeConfig, AsyncTask, ConfigRef } from "./schema";

/** How to reach FC 3.0. Every member is optional; what is left out comes from the stack config, then the environment. */
export type Fc3InvokeOptions = FcReadOptions<Fc3Client>;

/** A client configured as the functions below configure theirs. */
export function createFc3Client(options: Fc3InvokeOptions = {}): Fc3Client {
  if (options.client !== undefined) return options.client;
  const { connection, transport } = fcReadSettings(options);
  return new Fc3Client({ endpoint: connection.endpoint, credentials: connection.credentials, ...transport });
}

/** The config to read: a function and a qualifier (`LATEST` when omitted). */
export type GetAsyncInvokeConfigArgs = ConfigRef;

/** The config FC 3.0 holds for one qualifier; rejects with a `NotFoundError` when there is none. */
export async function getAsyncInvokeConfig(args: GetAsyncInvokeConfigArgs, options?: Fc3InvokeOptions): Promise<AsyncInvokeConfig> {
  return createFc3Client(options).getAsyncInvokeConfig(args, callOptions(options));
}
export function getAsyncInvokeConfigOutput(args: PulumiInputs<GetAsyncInvokeConfigArgs>, options?: Fc3InvokeOptions): pulumi.Output<AsyncInvokeConfig> {
  return pulumi.output(args).apply((resolved) => getAsyncInvokeConfig(resolved, options));
}

export type ListAsyncInvokeConfigsArgs = Omit<ListConfigsRequest, "limit" | "nextToken"> & {
  /** Configs per request, 1–100. Default 100. */
  readonly pageSize?: number | undefined;
};
export interface ListAsyncInvokeConfigsResult {
  /** The function asked for, or undefined for the whole account. */
  readonly functionName: string | undefined;
  readonly configs: AsyncInvokeConfig[];
}

/** Every config of one function (or of the account), following `nextToken` to the last page. */
export async function listAsyncInvokeConfigs(args: ListAsyncInvokeConfigsArgs = {}, options?: Fc3InvokeOptions): Promise<ListAsyncInvokeConfigsResult> {
  const client = createFc3Client(options);
  const configs = await collectPages((nextToken) =>
    client
      .listAsyncInvokeConfigs({ functionName: args.functionName, limit: args.pageSize ?? 100, nextToken }, callOptions(options))
      .then((page) => ({ items: page.configs, nextToken: page.nextToken })),
  );
  return { functionName: args.functionName, configs };
}
export function listAsyncInvokeConfigsOutput(args: PulumiInputs<ListAsyncInvokeConfigsArgs>, options?: Fc3InvokeOptions): pulumi.Output<ListAsyncInvokeConfigsResult> {
  return pulumi.output(args).apply((resolved) => listAsyncInvokeConfigs(resolved as ListAsyncInvokeConfigsArgs, options));
}

/** The task to read: its function, id and optionally the qualifier it was invoked with. */
export type GetAsyncTaskArgs = TaskRef;

/** One async task: status, retries done, its events, payloads. `NotFoundError` (`AsyncTaskNotFound`) when unknown. */
export async function getAsyncTask(args: GetAsyncTaskArgs, options?: Fc3InvokeOptions): Promise<AsyncTask> {
  return createFc3Client(options).getAsyncTask(args, callOptions(options));
}
export function getAsyncTaskOutput(args: PulumiInputs<GetAsyncTaskArgs>, options?: Fc3InvokeOptions): pulumi.Output<AsyncTask> {
  return pulumi.output(args).apply((resolved) => getAsyncTask(resolved, options));
}

export type ListAsyncTasksArgs = Omit<ListTasksRequest, "limit" | "nextToken"> & {
  /** Tasks per request, 1–100. Default 100. */
  readonly pageSize?: number | undefined;
};
export interface ListAsyncTasksResult {
  readonly tasks: AsyncTask[];
}

/** Every matching task (filters: qualifier, status, prefix, started-time range, order, payload), all pages. */
export async function listAsyncTasks(args: ListAsyncTasksArgs, options?: Fc3InvokeOptions): Promise<ListAsyncTasksResult> {
  const client = createFc3Client(options);
  const { pageSize, ...filters } = args;
  const tasks = await collectPages((nextToken) =>
    client.listAsyncTasks({ ...filters, limit: pageSize ?? 100, nextToken }, callOptions(options)).then((page) => ({ items: page.tasks, nextToken: page.nextToken })),
  );
  return { tasks };
}
export function listAsyncTasksOutput(args: PulumiInputs<ListAsyncTasksArgs>, options?: Fc3InvokeOptions): pulumi.Output<ListAsyncTasksResult> {
  return pulumi.output(args).apply((resolved) => listAsyncTasks(resolved as ListAsyncTasksArgs, options));
}

export type StopAsyncTaskArgs = TaskRef;

/** Stops a running or retrying task; one that already ended stays as it is. */
export async function stopAsyncTask(args: StopAsyncTaskArgs, options?: Fc3InvokeOptions): Promise<void> {
  await createFc3Client(options).stopAsyncTask(args, callOptions(options));
}
/** The stopped task, read back after the stop. */
export function stopAsyncTaskOutput(args: PulumiInputs<StopAsyncTaskArgs>, options?: Fc3InvokeOptions): pulumi.Output<AsyncTask> {
  return pulumi.output(args).apply(async (resolved) => {
    await stopAsyncTask(resolved, options);
    return getAsyncTask(resolved, options);
  });
}

/** Invokes a function, sync (default) or async, optionally naming the async task. Never retried. */
export async function invokeFunction(args: InvokeRequest, options?: Fc3InvokeOptions): Promise<InvokeResult> {
  return createFc3Client(options).invokeFunction(args, callOptions(options));
}
