/**
 * HTTP transport: one keep-alive undici `Pool` per origin, shared by every client in the process.
 *
 * A Pulumi operation over many resources calls the same endpoint again and again from one provider process;
 * reusing connections saves a TCP (and TLS) handshake per call. Idle sockets do not keep the process alive
 * (undici unrefs them), so Pulumi's plugin and user scripts still exit on their own.
 */
import { Pool, type Dispatcher } from "undici";

const POOL_OPTIONS: Pool.Options = {
  // Enough parallelism for Pulumi's default of many concurrent resource operations, small enough to be polite.
  connections: 16,
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 300_000,
  // Headers and body must arrive within these bounds; the caller's AbortSignal bounds the whole request.
  headersTimeout: 60_000,
  bodyTimeout: 60_000,
};

const pools = new Map<string, Pool>();

/** The shared pool for an origin (`scheme://host[:port]`); created on first use. */
export function poolFor(origin: string): Dispatcher {
  const key = new URL(origin).origin;
  let pool = pools.get(key);
  if (pool === undefined || pool.closed || pool.destroyed) {
    pool = new Pool(key, POOL_OPTIONS);
    pools.set(key, pool);
  }
  return pool;
}

/** Closes every shared pool, letting in-flight requests finish. For tests and long-lived scripts that want a clean exit. */
export async function closePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}

/** One request to send: where, what, and an optional abort signal. */
export interface HttpRequest {
  readonly origin: string;
  readonly method: string;
  /** Path and query, already encoded. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A response read whole. */
export interface HttpResponse {
  readonly status: number;
  /** Lower-cased names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Sends one request and reads the whole body. Transport failures surface as undici's own errors. */
export async function send(dispatcher: Dispatcher, request: HttpRequest): Promise<HttpResponse> {
  const response = await dispatcher.request({
    origin: request.origin,
    method: request.method as Dispatcher.HttpMethod,
    path: request.path,
    headers: request.headers,
    body: request.body ?? null,
    signal: request.signal ?? null,
  });
  const body = Buffer.from(await response.body.arrayBuffer());
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { status: response.statusCode, headers, body };
}
