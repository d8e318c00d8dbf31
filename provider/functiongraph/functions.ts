/**
 * Read functions for programs and scripts: every version's config of a function (the seed's
 * ListFunctionAsyncInvokeConfig, `marker`/`limit` followed to the end), one config, the async invocation records
 * (status and time window, paged to the end), and cancel. Each has an `…Output` form taking `pulumi.Input`s.
 * Connection: explicit options, then stack config (`huaweicloud:*`), then `HW_*`, then `HUAWEICLOUD_SDK_*`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { WireInvocation } from "../../contracts/functiongraph";
import { FunctionGraphClient, type ListInvocationsRequest } from "./client";
import { CONFIG_KEYS, resolveConnection, type Environment, type FgCredentials } from "./credentials";
import { callOptions, collectPages, explicitFirst } from "../shared/read-functions";
import type { PulumiInputs } from "../shared/dynamic/pulumi-inputs";
import type { AsyncInvokeConfig } from "./schema";

export interface FgInvokeOptions {
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
  readonly projectId?: string | undefined;
  readonly credentials?: FgCredentials | undefined;
  readonly client?: FunctionGraphClient | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  readonly env?: Environment | undefined;
}

export function createFunctionGraphClient(options: FgInvokeOptions = {}): FunctionGraphClient {
  if (options.client !== undefined) return options.client;
  const explicit: Record<string, string | undefined> = {
    [CONFIG_KEYS.endpoint]: options.endpoint,
    [CONFIG_KEYS.region]: options.region,
    [CONFIG_KEYS.projectId]: options.projectId,
    [CONFIG_KEYS.accessKey]: options.credentials?.accessKey,
    [CONFIG_KEYS.secretKey]: options.credentials?.secretKey,
    [CONFIG_KEYS.securityToken]: options.credentials?.securityToken,
  };
  const keys = [CONFIG_KEYS.accessKey, CONFIG_KEYS.secretKey, CONFIG_KEYS.securityToken];
  const c = resolveConnection({ config: explicitFirst(explicit, keys, options.credentials !== undefined), env: options.env });
  return new FunctionGraphClient({
    endpoint: c.endpoint,
    projectId: c.projectId,
    credentials: c.credentials,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
}

const call = callOptions;
export { MAX_PAGES } from "../shared/read-functions";

/** Every item of a listing, following `marker` to the last page. */
function collect<T>(fetch: (marker: string | undefined) => Promise<{ items: T[]; next: string | undefined }>): Promise<T[]> {
  return collectPages(
    (marker) => fetch(marker).then((page) => ({ items: page.items, nextToken: page.next })),
    (marker) => `FunctionGraph returned the marker ${JSON.stringify(marker)} twice; stopping to avoid a loop`,
  );
}

// ---- configs

export interface GetAsyncInvokeConfigArgs {
  /** Full URN of the version or alias (`…:latest`, `…:1`, `…:!prod`). */
  readonly functionUrn: string;
}

/** One config; rejects with a `NotFoundError` (`isNotFoundError`) when there is none. */
export async function getAsyncInvokeConfig(args: GetAsyncInvokeConfigArgs, options?: FgInvokeOptions): Promise<AsyncInvokeConfig> {
  return createFunctionGraphClient(options).showAsyncInvokeConfig(args.functionUrn, call(options));
}
export function getAsyncInvokeConfigOutput(args: PulumiInputs<GetAsyncInvokeConfigArgs>, options?: FgInvokeOptions): pulumi.Output<AsyncInvokeConfig> {
  return pulumi.output(args).apply((a) => getAsyncInvokeConfig(a, options));
}

export interface ListAsyncInvokeConfigsArgs {
  /** URN of the function (any qualifier; the list covers every version and alias). */
  readonly functionUrn: string;
  /** Configs per request, 1–100; default 100. */
  readonly pageSize?: number | undefined;
}
export interface ListAsyncInvokeConfigsResult {
  readonly functionUrn: string;
  readonly configs: AsyncInvokeConfig[];
}

/** Every version's and alias's config of a function, following `marker` to the last page. */
export async function listAsyncInvokeConfigs(args: ListAsyncInvokeConfigsArgs, options?: FgInvokeOptions): Promise<ListAsyncInvokeConfigsResult> {
  const client = createFunctionGraphClient(options);
  const configs = await collect((marker) =>
    client.listAsyncInvokeConfigs(args.functionUrn, { marker: marker ?? "0", limit: args.pageSize ?? 100 }, call(options)).then((p) => ({ items: p.configs, next: p.nextMarker })),
  );
  return { functionUrn: args.functionUrn, configs };
}
export function listAsyncInvokeConfigsOutput(args: PulumiInputs<ListAsyncInvokeConfigsArgs>, options?: FgInvokeOptions): pulumi.Output<ListAsyncInvokeConfigsResult> {
  return pulumi.output(args).apply((a) => listAsyncInvokeConfigs(a, options));
}

// ---- async invocation records

export type ListAsyncInvocationsArgs = Omit<ListInvocationsRequest, "marker" | "limit"> & {
  /** Records per request, 1–500; default 100. */
  readonly pageSize?: number | undefined;
};
export interface AsyncInvocationRecord {
  readonly requestId: string;
  readonly status: WireInvocation["status"];
  readonly errorMessage: string;
  readonly errorCode: number;
  /** `YYYY-MM-DDTHH:mm:ss`, UTC, as FunctionGraph writes it. */
  readonly startTime: string;
  readonly endTime: string;
}
export interface ListAsyncInvocationsResult {
  readonly invocations: AsyncInvocationRecord[];
}

/** Async invocation records of a function version/alias, by status and time window (default: the last hour). */
export async function listAsyncInvocations(args: ListAsyncInvocationsArgs, options?: FgInvokeOptions): Promise<ListAsyncInvocationsResult> {
  const client = createFunctionGraphClient(options);
  const { pageSize, ...filters } = args;
  const records = await collect((marker) =>
    client.listAsyncInvocations({ ...filters, marker, limit: pageSize ?? 100 }, call(options)).then((p) => ({ items: p.invocations, next: p.nextMarker })),
  );
  return {
    invocations: records.map((r) => ({
      requestId: r.request_id,
      status: r.status,
      errorMessage: r.error_message,
      errorCode: r.error_code,
      startTime: r.start_time,
      endTime: r.end_time,
    })),
  };
}
export function listAsyncInvocationsOutput(args: PulumiInputs<ListAsyncInvocationsArgs>, options?: FgInvokeOptions): pulumi.Output<ListAsyncInvocationsResult> {
  return pulumi.output(args).apply((a) => listAsyncInvocations(a as ListAsyncInvocationsArgs, options));
}

export interface CancelAsyncInvocationArgs {
  readonly functionUrn: string;
  readonly requestId: string;
  /** `force` (default) or `recursive`. */
  readonly type?: "force" | "recursive" | undefined;
}

/** Cancels a queued or running async invocation; it ends as DISCARD. */
export async function cancelAsyncInvocation(args: CancelAsyncInvocationArgs, options?: FgInvokeOptions): Promise<{ requestId: string }> {
  await createFunctionGraphClient(options).cancelAsyncInvocation(args.functionUrn, args.requestId, args.type ?? "force", call(options));
  return { requestId: args.requestId };
}
export function cancelAsyncInvocationOutput(args: PulumiInputs<CancelAsyncInvocationArgs>, options?: FgInvokeOptions): pulumi.Output<{ requestId: string }> {
  return pulumi.output(args).apply((a) => cancelAsyncInvocation(a as CancelAsyncInvocationArgs, options));
}

/** Queues an event for a function (POST …/invocations-async). Never retried. */
export async function asyncInvokeFunction(args: { functionUrn: string; event?: unknown }, options?: FgInvokeOptions): Promise<{ requestId: string }> {
  return createFunctionGraphClient(options).asyncInvoke(args.functionUrn, args.event, call(options));
}
