/**
 * A small Function Compute 2.0 client for async invocation: configs, asynchronous tasks and invocations.
 *
 * Paths use the 2016-08-15 prefix with the qualifier in the path (`/services/{svc}.{qualifier}/...`), as the official
 * `@alicloud/fc2` SDK does; the qualifier is always written out, `LATEST` included, so a request names exactly one
 * config. Every request is signed (signing.ts) with credentials fetched per attempt, so refreshed STS credentials
 * are picked up. Idempotent calls (GET/PUT/DELETE) are retried on 408/429/5xx and network failures by
 * `shared/retry.ts`; POST (invoke) never is. Each attempt has its own timeout; the caller's `AbortSignal` cancels
 * the attempt and any pending backoff. Failures are `ApiError`s carrying FC's `ErrorCode`, the request id, the HTTP
 * status and the operation, with credential values redacted.
 */
import type { Dispatcher } from "undici";
import { ZodError } from "zod";
import { ApiError, NetworkError, NotFoundError, redact } from "../shared/errors";
import { poolFor, send, type HttpResponse } from "../shared/http";
import { describeProgress, type ProgressSink } from "../shared/progress";
import { DEFAULT_RETRY_POLICY, parseRetryAfter, withRetry, type RetryInfo, type RetryOptions, type RetryPolicy, type Sleep } from "../shared/retry";
import type { SigningCredentials } from "../shared/alicloud-credentials";
import { canonicalize } from "../shared/diff";
import { DEFAULT_QUALIFIER, NAME_PATTERN, QUALIFIER_PATTERN } from "../../contracts/fc2";
import { signRequest } from "./signing";
import { StatefulAsyncInvocationSchema, WireListStatefulAsyncInvocationsSchema, type StatefulAsyncInvocation } from "./tasks";
import {
  WireListAsyncInvokeConfigsSchema,
  WirePutAsyncInvokeConfigBodySchema,
  parseWireConfig,
  type AsyncInvokeConfig,
  type AsyncInvokeConfigRef,
  type PutAsyncInvokeConfigBody,
} from "./wire";

export const API_VERSION = "2016-08-15";
/** Per-attempt timeout unless a call says otherwise. */
export const DEFAULT_TIMEOUT_MS = 15_000;

export type CredentialsSource = SigningCredentials | (() => Promise<SigningCredentials>);

export interface FcClientOptions {
  /** Origin of the FC API, e.g. `https://123456.cn-hangzhou.fc.aliyuncs.com` or an emulator's `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** The Alibaba Cloud account id, sent (and signed) as `x-fc-account-id`. */
  readonly accountId: string;
  /** Static credentials, or a function asked before every attempt (it may cache and refresh). */
  readonly credentials: CredentialsSource;
  /** Per-attempt timeout in ms. Default 15000. */
  readonly timeoutMs?: number;
  /** Overrides of `DEFAULT_RETRY_POLICY`. */
  readonly retry?: Partial<RetryPolicy>;
  /** Transport; default the shared keep-alive pool for `endpoint`. Tests pass an undici `MockAgent`. */
  readonly dispatcher?: Dispatcher;
  /** Wall clock for the `Date` header. Default `new Date()`. */
  readonly now?: () => Date;
  /** For tests: the backoff sleep, the monotonic clock and the jitter source. */
  readonly sleep?: Sleep;
  readonly monotonicNow?: () => number;
  readonly random?: () => number;
  /** Told about each retry before its wait, e.g. to log it. */
  readonly onRetry?: (info: RetryInfo & { operation: string }) => void;
  /**
   * Where a call that has been retrying for the policy's `progressAfterMs` says so, one line per further retry.
   * Default: nowhere. The dynamic provider passes stderr, which Pulumi shows while the operation runs.
   */
  readonly progress?: ProgressSink;
}

/** Per-call options. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms for this call. */
  readonly timeoutMs?: number | undefined;
}

export interface ListAsyncInvokeConfigsRequest {
  readonly serviceName: string;
  readonly functionName: string;
  /** 1–100; the service's default is 20. */
  readonly limit?: number | undefined;
  readonly nextToken?: string | undefined;
}

export interface ListAsyncInvokeConfigsPage {
  readonly configs: AsyncInvokeConfig[];
  readonly nextToken?: string | undefined;
}

export interface StatefulAsyncInvocationRef extends AsyncInvokeConfigRef {
  /** The task id: the `X-Fc-Stateful-Async-Invocation-Id` given (or returned) at invocation. */
  readonly invocationId: string;
}

export interface ListStatefulAsyncInvocationsRequest extends AsyncInvokeConfigRef {
  /** 1–100; the service's default is 20. */
  readonly limit?: number | undefined;
  readonly nextToken?: string | undefined;
  /** Only tasks in this status: Enqueued, Running, Succeeded, Failed, Retrying, Stopping, Stopped, Expired, Invalid. */
  readonly status?: string | undefined;
  readonly invocationIdPrefix?: string | undefined;
  /** Only tasks started at or after this time, ms since the epoch. */
  readonly startedTimeBegin?: number | undefined;
  /** Only tasks started at or before this time, ms since the epoch (inclusive, like the emulator). */
  readonly startedTimeEnd?: number | undefined;
  /** By start time; the service's default order applies when omitted. */
  readonly sortOrderByTime?: "asc" | "desc" | undefined;
  /** Include each task's `invocationPayload`. Default false. */
  readonly includePayload?: boolean | undefined;
}

export interface ListStatefulAsyncInvocationsPage {
  readonly invocations: StatefulAsyncInvocation[];
  readonly nextToken?: string | undefined;
}

export interface InvokeFunctionRequest extends AsyncInvokeConfigRef {
  /** The event; strings are sent as UTF-8. */
  readonly payload?: string | Buffer | undefined;
  /** `Sync` (default) waits for the result; `Async` queues the event and returns 202. */
  readonly invocationType?: "Sync" | "Async" | undefined;
  /** Names the asynchronous task (letter or `_` first, then letters, digits, `_`, `-`; ≤128). A duplicate id is refused (409). */
  readonly statefulAsyncInvocationId?: string | undefined;
}

export interface InvokeFunctionResult {
  readonly status: number;
  readonly requestId: string | undefined;
  /** The task id the service assigned or echoed (`X-Fc-Stateful-Async-Invocation-Id`), when any. */
  readonly statefulAsyncInvocationId: string | undefined;
  /** Set when a synchronous invocation ended in a function error (`X-Fc-Error-Type`, e.g. `UnhandledInvocationError`). */
  readonly functionError: string | undefined;
  /** The function's response for synchronous calls; empty for asynchronous ones. */
  readonly payload: Buffer;
}

interface RequestSpec {
  readonly operation: string;
  readonly method: "GET" | "PUT" | "DELETE" | "POST";
  /** Path segments after the version prefix, unencoded. */
  readonly segments: readonly string[];
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: Buffer;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

// undici failures that are our own mistakes, not the network's: retrying cannot help.
const NON_TRANSPORT_CODES = new Set(["UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED", "UND_ERR_INVALID_RETURN_VALUE"]);

export class FcClient {
  readonly endpoint: string;
  readonly accountId: string;
  readonly #credentials: CredentialsSource;
  readonly #dispatcher: Dispatcher;
  readonly #timeoutMs: number;
  readonly #now: () => Date;
  /** What every call's `withRetry` shares: the policy and the injected clock, sleep and jitter. */
  readonly #retry: Omit<RetryOptions, "method" | "signal" | "onRetry">;
  readonly #onRetry: FcClientOptions["onRetry"];
  readonly #progress: ProgressSink | undefined;

  constructor(options: FcClientOptions) {
    const url = new URL(options.endpoint);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new TypeError(`the FC endpoint must be an http(s) URL; got protocol ${url.protocol}`);
    }
    this.endpoint = url.origin;
    this.accountId = options.accountId;
    this.#credentials = options.credentials;
    this.#dispatcher = options.dispatcher ?? poolFor(this.endpoint);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#now = options.now ?? (() => new Date());
    this.#retry = {
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      ...(options.sleep && { sleep: options.sleep }),
      ...(options.monotonicNow && { now: options.monotonicNow }),
      ...(options.random && { random: options.random }),
    };
    this.#onRetry = options.onRetry;
    this.#progress = options.progress;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Async invoke configs

  /** Creates or replaces the config of one qualifier. Members left out of `body` keep their current values on FC. */
  async putAsyncInvokeConfig(ref: AsyncInvokeConfigRef, body: PutAsyncInvokeConfigBody, options?: CallOptions): Promise<AsyncInvokeConfig> {
    const payload = WirePutAsyncInvokeConfigBodySchema.parse(body);
    const response = await this.#call(
      { operation: "PutFunctionAsyncInvokeConfig", method: "PUT", segments: configSegments(ref), body: Buffer.from(JSON.stringify(payload)) },
      options,
    );
    return this.#parse("PutFunctionAsyncInvokeConfig", response, (json) => parseWireConfig(json, withQualifier(ref)));
  }

  /** The config of one qualifier; a `NotFoundError` (`AsyncConfigNotExists`, `ServiceNotFound`, ...) when there is none. */
  async getAsyncInvokeConfig(ref: AsyncInvokeConfigRef, options?: CallOptions): Promise<AsyncInvokeConfig> {
    const response = await this.#call({ operation: "GetFunctionAsyncInvokeConfig", method: "GET", segments: configSegments(ref) }, options);
    return this.#parse("GetFunctionAsyncInvokeConfig", response, (json) => parseWireConfig(json, withQualifier(ref)));
  }

  async deleteAsyncInvokeConfig(ref: AsyncInvokeConfigRef, options?: CallOptions): Promise<void> {
    await this.#call({ operation: "DeleteFunctionAsyncInvokeConfig", method: "DELETE", segments: configSegments(ref) }, options);
  }

  /** One page of the configs of every qualifier of a function. */
  async listAsyncInvokeConfigs(request: ListAsyncInvokeConfigsRequest, options?: CallOptions): Promise<ListAsyncInvokeConfigsPage> {
    const response = await this.#call(
      {
        operation: "ListFunctionAsyncInvokeConfigs",
        method: "GET",
        segments: ["services", checkName(request.serviceName, "serviceName"), "functions", checkName(request.functionName, "functionName"), "async-invoke-configs"],
        query: { limit: request.limit, nextToken: request.nextToken },
      },
      options,
    );
    return this.#parse("ListFunctionAsyncInvokeConfigs", response, (json) => {
      const page = WireListAsyncInvokeConfigsSchema.parse(canonicalize(json));
      const names = { serviceName: request.serviceName, functionName: request.functionName };
      return {
        configs: (page.configs ?? []).map((config) => parseWireConfig(config, names)),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Asynchronous tasks

  async getStatefulAsyncInvocation(ref: StatefulAsyncInvocationRef, options?: CallOptions): Promise<StatefulAsyncInvocation> {
    const response = await this.#call(
      { operation: "GetStatefulAsyncInvocation", method: "GET", segments: [...functionSegments(ref), "stateful-async-invocations", checkName(ref.invocationId, "invocationId")] },
      options,
    );
    return this.#parse("GetStatefulAsyncInvocation", response, (json) => StatefulAsyncInvocationSchema.parse(canonicalize(json)));
  }

  /** One page of a function's asynchronous tasks for a qualifier. */
  async listStatefulAsyncInvocations(request: ListStatefulAsyncInvocationsRequest, options?: CallOptions): Promise<ListStatefulAsyncInvocationsPage> {
    const response = await this.#call(
      {
        operation: "ListStatefulAsyncInvocations",
        method: "GET",
        segments: [...functionSegments(request), "stateful-async-invocations"],
        query: {
          limit: request.limit,
          nextToken: request.nextToken,
          status: request.status,
          invocationIdPrefix: request.invocationIdPrefix,
          startedTimeBegin: request.startedTimeBegin,
          startedTimeEnd: request.startedTimeEnd,
          sortOrderByTime: request.sortOrderByTime,
          includePayload: request.includePayload,
        },
      },
      options,
    );
    return this.#parse("ListStatefulAsyncInvocations", response, (json) => {
      const page = WireListStatefulAsyncInvocationsSchema.parse(canonicalize(json));
      return { invocations: page.invocations ?? [], ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    });
  }

  /** Asks the service to stop a running or retrying task (`PUT …/stateful-async-invocations/{id}`). */
  async stopStatefulAsyncInvocation(ref: StatefulAsyncInvocationRef, options?: CallOptions): Promise<void> {
    await this.#call(
      { operation: "StopStatefulAsyncInvocation", method: "PUT", segments: [...functionSegments(ref), "stateful-async-invocations", checkName(ref.invocationId, "invocationId")] },
      options,
    );
  }

  /** Invokes a function. Never retried: a repeated POST could run the function twice. */
  async invokeFunction(request: InvokeFunctionRequest, options?: CallOptions): Promise<InvokeFunctionResult> {
    const headers: Record<string, string> = { "x-fc-invocation-type": request.invocationType ?? "Sync" };
    if (request.statefulAsyncInvocationId !== undefined) {
      headers["x-fc-stateful-async-invocation-id"] = checkName(request.statefulAsyncInvocationId, "invocationId");
    }
    const payload = request.payload === undefined ? Buffer.alloc(0) : Buffer.isBuffer(request.payload) ? request.payload : Buffer.from(request.payload, "utf8");
    const response = await this.#call(
      {
        operation: "InvokeFunction",
        method: "POST",
        segments: [...functionSegments(request), "invocations"],
        body: payload,
        contentType: "application/octet-stream",
        headers,
      },
      options,
    );
    return {
      status: response.status,
      requestId: response.headers["x-fc-request-id"],
      statefulAsyncInvocationId: response.headers["x-fc-stateful-async-invocation-id"],
      functionError: response.headers["x-fc-error-type"],
      payload: response.body,
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Transport

  async #call(spec: RequestSpec, options: CallOptions | undefined): Promise<HttpResponse> {
    const resource = `/${API_VERSION}/${spec.segments.join("/")}`;
    const path = `/${API_VERSION}/${spec.segments.map(encodeURIComponent).join("/")}${queryString(spec.query)}`;
    const timeoutMs = options?.timeoutMs ?? this.#timeoutMs;
    return withRetry(
      async () => {
        const credentials = typeof this.#credentials === "function" ? await this.#credentials() : this.#credentials;
        const secrets = [credentials.accessKeySecret, credentials.securityToken];
        const headers = signRequest({
          method: spec.method,
          resource,
          headers: { accept: "application/json", ...spec.headers },
          body: spec.body,
          contentType: spec.contentType,
          accountId: this.accountId,
          credentials,
          date: this.#now(),
        });
        const response = await this.#attempt(spec, path, headers, timeoutMs, options?.signal, secrets);
        if (response.status >= 200 && response.status < 300) return response;
        throw toApiError(spec.operation, response, secrets, this.#now().getTime());
      },
      {
        ...this.#retry,
        method: spec.method,
        signal: options?.signal,
        onRetry: (info) => this.#onRetry?.({ operation: spec.operation, ...info }),
        onProgress: (info) => this.#progress?.(describeProgress(spec.operation, spec.segments.join("/"), info)),
      },
    );
  }

  async #attempt(
    spec: RequestSpec,
    path: string,
    headers: Record<string, string>,
    timeoutMs: number,
    callerSignal: AbortSignal | undefined,
    secrets: readonly (string | undefined)[],
  ): Promise<HttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
    const signal = callerSignal === undefined ? controller.signal : AbortSignal.any([controller.signal, callerSignal]);
    try {
      return await send(this.#dispatcher, { origin: this.endpoint, method: spec.method, path, headers, body: spec.body, signal });
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason ?? error;
      const code = transportCode(error);
      if (code !== undefined && NON_TRANSPORT_CODES.has(code)) throw error;
      const timedOut = controller.signal.aborted;
      throw new NetworkError({
        code: timedOut ? "RequestTimeout" : (code ?? "NetworkError"),
        message: redact(timedOut ? `no response within ${timeoutMs} ms from ${this.endpoint}` : describeTransportError(error), secrets),
        operation: spec.operation,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  #parse<T>(operation: string, response: HttpResponse, read: (json: unknown) => T): T {
    let json: unknown;
    try {
      json = response.body.length === 0 ? {} : JSON.parse(response.body.toString("utf8"));
      return read(json);
    } catch (error) {
      throw new ApiError({
        code: "InvalidResponse",
        message: `the service answered with a body this client cannot read (${describeParseFailure(error)})`,
        operation,
        status: response.status,
        requestId: response.headers["x-fc-request-id"],
        cause: error,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

function withQualifier(ref: AsyncInvokeConfigRef): AsyncInvokeConfigRef {
  return { ...ref, qualifier: ref.qualifier ?? DEFAULT_QUALIFIER };
}

function functionSegments(ref: AsyncInvokeConfigRef): string[] {
  const qualifier = ref.qualifier ?? DEFAULT_QUALIFIER;
  if (!QUALIFIER_PATTERN.test(qualifier)) throw new TypeError(`qualifier must be LATEST, a version number or an alias name; got ${JSON.stringify(qualifier)}`);
  return ["services", `${checkName(ref.serviceName, "serviceName")}.${qualifier}`, "functions", checkName(ref.functionName, "functionName")];
}

function configSegments(ref: AsyncInvokeConfigRef): string[] {
  return [...functionSegments(ref), "async-invoke-config"];
}

// Names (service, function, task id) go into the path unescaped in the signature; refusing odd ones here gives a
// clear error instead of a 403.
function checkName(name: string, what: string): string {
  if (!NAME_PATTERN.test(name)) throw new TypeError(`${what} must start with a letter or '_' and contain only letters, digits, '_' and '-' (1-128); got ${JSON.stringify(name)}`);
  return name;
}

function queryString(query: RequestSpec["query"]): string {
  if (query === undefined) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

function toApiError(operation: string, response: HttpResponse, secrets: readonly (string | undefined)[], nowMs: number): ApiError {
  let code = `HTTP${response.status}`;
  let message = "";
  const text = response.body.toString("utf8");
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const c = body["ErrorCode"] ?? body["errorCode"] ?? body["Code"] ?? body["code"];
    const m = body["ErrorMessage"] ?? body["errorMessage"] ?? body["Message"] ?? body["message"];
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
    requestId: response.headers["x-fc-request-id"],
    retryAfterMs: parseRetryAfter(response.headers["retry-after"], nowMs),
  };
  return response.status === 404 ? new NotFoundError(details) : new ApiError(details);
}

// A ZodError's message is its issues as pretty-printed JSON, whose first line is just "["; name the first issue instead.
// Issue messages state the expected and received types, never the values, so nothing from the body is echoed.
function describeParseFailure(error: unknown): string {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return issue === undefined ? "invalid shape" : `${issue.path.length === 0 ? "body" : issue.path.join(".")}: ${issue.message}`;
  }
  return error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
}

function transportCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const own = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  // undici wraps system errors (ECONNREFUSED, ECONNRESET) as the cause of a generic failure.
  if (typeof cause === "string" && (own === undefined || own === "UND_ERR_SOCKET")) return cause;
  return typeof own === "string" ? own : undefined;
}

function describeTransportError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
