import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate, type AccountRegistry } from "../fc2/auth";
import type { FaultInjector } from "./control/faults";
import type { InventorySource } from "./control/inventory";
import type { RequestCounts } from "./control/request-counts";
import { CONTROL_PREFIX, handleControl } from "./control/surface";
import { FcError, describeUnexpected, errorBody, fcError } from "../fc2/errors";
import type { HandlerEnv, HandlerResponse } from "./operation";
import { validateParams, type RouteMatch, type Router } from "./routing";
import { parseJsonBody, parseOrThrow } from "../fc2/validation/parse";

/**
 * One request's way through the emulator, in this order (Azurite's pipeline, FC's rules):
 *
 *   read body → control surface? → routing → count → faults → authentication → validation → handler
 *   → wait until the store has made the handler's writes durable → serialize
 *
 * Every response, success or error, carries `X-Fc-Request-Id`. Any error that is not an `FcError`
 * becomes the cloud's InternalServerError and is logged with its request id (never with a header,
 * a signature or a body).
 */

/** The cloud takes 6 MB event payloads and ~50 MB zips (≈67 MB in base64); 100 MiB covers both. */
export const MAX_BODY_BYTES = 100 * 1024 * 1024;

export interface PipelineContext {
  readonly env: HandlerEnv;
  readonly router: Router;
  readonly accounts: AccountRegistry;
  readonly counts: RequestCounts;
  readonly faults: FaultInjector;
  /** Each served API's resources, for the dashboard. */
  readonly inventories: readonly InventorySource[];
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
function tooLarge(): FcError {
  return new FcError("EntityTooLarge", fcError("EntityTooLarge", MAX_BODY_BYTES).message, { connection: "close" });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Query parameters as an object. The 2016-08-15 reference pages spell paging parameters `Limit` and
 * `NextToken`, the SDKs `limit` and `nextToken`: both reach the schemas as the latter.
 */
function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) if (!(key in out)) out[key] = value;
  for (const [key, value] of query) {
    const camel = key.charAt(0).toLowerCase() + key.slice(1);
    if (!(camel in out)) out[camel] = value;
  }
  return out;
}

function send(res: ServerResponse, requestId: string, response: HandlerResponse): void {
  const headers: Record<string, string | number> = { "x-fc-request-id": requestId, ...response.headers };
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

function sendError(res: ServerResponse, requestId: string, error: FcError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  send(res, requestId, { status: error.status, body: errorBody(error), headers: { ...error.headers } });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function runFc(ctx: PipelineContext, req: IncomingMessage, res: ServerResponse, requestId: string, url: URL, body: Buffer) {
  const method = req.method ?? "GET";
  const match: RouteMatch = ctx.router.match(method, url.pathname, url.searchParams);
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
      throw new FcError("ResourceExhausted", fcError("ResourceExhausted", "fault injected by the emulator").message, retryHeaders);
    case "500":
      throw fcError("InternalServerError");
    case "503":
      throw new FcError("ResourceThrottled", fcError("ResourceThrottled", "fault injected by the emulator").message, retryHeaders);
    case undefined:
      break;
  }

  const headers = headersOf(req);
  const auth = authenticate(
    { method, rawPath: url.pathname, query: url.searchParams, headers, body },
    ctx.accounts,
    ctx.env.clock.now(),
  );
  if (!auth.ok) throw new FcError(auth.code, auth.message);

  const { params, qualifier } = validateParams(match);
  const query = operation.query ? parseOrThrow(operation.query, queryObject(url.searchParams), "query") : undefined;
  const parsedBody = operation.body ? parseOrThrow(operation.body, parseJsonBody(body), "body") : undefined;

  const response = await operation.handle({
    requestId,
    accountId: auth.accountId,
    apiVersion: match.apiVersion,
    operation: operation.name,
    params,
    qualifier,
    query,
    body: parsedBody,
    headers,
    rawBody: body,
    env: ctx.env,
  });
  await ctx.env.store.durable();
  send(res, requestId, response);
}

export function createRequestListener(ctx: PipelineContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = randomUUID();
    void (async () => {
      try {
        const url = new URL(req.url ?? "/", "http://emulator.invalid");
        const body = await readBody(req);
        if (url.pathname.startsWith(CONTROL_PREFIX)) {
          const response = await handleControl(
            { region: ctx.env.region, store: ctx.env.store, accounts: ctx.accounts, counts: ctx.counts, faults: ctx.faults, operationNames: ctx.router.names, invocations: ctx.env.invocations, inventories: ctx.inventories },
            req.method ?? "GET",
            url.pathname,
            body,
          );
          await ctx.env.store.durable();
          send(res, requestId, response);
          return;
        }
        await runFc(ctx, req, res, requestId, url, body);
      } catch (error) {
        if (error instanceof FcError) {
          sendError(res, requestId, error);
          return;
        }
        ctx.log(`[fc-emulator] request ${requestId} ${req.method ?? ""} ${req.url ?? ""} failed: ${describeUnexpected(error)}`);
        sendError(res, requestId, fcError("InternalServerError"));
      }
    })();
  };
}
