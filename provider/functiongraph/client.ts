/**
 * A small FunctionGraph v2 client for async invocation: configs (Update/Show/Delete/List), async invocations
 * (invoke, list records, cancel). Requests are signed with SDK-HMAC-SHA256 (`contracts/functiongraph/signing`) the
 * way the official SDK signs, with `X-Project-Id` (and `X-Security-Token` for STS keys) signed too. The URN travels
 * raw in the path (`:` and `!` unencoded, as the SDK sends it). GET/PUT/DELETE are retried on 408/429/5xx and
 * network failures under `shared/retry.ts`'s time budget; POST never is. Failures are `ApiError`s with FunctionGraph's
 * `error_code`, the `X-Request-Id` and the HTTP status, credential values redacted; no header is ever logged.
 */
import type { Dispatcher } from "undici";
import { ZodError } from "zod";
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
import { ApiError, NetworkError, NotFoundError, redact } from "../shared/errors";
import { poolFor, send, type HttpResponse } from "../shared/http";
import { DEFAULT_RETRY_POLICY, parseRetryAfter, withRetry, type RetryOptions, type RetryPolicy, type Sleep } from "../shared/retry";
import { fromWireConfig, type AsyncInvokeConfig } from "./schema";
import type { FgCredentials } from "./credentials";

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface FgClientOptions {
  /** Origin, e.g. `https://functiongraph.cn-north-4.myhuaweicloud.com` or an emulator's `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly projectId: string;
  readonly credentials: FgCredentials;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly dispatcher?: Dispatcher;
  readonly now?: () => number;
  readonly sleep?: Sleep;
  readonly random?: () => number;
}

export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
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
  /** After `/v2/{project_id}/fgs/functions/`. */
  readonly functionUrn: string;
  readonly action: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
}

const NON_TRANSPORT_CODES = new Set(["UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED", "UND_ERR_INVALID_RETURN_VALUE"]);

export class FunctionGraphClient {
  readonly endpoint: string;
  readonly projectId: string;
  readonly #credentials: FgCredentials;
  readonly #dispatcher: Dispatcher;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  readonly #retry: Omit<RetryOptions, "method" | "signal">;

  constructor(options: FgClientOptions) {
    this.endpoint = new URL(options.endpoint).origin;
    this.projectId = options.projectId;
    this.#credentials = options.credentials;
    this.#dispatcher = options.dispatcher ?? poolFor(this.endpoint);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#now = options.now ?? Date.now;
    this.#retry = {
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      ...(options.sleep && { sleep: options.sleep }),
      ...(options.random && { random: options.random }),
    };
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

  async #call(spec: Spec, options: CallOptions | undefined, idempotentPost = false): Promise<HttpResponse> {
    const parsed = parseUrn(spec.functionUrn);
    if (!parsed.ok) throw new TypeError(`functionUrn ${parsed.reason}`);
    const wirePath = `/v2/${encodeURIComponent(this.projectId)}/fgs/functions/${spec.functionUrn}/${spec.action}`;
    const query = Object.entries(spec.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
    const search = new URLSearchParams(query).toString();
    const path = `${wirePath}${search === "" ? "" : `?${search}`}`;
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const timeoutMs = options?.timeoutMs ?? this.#timeoutMs;
    const { accessKey, secretKey, securityToken } = this.#credentials;
    const secrets = [secretKey, securityToken];
    return withRetry(
      async () => {
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
        const response = await this.#attempt(spec.operation, spec.method, path, { ...headers, accept: "application/json" }, body, timeoutMs, options?.signal, secrets);
        if (response.status >= 200 && response.status < 300) return response;
        throw toApiError(spec.operation, response, secrets, this.#now());
      },
      { ...this.#retry, method: idempotentPost ? "PUT" : spec.method, signal: options?.signal },
    );
  }

  async #attempt(
    operation: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    timeoutMs: number,
    callerSignal: AbortSignal | undefined,
    secrets: readonly (string | undefined)[],
  ): Promise<HttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
    const signal = callerSignal === undefined ? controller.signal : AbortSignal.any([controller.signal, callerSignal]);
    try {
      return await send(this.#dispatcher, { origin: this.endpoint, method, path, headers, body: body === undefined ? undefined : Buffer.from(body), signal });
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason ?? error;
      const code = transportCode(error);
      if (code !== undefined && NON_TRANSPORT_CODES.has(code)) throw error;
      const timedOut = controller.signal.aborted;
      throw new NetworkError({
        code: timedOut ? "RequestTimeout" : (code ?? "NetworkError"),
        message: redact(timedOut ? `no response within ${timeoutMs} ms from ${this.endpoint}` : error instanceof Error ? error.message : String(error), secrets),
        operation,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  #parse<T>(operation: string, response: HttpResponse, read: (json: unknown) => T): T {
    try {
      return read(response.body.length === 0 ? {} : JSON.parse(response.body.toString("utf8")));
    } catch (error) {
      const issue = error instanceof ZodError ? error.issues[0] : undefined;
      const why = issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
      throw new ApiError({
        code: "InvalidResponse",
        message: `FunctionGraph answered with a body this client cannot read (${why})`,
        operation,
        status: response.status,
        requestId: response.headers[REQUEST_ID_HEADER],
        cause: error,
      });
    }
  }
}

export function toApiError(operation: string, response: HttpResponse, secrets: readonly (string | undefined)[], nowMs: number): ApiError {
  let code = `HTTP${response.status}`;
  let message = "";
  const text = response.body.toString("utf8");
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const nested = (body["error"] ?? {}) as Record<string, unknown>;
    const c = body["error_code"] ?? nested["code"];
    const m = body["error_msg"] ?? nested["message"];
    if (typeof c === "string" && c !== "") code = c;
    if (typeof m === "string") message = m;
  } catch {
    message = text.slice(0, 200);
  }
  const details = {
    code,
    message: redact(message || "(no message)", secrets),
    operation,
    status: response.status,
    requestId: response.headers[REQUEST_ID_HEADER],
    retryAfterMs: parseRetryAfter(response.headers["retry-after"], nowMs),
  };
  return response.status === 404 ? new NotFoundError(details) : new ApiError(details);
}

function transportCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const own = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  if (typeof cause === "string" && (own === undefined || own === "UND_ERR_SOCKET")) return cause;
  return typeof own === "string" ? own : undefined;
}

