import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AccountRegistry } from "./accounts";
import type { ApiModule, ApiRegistry, IncomingApiRequest } from "./api";
import type { FaultInjector } from "./control/faults";
import type { RequestCounts } from "./control/request-counts";
import { CONTROL_PREFIX, handleControl } from "./control/surface";
import { ApiError, CoreError, describeUnexpected } from "./errors";
import type { HandlerEnv, HandlerResponse } from "./operation";

/**
 * One request's way through the emulator, in this order (Azurite's pipeline, each cloud's rules):
 *
 *   owning API → read body → control surface? → routing → count → faults → authentication → validation
 *   → handler → wait until the store has made the handler's writes durable → serialize
 *
 * The owning API (`ApiRegistry.owner`) words every answer: its request-id header on every response,
 * success or error, and its error catalogue for every failure. Any error that is neither an `ApiError`
 * nor a `CoreError` becomes the API's internal error and is logged with its request id (never with a
 * header, a signature or a body); a client that hangs up mid-body is no error of ours (`ClientAborted`).
 */

/** The clouds take 6 MB event payloads and ~50 MB zips (≈67 MB in base64); 100 MiB covers both. */
export const MAX_BODY_BYTES = 100 * 1024 * 1024;

export interface PipelineContext {
  readonly env: HandlerEnv;
  readonly apis: ApiRegistry;
  readonly accounts: AccountRegistry;
  readonly counts: RequestCounts;
  readonly faults: FaultInjector;
  /** Where unexpected errors are reported; stderr by default. */
  readonly log: (line: string) => void;
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

/** Answered before the body is read, so the connection closes: the unread rest must not be taken for a next request. */
function tooLarge(): CoreError {
  return new CoreError({ kind: "EntityTooLarge", maxBytes: MAX_BODY_BYTES }, { connection: "close" });
}

/**
 * The client closed the connection before its request body was complete (Node's `Error: aborted`). Nothing went
 * wrong in the emulator and nobody is left to answer, so it is not an internal error: the request ends quietly,
 * uncounted and unlogged, the same for every API and path prefix.
 */
class ClientAborted extends Error {
  constructor() {
    super("the client closed the connection before its request body was complete");
    this.name = "ClientAborted";
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (!(error instanceof CoreError) && !req.complete) throw new ClientAborted();
    throw error;
  }
  if (!req.complete) throw new ClientAborted();
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, api: ApiModule, requestId: string, response: HandlerResponse): void {
  const headers: Record<string, string | number> = { [api.requestIdHeader]: requestId, ...response.headers };
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.isBuffer(response.body) ? response.body : Buffer.from(JSON.stringify(response.body), "utf8");
  if (!Buffer.isBuffer(response.body)) headers["content-type"] = "application/json; charset=utf-8";
  headers["content-length"] = payload.length;
  res.writeHead(response.status, headers);
  res.end(payload);
}

function sendError(res: ServerResponse, api: ApiModule, requestId: string, error: ApiError, rawPath: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const rendered = api.renderError(error, requestId, rawPath);
  send(res, api, requestId, { ...rendered, headers: { ...rendered.headers, ...error.headers } });
}

/** The request's path without its query, for APIs whose error shape depends on the path prefix. */
function rawPathOf(req: IncomingMessage): string {
  return (req.url ?? "/").split("?")[0] ?? "/";
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function runApi(ctx: PipelineContext, api: ApiModule, req: IncomingMessage, res: ServerResponse, requestId: string, request: IncomingApiRequest) {
  const match = api.route(request);
  const operation = match.operation;
  ctx.counts.increment(operation.name);

  const decision = ctx.faults.decide(operation.name);
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  const retryAfter = decision.retryAfterSeconds;
  const retryHeaders: Record<string, string> = retryAfter === undefined ? {} : { "retry-after": String(retryAfter) };
  switch (decision.fault) {
    case "reset":
      // A TCP RST, as a dropped connection looks to the client: no response at all.
      req.socket.resetAndDestroy();
      return;
    case "429":
      throw new CoreError({ kind: "Throttled", detail: "fault injected by the emulator" }, retryHeaders);
    case "500":
      throw new CoreError({ kind: "InternalError" });
    case "503":
      throw new CoreError({ kind: "Unavailable", detail: "fault injected by the emulator" }, retryHeaders);
    case undefined:
      break;
  }

  const auth = api.authenticate(request, { accounts: ctx.accounts, now: ctx.env.clock.now() });
  if (!auth.ok) throw auth.error;

  const { params, qualifier, query, body } = api.validate(match, request);
  const response = await operation.handle({
    requestId,
    principal: auth.principal,
    accountId: auth.principal.accountId,
    apiVersion: match.apiVersion,
    operation: operation.name,
    params,
    qualifier,
    query,
    body,
    headers: request.headers,
    rawBody: request.body,
    env: ctx.env,
  });
  await ctx.env.store.durable();
  send(res, api, requestId, response);
}

/** The request target as a URL; one that cannot be parsed reads as `/` (no API owns it: PathNotSupported). */
function requestUrl(target: string | undefined): URL {
  try {
    return new URL(target ?? "/", "http://emulator.invalid");
  } catch {
    return new URL("http://emulator.invalid/");
  }
}

export function createRequestListener(ctx: PipelineContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = requestUrl(req.url);
    const control = url.pathname.startsWith(CONTROL_PREFIX);
    // The control surface is no API's; its answers are worded by the default one.
    const api = control ? ctx.apis.fallback : ctx.apis.owner(url.pathname);
    const requestId = api.newRequestId?.() ?? randomUUID();
    void (async () => {
      try {
        const body = await readBody(req);
        if (control) {
          const response = await handleControl(
            { region: ctx.env.region, store: ctx.env.store, accounts: ctx.accounts, counts: ctx.counts, faults: ctx.faults, operationNames: ctx.apis.operationNames, invocations: ctx.env.invocations, apis: ctx.apis.modules },
            req.method ?? "GET",
            url.pathname,
            body,
          );
          await ctx.env.store.durable();
          send(res, api, requestId, response);
          return;
        }
        const request: IncomingApiRequest = { method: req.method ?? "GET", rawPath: url.pathname, query: url.searchParams, headers: headersOf(req), body };
        await runApi(ctx, api, req, res, requestId, request);
      } catch (error) {
        if (error instanceof ClientAborted) {
          res.destroy();
          return;
        }
        if (error instanceof ApiError) {
          sendError(res, api, requestId, error, rawPathOf(req));
          return;
        }
        if (error instanceof CoreError) {
          sendError(res, api, requestId, api.error(error.problem, { ...error.headers }), rawPathOf(req));
          return;
        }
        ctx.log(`[emulator] request ${requestId} ${req.method ?? ""} ${req.url ?? ""} failed: ${describeUnexpected(error)}`);
        sendError(res, api, requestId, api.error({ kind: "InternalError" }), rawPathOf(req));
      }
    })();
  };
}
