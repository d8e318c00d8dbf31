/**
 * A small FunctionGraph v2 client for async invocation: configs (Update/Show/Delete/List), async invocations
 * (invoke, list records, cancel). Requests are signed with SDK-HMAC-SHA256 (`contracts/functiongraph/signing`) the
 * way the official SDK signs, with `X-Project-Id` (and `X-Security-Token` for STS keys) signed too. The URN travels
 * raw in the path (`:` and `!` unencoded, as the SDK sends it). GET/PUT/DELETE are retried on 408/429/5xx and
 * network failures under `shared/retry.ts`'s time budget; POST never is. Failures are `ApiError`s with FunctionGraph's
 * `error_code`, the `X-Request-Id` and the HTTP status, credential values redacted; no header is ever logged.
 */
import {
  listAsyncConfigsResponse,
  listInvocationsResponse,
  parseUrn,
  REQUEST_ID_HEADER,
  signing,
  wireAsyncConfig,
  type UpdateAsyncConfigBody,
  type WireInvocation,
} from "../../contracts/functiongraph";
import { z } from "zod";
import type { ApiError } from "../shared/errors";
import type { InventoryPage } from "../shared/inventory";
import type { HttpResponse } from "../shared/http";
import { apiErrorFrom, Transport, type CallOptions, type TransportOptions } from "../shared/transport";
import { fromWireConfig, type AsyncInvokeConfig } from "./schema";
import type { FgCredentials } from "./credentials";

export { DEFAULT_TIMEOUT_MS, type CallOptions } from "../shared/transport";

/** Where and as whom to call; the timeout, retry, transport and test clocks are `TransportOptions`. */
export interface FgClientOptions extends TransportOptions {
  /** Origin, e.g. `https://functiongraph.cn-north-4.myhuaweicloud.com` or an emulator's `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly projectId: string;
  readonly credentials: FgCredentials;
  /** Wall clock in ms for the signature's `X-Sdk-Date`. Default `Date.now`. */
  readonly now?: () => number;
}

export interface ConfigPage {
  readonly configs: AsyncInvokeConfig[];
  readonly count: number;
  /** Numeric offset of the next page, as a string; undefined on the last page. */
  readonly nextMarker: string | undefined;
}

export interface ListInvocationsRequest {
  readonly functionUrn: string;
  readonly requestId?: string | undefined;
  readonly status?: "WAIT" | "RUNNING" | "SUCCESS" | "FAIL" | "DISCARD" | undefined;
  /** `YYYY-MM-DDTHH:mm:ss`, UTC. Default: the last hour. */
  readonly queryBeginTime?: string | undefined;
  readonly queryEndTime?: string | undefined;
  readonly marker?: string | undefined;
  readonly limit?: number | undefined;
}

export interface InvocationPage {
  readonly invocations: WireInvocation[];
  readonly count: number;
  readonly nextMarker: string | undefined;
}

interface Spec {
  readonly operation: string;
  readonly method: "GET" | "PUT" | "DELETE" | "POST";
  /** After `/v2/{project_id}/fgs/functions/`; absent for the project-level `functions` listing. */
  readonly functionUrn?: string;
  readonly action: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
}

export class FunctionGraphClient {
  readonly endpoint: string;
  readonly projectId: string;
  readonly #credentials: FgCredentials;
  readonly #now: () => number;
  readonly #transport: Transport;

  constructor(options: FgClientOptions) {
    this.endpoint = new URL(options.endpoint).origin;
    this.projectId = options.projectId;
    this.#credentials = options.credentials;
    this.#now = options.now ?? Date.now;
    this.#transport = new Transport(this.endpoint, options, {
      wallNow: () => this.#now(),
      toApiError,
      answeredBy: "FunctionGraph",
      requestIdHeader: REQUEST_ID_HEADER,
      describeTransportError: (error) => (error instanceof Error ? error.message : String(error)),
    });
  }

  async updateAsyncInvokeConfig(functionUrn: string, body: UpdateAsyncConfigBody, options?: CallOptions): Promise<AsyncInvokeConfig> {
    const r = await this.#call({ operation: "UpdateFunctionAsyncInvokeConfig", method: "PUT", functionUrn, action: "async-invoke-config", body }, options);
    return this.#parse("UpdateFunctionAsyncInvokeConfig", r, (j) => fromWireConfig(wireAsyncConfig.parse(j)));
  }

  /** A `NotFoundError` (FSS.0404 / FSS.1051 / FSS.1052 / FSS.1053) when there is none. */
  async showAsyncInvokeConfig(functionUrn: string, options?: CallOptions): Promise<AsyncInvokeConfig> {
    const r = await this.#call({ operation: "ShowFunctionAsyncInvokeConfig", method: "GET", functionUrn, action: "async-invoke-config" }, options);
    return this.#parse("ShowFunctionAsyncInvokeConfig", r, (j) => fromWireConfig(wireAsyncConfig.parse(j)));
  }

  async deleteAsyncInvokeConfig(functionUrn: string, options?: CallOptions): Promise<void> {
    await this.#call({ operation: "DeleteFunctionAsyncInvokeConfig", method: "DELETE", functionUrn, action: "async-invoke-config" }, options);
  }

  /** One page of every version's config (the seed's ListFunctionAsyncInvokeConfig); `limit` 1–100. */
  async listAsyncInvokeConfigs(functionUrn: string, page: { marker?: string | undefined; limit?: number | undefined }, options?: CallOptions): Promise<ConfigPage> {
    const r = await this.#call(
      {
        operation: "ListFunctionAsyncInvokeConfig",
        method: "GET",
        functionUrn,
        action: "async-invoke-configs",
        query: { marker: page.marker, limit: page.limit === undefined ? undefined : String(page.limit) },
      },
      options,
    );
    return this.#parse("ListFunctionAsyncInvokeConfig", r, (j) => {
      const body = listAsyncConfigsResponse.parse(j);
      const next = body.page_info.next_marker;
      // The last page: nothing returned, or the offset did not move forward.
      const done = body.async_invoke_configs.length === 0 || next === 0 || next >= body.count;
      return { configs: body.async_invoke_configs.map(fromWireConfig), count: body.count, nextMarker: done ? undefined : String(next) };
    });
  }

  // ---- inventory: what the project holds, read-only (`marker` a numeric offset, as for configs)

  /** One page of the project's functions (ListFunctions, `maxitems` 1–400); each `func_urn` ends in `:latest`. */
  async listFunctions(page: { marker?: string | undefined; maxItems?: number | undefined } = {}, options?: CallOptions): Promise<InventoryPage<FgFunctionItem>> {
    const r = await this.#call({ operation: "ListFunctions", method: "GET", action: "", query: { marker: page.marker, maxitems: page.maxItems === undefined ? undefined : String(page.maxItems) } }, options);
    return this.#parse("ListFunctions", r, (j) => markerPage(j, "functions", fgFunctionItem));
  }

  /** Every published version of a function, `latest` first (ListFunctionVersions), each with its timeout. */
  async listFunctionVersions(functionUrn: string, page: { marker?: string | undefined; maxItems?: number | undefined } = {}, options?: CallOptions): Promise<InventoryPage<FgFunctionItem>> {
    const r = await this.#call(
      { operation: "ListFunctionVersions", method: "GET", functionUrn, action: "versions", query: { marker: page.marker, maxitems: page.maxItems === undefined ? undefined : String(page.maxItems) } },
      options,
    );
    return this.#parse("ListFunctionVersions", r, (j) => markerPage(j, "versions", fgFunctionItem));
  }

  /** Every alias of a function (ListVersionAliases answers a bare array). */
  async listVersionAliases(functionUrn: string, options?: CallOptions): Promise<FgAliasItem[]> {
    const r = await this.#call({ operation: "ListVersionAliases", method: "GET", functionUrn, action: "aliases" }, options);
    return this.#parse("ListVersionAliases", r, (j) => z.array(fgAliasItem).parse(j));
  }

  /** Queues an event (POST …/invocations-async, 202). Never retried: a repeat would run the function twice. */
  async asyncInvoke(functionUrn: string, event: unknown, options?: CallOptions): Promise<{ requestId: string }> {
    const r = await this.#call({ operation: "AsyncInvokeFunction", method: "POST", functionUrn, action: "invocations-async", body: event ?? {} }, options);
    return this.#parse("AsyncInvokeFunction", r, (j) => ({ requestId: String((j as { request_id?: unknown }).request_id ?? "") }));
  }

  async listAsyncInvocations(request: ListInvocationsRequest, options?: CallOptions): Promise<InvocationPage> {
    const r = await this.#call(
      {
        operation: "ListAsyncInvocations",
        method: "GET",
        functionUrn: request.functionUrn,
        action: "async-invocations",
        query: {
          request_id: request.requestId,
          status: request.status,
          query_begin_time: request.queryBeginTime,
          query_end_time: request.queryEndTime,
          marker: request.marker,
          limit: request.limit === undefined ? undefined : String(request.limit),
        },
      },
      options,
    );
    return this.#parse("ListAsyncInvocations", r, (j) => {
      const body = listInvocationsResponse.parse(j);
      const next = String(body.next_marker);
      const done = body.invocations.length === 0 || next === "" || next === "0" || Number(next) >= body.count;
      return { invocations: body.invocations, count: body.count, nextMarker: done ? undefined : next };
    });
  }

  /** Stops a queued or running async invocation. POST, but repeating it is harmless: it is retried. */
  async cancelAsyncInvocation(functionUrn: string, requestId: string, type: "force" | "recursive" = "force", options?: CallOptions): Promise<void> {
    await this.#call({ operation: "CancelAsyncInvocation", method: "POST", functionUrn, action: "cancel", body: { request_id: requestId, type } }, options, true);
  }

  // ---- transport

  #call(spec: Spec, options: CallOptions | undefined, idempotentPost = false): Promise<HttpResponse> {
    if (spec.functionUrn !== undefined) {
      const parsed = parseUrn(spec.functionUrn);
      if (!parsed.ok) throw new TypeError(`functionUrn ${parsed.reason}`);
    }
    const under = spec.functionUrn === undefined ? "" : `/${spec.functionUrn}/${spec.action}`;
    const wirePath = `/v2/${encodeURIComponent(this.projectId)}/fgs/functions${under}`;
    const query = Object.entries(spec.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
    const search = new URLSearchParams(query).toString();
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const { accessKey, secretKey, securityToken } = this.#credentials;
    return this.#transport.call(
      {
        operation: spec.operation,
        method: spec.method,
        retryAs: idempotentPost ? "PUT" : spec.method,
        path: `${wirePath}${search === "" ? "" : `?${search}`}`,
        target: spec.functionUrn === undefined ? "functions" : `${spec.functionUrn}/${spec.action}`,
        body: body === undefined ? undefined : Buffer.from(body),
        sign: () => {
          const headers = signing.sign({
            method: spec.method,
            host: new URL(this.endpoint).host,
            wirePath,
            query,
            headers: {
              "content-type": "application/json",
              [signing.HEADER_PROJECT]: this.projectId,
              ...(securityToken !== undefined && { [signing.HEADER_TOKEN]: securityToken }),
            },
            body,
            accessKey,
            secretKey,
            now: this.#now(),
          });
          return { headers: { ...headers, accept: "application/json" }, secrets: [secretKey, securityToken] };
        },
      },
      options,
    );
  }

  #parse<T>(operation: string, response: HttpResponse, read: (json: unknown) => T): T {
    return this.#transport.parse(operation, response, read);
  }
}

const fgFunctionItem = z.object({ func_urn: z.string(), func_name: z.string(), package: z.string().optional(), version: z.string().optional(), timeout: z.number().optional() });
const fgAliasItem = z.object({ name: z.string(), version: z.string().optional(), alias_urn: z.string().optional() });
export type FgFunctionItem = z.output<typeof fgFunctionItem>;
export type FgAliasItem = z.output<typeof fgAliasItem>;

/** `{[key]: item[], next_marker, count}`: the last page returns nothing, or a marker that did not move forward or reached `count`. */
function markerPage<T>(json: unknown, key: string, item: z.ZodType<T>): InventoryPage<T> {
  const body = z.record(z.string(), z.unknown()).parse(json);
  const items = z.array(item).nullish().parse(body[key]) ?? [];
  const next = z.coerce.number().nullish().parse(body["next_marker"]);
  const count = z.number().nullish().parse(body["count"]);
  const done = items.length === 0 || next === undefined || next === null || next === 0 || (count !== undefined && count !== null && next >= count);
  return { items, ...(done ? {} : { nextToken: String(next) }) };
}

/** FunctionGraph's error body: `{error_code, error_msg}` or `{error: {code, message}}`; the request id as `X-Request-Id`. */
export function toApiError(operation: string, response: HttpResponse, secrets: readonly (string | undefined)[], nowMs: number): ApiError {
  return apiErrorFrom(operation, response, secrets, nowMs, response.headers[REQUEST_ID_HEADER], (body) => {
    const nested = (body["error"] ?? {}) as Record<string, unknown>;
    return { code: body["error_code"] ?? nested["code"], message: body["error_msg"] ?? nested["message"] };
  });
}
