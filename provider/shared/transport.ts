/**
 * The request loop every API client (fc2, fc3, functiongraph) runs, written once: sign each attempt afresh (so
 * refreshed STS credentials are picked up), send it with its own timeout, retry what `shared/retry.ts` says may
 * succeed later, and turn every failure into an `ApiError` whose text has the credential values redacted. What is
 * particular to an API — its paths, its signature, its error body — stays in its client and comes in as callbacks.
 */
import type { Dispatcher } from "undici";
import { ZodError } from "zod";
import { ApiError, NetworkError, NotFoundError, redact } from "./errors";
import { poolFor, send, type HttpResponse } from "./http";
import { describeProgress, type ProgressSink } from "./progress";
import { DEFAULT_RETRY_POLICY, parseRetryAfter, withRetry, type RetryInfo, type RetryOptions, type RetryPolicy, type Sleep } from "./retry";

/** Per-attempt timeout unless a client or call says otherwise. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** The options every client takes besides its endpoint and credentials. */
export interface TransportOptions {
  /** Per-attempt timeout in ms. Default 15000. */
  readonly timeoutMs?: number;
  /** Overrides of `DEFAULT_RETRY_POLICY`. */
  readonly retry?: Partial<RetryPolicy>;
  /** Transport; default the shared keep-alive pool for `endpoint`. Tests pass an undici `MockAgent`. */
  readonly dispatcher?: Dispatcher;
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

/** The headers of one signed attempt, and the secret values no message may contain. */
export interface SignedAttempt {
  readonly headers: Readonly<Record<string, string>>;
  readonly secrets: readonly (string | undefined)[];
}

/** One call as the transport sees it: already addressed; signed anew before each attempt. */
export interface Exchange {
  readonly operation: string;
  readonly method: string;
  /** The method whose retry rule applies: a POST that is safe to repeat says `PUT`. Default `method`. */
  readonly retryAs?: string;
  /** Path and query, encoded. */
  readonly path: string;
  /** What progress lines name the call by, e.g. `services/shop.LATEST/functions/orders/async-invoke-config`. */
  readonly target: string;
  readonly body?: Buffer | undefined;
  readonly sign: () => SignedAttempt | Promise<SignedAttempt>;
}

/** What a client tells the transport about its service. */
export interface ServiceProfile {
  /** Wall clock in ms, for `Retry-After` dates. */
  readonly wallNow: () => number;
  /** A non-2xx response as the service's error (see `apiErrorFrom`). */
  readonly toApiError: (operation: string, response: HttpResponse, secrets: readonly (string | undefined)[], nowMs: number) => ApiError;
  /** Who answered, in "… answered with a body this client cannot read". */
  readonly answeredBy: string;
  /** The header carrying the request id. */
  readonly requestIdHeader: string;
  /** The text of a transport failure; default the error's message and its cause's. */
  readonly describeTransportError?: (error: unknown) => string;
}

// undici failures that are our own mistakes, not the network's: retrying cannot help.
const NON_TRANSPORT_CODES = new Set(["UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED", "UND_ERR_INVALID_RETURN_VALUE"]);

/** The endpoint's origin; anything but http(s) is refused (`the FC endpoint must be an http(s) URL; …`). */
export function httpEndpoint(endpoint: string, service: string): URL {
  const url = new URL(endpoint);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`the ${service} endpoint must be an http(s) URL; got protocol ${url.protocol}`);
  return url;
}

export class Transport {
  readonly origin: string;
  readonly #service: ServiceProfile;
  readonly #dispatcher: Dispatcher;
  readonly #timeoutMs: number;
  /** What every call's `withRetry` shares: the policy and the injected clock, sleep and jitter. */
  readonly #retry: Omit<RetryOptions, "method" | "signal" | "onRetry">;
  readonly #onRetry: TransportOptions["onRetry"];
  readonly #progress: ProgressSink | undefined;

  constructor(origin: string, options: TransportOptions, service: ServiceProfile) {
    this.origin = origin;
    this.#service = service;
    this.#dispatcher = options.dispatcher ?? poolFor(origin);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retry = {
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      ...(options.sleep && { sleep: options.sleep }),
      ...(options.monotonicNow && { now: options.monotonicNow }),
      ...(options.random && { random: options.random }),
    };
    this.#onRetry = options.onRetry;
    this.#progress = options.progress;
  }

  /** Sends `exchange` until it succeeds (2xx) or the retry policy gives up; the last failure is thrown. */
  async call(exchange: Exchange, options: CallOptions | undefined): Promise<HttpResponse> {
    const timeoutMs = options?.timeoutMs ?? this.#timeoutMs;
    return withRetry(
      async () => {
        const { headers, secrets } = await exchange.sign();
        const response = await this.#attempt(exchange, headers, timeoutMs, options?.signal, secrets);
        if (response.status >= 200 && response.status < 300) return response;
        throw this.#service.toApiError(exchange.operation, response, secrets, this.#service.wallNow());
      },
      {
        ...this.#retry,
        method: exchange.retryAs ?? exchange.method,
        signal: options?.signal,
        onRetry: (info) => this.#onRetry?.({ operation: exchange.operation, ...info }),
        onProgress: (info) => this.#progress?.(describeProgress(exchange.operation, exchange.target, info)),
      },
    );
  }

  /** `read` applied to the JSON body (an empty body reads as `{}`); a body it cannot read is an `InvalidResponse`. */
  parse<T>(operation: string, response: HttpResponse, read: (json: unknown) => T): T {
    try {
      const json: unknown = response.body.length === 0 ? {} : JSON.parse(response.body.toString("utf8"));
      return read(json);
    } catch (error) {
      throw new ApiError({
        code: "InvalidResponse",
        message: `${this.#service.answeredBy} answered with a body this client cannot read (${describeParseFailure(error)})`,
        operation,
        status: response.status,
        requestId: response.headers[this.#service.requestIdHeader],
        cause: error,
      });
    }
  }

  async #attempt(
    exchange: Exchange,
    headers: Readonly<Record<string, string>>,
    timeoutMs: number,
    callerSignal: AbortSignal | undefined,
    secrets: readonly (string | undefined)[],
  ): Promise<HttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
    const signal = callerSignal === undefined ? controller.signal : AbortSignal.any([controller.signal, callerSignal]);
    try {
      return await send(this.#dispatcher, { origin: this.origin, method: exchange.method, path: exchange.path, headers, body: exchange.body, signal });
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason ?? error;
      const code = transportCode(error);
      if (code !== undefined && NON_TRANSPORT_CODES.has(code)) throw error;
      const timedOut = controller.signal.aborted;
      const describe = this.#service.describeTransportError ?? describeTransportError;
      throw new NetworkError({
        code: timedOut ? "RequestTimeout" : (code ?? "NetworkError"),
        message: redact(timedOut ? `no response within ${timeoutMs} ms from ${this.origin}` : describe(error), secrets),
        operation: exchange.operation,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The members of a service's error body that say what went wrong; strings are taken, anything else ignored. */
export interface ErrorFields {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly requestId?: unknown;
}

/**
 * A non-2xx response as an `ApiError` (`NotFoundError` for 404): the code and message `fields` picks from the
 * JSON body (`HTTP<status>` and the body's first 200 characters when it is not JSON), the request id from the
 * body or else `requestId`, a `Retry-After` in ms, credential values redacted.
 */
export function apiErrorFrom(
  operation: string,
  response: HttpResponse,
  secrets: readonly (string | undefined)[],
  nowMs: number,
  requestId: string | undefined,
  fields: (body: Record<string, unknown>) => ErrorFields,
): ApiError {
  let code = `HTTP${response.status}`;
  let message = "";
  const text = response.body.toString("utf8");
  try {
    const picked = fields(JSON.parse(text) as Record<string, unknown>);
    if (typeof picked.code === "string" && picked.code !== "") code = picked.code;
    if (typeof picked.message === "string") message = picked.message;
    if (typeof picked.requestId === "string" && picked.requestId !== "") requestId = picked.requestId;
  } catch {
    message = text.slice(0, 200);
  }
  const details = {
    code,
    message: redact(message || "(no message)", secrets),
    operation,
    status: response.status,
    requestId,
    retryAfterMs: parseRetryAfter(response.headers["retry-after"], nowMs),
  };
  return response.status === 404 ? new NotFoundError(details) : new ApiError(details);
}

/** `?a=1&b=2` of the defined members, or `""`; `+` for spaces unless a client rewrites it. */
export function queryString(query: Readonly<Record<string, string | number | boolean | undefined>> | undefined): string {
  if (query === undefined) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

/** A request body of bytes: a string as UTF-8, nothing as empty. */
export function payloadBytes(payload: string | Buffer | undefined): Buffer {
  return payload === undefined ? Buffer.alloc(0) : Buffer.isBuffer(payload) ? payload : Buffer.from(payload, "utf8");
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
  if (error instanceof Error) return `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ""}`;
  return String(error);
}
