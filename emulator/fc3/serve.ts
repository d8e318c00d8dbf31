import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { API_VERSION } from "../../contracts/fc3";
import type { FaultInjector } from "../core/control/faults";
import type { RequestCounts } from "../core/control/request-counts";
import { authenticate, type AccountRegistry } from "../fc2/auth";
import { FcError, describeUnexpected } from "../fc2/errors";
import { parseJsonBody, parseOrThrow } from "../fc2/validation/parse";
import { Fc3Error, errorBody, fc3Error, fromShared } from "./errors";
import type { Fc3Env, Fc3Operation, Fc3Response } from "./operation";
import { pathParams } from "./validation";

/**
 * FC 3.0's way through the emulator, the same stages as 2.0's pipeline:
 *
 *   read body → route → count → faults → authenticate (ACS3-HMAC-SHA256, or ROA) → validate → handler
 *   → wait until the store made the writes durable → serialize
 *
 * Errors leave as `{Code, Message, RequestId}` with `x-fc-request-id`; anything that is not an API error becomes
 * InternalServerError and is logged with its request id (never a header, a signature or a body).
 */

export const PREFIX = `/${API_VERSION}/`;
const MAX_BODY_BYTES = 100 * 1024 * 1024;

export interface Fc3Context {
  readonly env: Fc3Env;
  readonly operations: readonly Fc3Operation[];
  readonly accounts: AccountRegistry;
  readonly counts: RequestCounts;
  readonly faults: FaultInjector;
  readonly log: (line: string) => void;
}

type Segment = { literal: string } | { param: string };
interface Route {
  operation: Fc3Operation;
  segments: Segment[];
}

function compile(operation: Fc3Operation): Route {
  const segments = operation.path
    .split("/")
    .filter((s) => s !== "")
    .map((s): Segment => (s.startsWith("{") && s.endsWith("}") ? { param: s.slice(1, -1) } : { literal: s }));
  return { operation, segments };
}

function match(routes: readonly Route[], method: string, rawPath: string): { operation: Fc3Operation; params: Record<string, string> } {
  const notSupported = () => fc3Error("PathNotSupported", method, rawPath);
  let segments: string[];
  try {
    segments = rawPath.slice(PREFIX.length).split("/").map((s) => decodeURIComponent(s));
  } catch {
    throw notSupported();
  }
  if (segments.length > 0 && segments[segments.length - 1] === "") segments.pop();
  for (const route of routes) {
    if (route.operation.method !== method || route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = route.segments.every((segment, i) => {
      const value = segments[i] as string;
      if ("literal" in segment) return segment.literal === value;
      params[segment.param] = value;
      return value !== "";
    });
    if (fits) return { operation: route.operation, params };
  }
  throw notSupported();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const tooLarge = () => new Fc3Error("EntityTooLarge", fc3Error("EntityTooLarge", MAX_BODY_BYTES).message, { connection: "close" });
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  return headers;
}

function send(res: ServerResponse, requestId: string, response: Fc3Response): void {
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) if (!(key in out)) out[key] = value;
  return out;
}

async function run(ctx: Fc3Context, routes: readonly Route[], req: IncomingMessage, res: ServerResponse, requestId: string, url: URL): Promise<void> {
  const body = await readBody(req);
  const method = req.method ?? "GET";
  const { operation, params } = match(routes, method, url.pathname);
  ctx.counts.increment(operation.name);

  const decision = ctx.faults.decide(operation.name);
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  const retryHeaders: Record<string, string> = decision.retryAfterSeconds === undefined ? {} : { "retry-after": String(decision.retryAfterSeconds) };
  switch (decision.fault) {
    case "reset":
      req.socket.resetAndDestroy();
      return;
    case "429":
      throw new Fc3Error("ResourceExhausted", "Resources exhausted: fault injected by the emulator", retryHeaders);
    case "500":
      throw fc3Error("InternalServerError");
    case "503":
      throw new Fc3Error("ResourceThrottled", "Resources throttled: fault injected by the emulator", retryHeaders);
    case undefined:
      break;
  }

  const headers = headersOf(req);
  // FC 3.0 is an OpenAPI product: its SDK signs with ACS3-HMAC-SHA256 (or ROA when told to); 2.0's `FC` scheme is not one of them.
  if (/^FC\s/.test(headers["authorization"] ?? "")) {
    throw fc3Error("InvalidArgument", "the FC 3.0 API takes ACS3-HMAC-SHA256 (or ROA) signatures, not the FC 2.0 'FC' scheme");
  }
  const auth = authenticate({ method, rawPath: url.pathname, query: url.searchParams, headers, body }, ctx.accounts, ctx.env.clock.now());
  if (!auth.ok) throw fromShared(new FcError(auth.code, auth.message)) ?? fc3Error("InternalServerError");

  const validParams: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const schema: z.ZodType<string> | undefined = pathParams[name];
    validParams[name] = schema === undefined ? value : (parseOrThrow(objectOf(name, schema), { [name]: value }, "path")[name] ?? value);
  }
  const query = operation.query ? parseOrThrow(operation.query, queryObject(url.searchParams), "query") : undefined;
  const parsedBody = operation.body ? parseOrThrow(operation.body, parseJsonBody(body), "body") : undefined;

  const response = await operation.handle({
    requestId,
    accountId: auth.accountId,
    operation: operation.name,
    params: validParams,
    query,
    body: parsedBody,
    headers,
    rawBody: body,
    env: ctx.env,
  });
  await ctx.env.store.durable();
  send(res, requestId, response);
}

const paramObjects = new Map<string, z.ZodType<Record<string, string>>>();
function objectOf(name: string, schema: z.ZodType<string>): z.ZodType<Record<string, string>> {
  let found = paramObjects.get(name);
  if (!found) {
    found = z.object({ [name]: schema }) as unknown as z.ZodType<Record<string, string>>;
    paramObjects.set(name, found);
  }
  return found;
}

/** Whether a request is FC 3.0's: its path starts with `/2023-03-30/`. */
export function isFc3Path(url: string | undefined): boolean {
  return (url ?? "").startsWith(PREFIX);
}

export function createFc3Listener(ctx: Fc3Context): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = ctx.operations.map(compile);
  return (req, res) => {
    const requestId = randomUUID();
    void (async () => {
      try {
        await run(ctx, routes, req, res, requestId, new URL(req.url ?? "/", "http://emulator.invalid"));
      } catch (error) {
        let known = fromShared(error);
        if (known === undefined) {
          ctx.log(`[fc-emulator] request ${requestId} ${req.method ?? ""} ${req.url ?? ""} failed: ${describeUnexpected(error)}`);
          known = fc3Error("InternalServerError");
        }
        if (res.headersSent) {
          res.destroy();
          return;
        }
        send(res, requestId, { status: known.status, body: errorBody(known, requestId), headers: { ...known.headers } });
      }
    })();
  };
}
