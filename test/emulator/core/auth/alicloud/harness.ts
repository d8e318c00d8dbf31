// A throwaway HTTP server that does nothing but authenticate: 200 `{}` when `authenticate` accepts,
// otherwise FC's error body. The official SDKs are pointed at it, so what they send is what is verified.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { AccountRegistry } from "../../../../../emulator/core/accounts";
import { authenticate, type AuthRequest, type AuthResult } from "../../../../../emulator/core/auth/alicloud";

export type AuthServer = {
  readonly port: number;
  /** `http://127.0.0.1:{port}` */
  readonly origin: string;
  /** What `authenticate` answered, one entry per request, in arrival order. */
  readonly results: AuthResult[];
  /** The first word of each request's Authorization header (`FC`, `acs`, `ACS3-HMAC-SHA256`) — never the signature. */
  readonly schemes: string[];
  /** The server's clock; a test moves it to simulate skew or expiry. */
  now: () => Date;
  close(): Promise<void>;
};

export function toAuthRequest(req: http.IncomingMessage, body: Buffer): AuthRequest {
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return {
    method: req.method ?? "GET",
    rawPath: queryAt < 0 ? url : url.slice(0, queryAt),
    query: new URLSearchParams(queryAt < 0 ? "" : url.slice(queryAt + 1)),
    headers,
    body,
  };
}

export async function startAuthServer(accounts: AccountRegistry, now: () => Date = () => new Date()): Promise<AuthServer> {
  const results: AuthResult[] = [];
  const schemes: string[] = [];
  let requestCount = 0;
  const state = { now };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = toAuthRequest(req, Buffer.concat(chunks));
      schemes.push((request.headers["authorization"] ?? "").split(" ")[0] ?? "");
      const result = authenticate(request, accounts, state.now());
      results.push(result);
      requestCount += 1;
      const payload = result.ok ? {} : { ErrorCode: result.code, ErrorMessage: result.message };
      res.writeHead(result.ok ? 200 : result.status, {
        "content-type": "application/json; charset=utf-8",
        "x-fc-request-id": `auth-test-${requestCount}`,
      });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    results,
    schemes,
    get now() {
      return state.now;
    },
    set now(clock: () => Date) {
      state.now = clock;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // The SDKs keep connections alive; without this, close() would wait for their idle timeout.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export type RawResponse = { status: number; body: unknown; requestId: string | undefined };

/** Sends exactly the given request line, headers and body — nothing added but Content-Length. */
export function send(
  port: number,
  request: { method: string; path: string; headers: Record<string, string>; body?: Buffer | string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const headers: Record<string, string> = { ...request.headers };
    if (body) headers["content-length"] = String(body.length);
    const req = http.request(
      { host: "127.0.0.1", port, method: request.method, path: request.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const requestId = res.headers["x-fc-request-id"];
          resolve({
            status: res.statusCode ?? 0,
            body: text === "" ? undefined : (JSON.parse(text) as unknown),
            requestId: Array.isArray(requestId) ? requestId[0] : requestId,
          });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
