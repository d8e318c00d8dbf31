/**
 * One FunctionGraph request's way through the emulator, in the order of the FC pipeline:
 *
 *   routing → count → faults → authentication (SDK-HMAC-SHA256) → project check → validation → handler → durable → send
 *
 * Every response carries `X-Request-Id`; errors are `{error_code, error_msg, request_id}`. Unexpected failures are
 * logged with the request id only — never a header, a signature or a body.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultInjector } from "../core/control/faults";
import type { RequestCounts } from "../core/control/request-counts";
import { signing } from "../../contracts/functiongraph";
import { authenticate, type FgIdentity } from "./auth";
import { describeUnexpected, errorBody, FgError, fgError } from "./errors";
import { parseTarget } from "./lookup";
import type { FgEnv, FgOperation, FgResponse } from "./operation";
import { matchRoute } from "./operations";
import { jsonBody, parseOrThrow } from "./validation";

export const FUNCTIONGRAPH_PREFIX = "/v2/";

export interface FgContext {
  readonly env: FgEnv;
  readonly operations: readonly FgOperation[];
  readonly identities: (accessKey: string) => FgIdentity | undefined;
  readonly counts: RequestCounts;
  readonly faults: FaultInjector;
  readonly log: (line: string) => void;
}

function send(res: ServerResponse, requestId: string, response: FgResponse): void {
  const headers: Record<string, string | number> = { "x-request-id": requestId, ...response.headers };
  if (response.status === 204 || response.body === undefined) {
    if (response.status !== 204) headers["content-length"] = 0;
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(response.body), "utf8");
  headers["content-type"] = "application/json;charset=UTF-8";
  headers["content-length"] = payload.length;
  res.writeHead(response.status, headers);
  res.end(payload);
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

export async function serveFunctionGraph(ctx: FgContext, req: IncomingMessage, res: ServerResponse, requestId: string, url: URL, body: Buffer): Promise<void> {
  try {
    await run(ctx, req, res, requestId, url, body);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof FgError) {
      send(res, requestId, { status: error.status, body: errorBody(error, requestId) });
      return;
    }
    ctx.log(`[fc-emulator] FunctionGraph request ${requestId} ${req.method ?? ""} failed: ${describeUnexpected(error)}`);
    const internal = fgError("FSS.0500");
    send(res, requestId, { status: internal.status, body: errorBody(internal, requestId) });
  }
}

async function run(ctx: FgContext, req: IncomingMessage, res: ServerResponse, requestId: string, url: URL, body: Buffer): Promise<void> {
  const method = req.method ?? "GET";
  const route = matchRoute(ctx.operations, method, url.pathname);
  if (route === undefined) throw fgError("FSS.0404", `Resource not found: ${method} ${url.pathname} is not a FunctionGraph operation the emulator serves`);
  const { operation } = route;
  ctx.counts.increment(operation.name);

  const decision = ctx.faults.decide(operation.name);
  if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
  switch (decision.fault) {
    case "reset":
      req.socket.resetAndDestroy();
      return;
    case "429":
      throw fgError("FSS.0429", "Too many requests: fault injected by the emulator");
    case "500":
    case "503":
      throw fgError("FSS.0500", "Internal error: fault injected by the emulator");
    case undefined:
      break;
  }

  const headers = headersOf(req);
  const identity = authenticate({ method, rawPath: url.pathname, query: url.searchParams, headers, body }, ctx.identities, ctx.env.clock.now().getTime());
  if (route.projectId !== identity.projectId) throw fgError("FSS.0403", "Forbidden: the project id in the path is not the project of the access key");
  const headerProject = headers[signing.HEADER_PROJECT];
  if (headerProject !== undefined && headerProject !== identity.projectId) throw fgError("FSS.0403", "Forbidden: X-Project-Id is not the project of the access key");

  const target = route.params["function_urn"] === undefined ? undefined : parseTarget(route.params["function_urn"], ctx.env.region, identity.projectId);
  const query = operation.query ? parseOrThrow(operation.query, Object.fromEntries(url.searchParams), "query") : undefined;
  const parsedBody = operation.body ? parseOrThrow(operation.body, jsonBody(body), "body") : undefined;
  const response = await operation.handle({ requestId, identity, target, params: route.params, query, body: parsedBody, rawBody: body, headers, env: ctx.env });
  await ctx.env.store.durable();
  send(res, requestId, response);
}

const MAX_BODY_BYTES = 100 * 1024 * 1024;

/** A Node request listener for FunctionGraph paths: reads the body, then serves it. */
export function functionGraphListener(ctx: FgContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = randomUUID();
    void (async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of req) {
          size += (chunk as Buffer).length;
          if (size > MAX_BODY_BYTES) throw fgError("FSS.0400", "Invalid parameter: the body is larger than 100 MiB");
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        const e = error instanceof FgError ? error : fgError("FSS.0400", "Invalid parameter: the body could not be read");
        res.setHeader("connection", "close");
        send(res, requestId, { status: e.status, body: errorBody(e, requestId) });
        return;
      }
      await serveFunctionGraph(ctx, req, res, requestId, new URL(req.url ?? "/", "http://emulator.invalid"), Buffer.concat(chunks));
    })();
  };
}
