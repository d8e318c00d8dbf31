// The requests the official Python and Go SDKs of FC 2.0 send, rebuilt byte for byte from their public
// source, so their suites can be ported without installing either SDK:
//
// - aliyun/fc-python-sdk (fc2/client.py `_build_common_headers`, fc2/auth.py `sign_request`, a4e2957):
//   headers host, date (email.utils.formatdate(usegmt=True)), content-type 'application/json',
//   content-length, user-agent, caller's headers; signed: METHOD, content-md5 (never sent: ""),
//   content-type, date, every x-fc-* header lower-cased and sorted, the *unescaped* path. Queries are
//   sent but not signed. Bodies are `json.dumps(payload)`: ', ' and ': ' separators, non-ASCII as
//   \uXXXX, unset optional arguments as null.
// - aliyun/fc-go-sdk (client.go `sendRequest`, signature.go `GetSignature`, util.go `MD5`, 3a1b2ed):
//   headers in Go's canonical case (Host, X-Fc-Account-Id, User-Agent, Accept, Content-Type, Content-MD5,
//   Date, Authorization); Content-MD5 is the *hex* MD5 of the body; the signed path is the escaped one;
//   queries not signed. Bodies are `json.Marshal` of the input struct: compact, every nil pointer as null.
import { createHash, createHmac } from "node:crypto";
import { request } from "node:http";

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The body as JSON when it parses; undefined otherwise. */
  data: any;
}

/** The SDKs' error: the HTTP status and the body's ErrorCode / ErrorMessage. */
export class SdkError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errorMessage: string,
  ) {
    super(`${status} ${code}: ${errorMessage}`);
  }
}

function send(url: URL, method: string, headers: Array<[string, string]>, body: Buffer | undefined): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: headers.flat() as unknown as Record<string, string> }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const buffer = Buffer.concat(chunks);
        let data: unknown;
        try {
          data = buffer.length === 0 ? undefined : JSON.parse(buffer.toString("utf8"));
        } catch {
          data = undefined;
        }
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
        resolve({ status: res.statusCode ?? 0, headers: out, body: buffer, data });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

function throwOnError(response: WireResponse): WireResponse {
  if (response.status < 300) return response;
  const d = (response.data ?? {}) as { ErrorCode?: string; ErrorMessage?: string };
  throw new SdkError(response.status, d.ErrorCode ?? "", d.ErrorMessage ?? "");
}

function sign(secret: string, method: string, md5: string, contentType: string, date: string, headers: Array<[string, string]>, resource: string): string {
  const fc = headers
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .filter(([k]) => k.startsWith("x-fc-"))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}:${v}\n`)
    .join("");
  const text = [method, md5, contentType, date, fc + resource].join("\n");
  return createHmac("sha256", secret).update(text, "utf8").digest("base64");
}

/** Python's `json.dumps(value)` with its defaults (separators ', ' and ': ', ensure_ascii=True). */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === "string") return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(", ")}}`;
}

/** The HTTP date both SDKs send: RFC 1123 in GMT. */
const httpDate = (): string => new Date().toUTCString();

export class PythonFcClient {
  readonly apiVersion = "2016-08-15";
  readonly #host: string;
  constructor(
    readonly endpoint: string,
    readonly accessKeyID: string,
    readonly accessKeySecret: string,
    readonly securityToken = "",
  ) {
    this.#host = endpoint.replace(/^https?:\/\//, "");
  }

  /** `_build_common_headers` + `_do_request`: `path` is the unescaped path the SDK formats and signs. */
  async request(method: string, path: string, options: { headers?: Record<string, string>; params?: Record<string, string | number>; payload?: unknown; raw?: Buffer; raiseOnFunctionError?: boolean } = {}): Promise<WireResponse> {
    const headers: Record<string, string> = {
      host: this.#host,
      date: httpDate(),
      "content-type": "application/json",
      "content-length": "0",
      "user-agent": "aliyun-fc-sdk-v2.6.0.python-3.11.4.Linux-5.15.0-x86_64",
      ...(this.securityToken !== "" && { "x-fc-security-token": this.securityToken }),
      ...options.headers,
    };
    headers["authorization"] = `FC ${this.accessKeyID}:${sign(this.accessKeySecret, method, headers["content-md5"] ?? "", headers["content-type"] ?? "", headers["date"] ?? "", Object.entries(headers), path)}`;
    const body = options.raw ?? (options.payload === undefined ? undefined : Buffer.from(pythonJsonDumps(options.payload), "utf8"));
    // requests replaces the signed-over content-length '0' with the body's real length.
    headers["content-length"] = String(body?.length ?? 0);
    const url = new URL(encodeURI(path), this.endpoint);
    for (const [k, v] of Object.entries(options.params ?? {})) url.searchParams.append(k, String(v));
    const response = throwOnError(await send(url, method, Object.entries(headers), body));
    // invoke_function raises FcError on a function error too, though its status is 200.
    if (options.raiseOnFunctionError && response.headers["x-fc-error-type"]) {
      const d = (response.data ?? {}) as { errorMessage?: string };
      throw new SdkError(response.status, "", d.errorMessage ?? response.body.toString("utf8"));
    }
    return response;
  }

  svc(name: string, qualifier?: string): string {
    return `/${this.apiVersion}/services/${qualifier ? `${name}.${qualifier}` : name}`;
  }
}

export class GoFcClient {
  readonly apiVersion = "2016-08-15";
  readonly #host: string;
  constructor(
    readonly endpoint: string,
    readonly accountId: string,
    readonly accessKeyID: string,
    readonly accessKeySecret: string,
  ) {
    this.#host = endpoint.replace(/^https?:\/\//, "");
  }

  /** `sendRequest`: `path` is GetPath() (names already path-escaped); `payload` is json.Marshal'ed. */
  async request(method: string, path: string, options: { headers?: Record<string, string>; query?: Record<string, string>; payload?: unknown; bytes?: Buffer } = {}): Promise<WireResponse> {
    const fullPath = `/${this.apiVersion}${path}`;
    const headers: Record<string, string> = { ...options.headers };
    headers["Host"] = this.#host;
    headers["X-Fc-Account-Id"] = this.accountId;
    headers["User-Agent"] = "go-sdk-0.1";
    headers["Accept"] = "application/json";
    let body: Buffer | undefined;
    if (options.bytes !== undefined) {
      headers["Content-Type"] = "application/octet-stream";
      body = options.bytes;
      headers["Content-MD5"] = createHash("md5").update(body).digest("hex");
    } else if (options.payload !== undefined) {
      headers["Content-Type"] = "application/json";
      body = Buffer.from(JSON.stringify(options.payload), "utf8");
      headers["Content-MD5"] = createHash("md5").update(body).digest("hex");
    }
    headers["Date"] = httpDate();
    // GetSignature looks Content-MD5/Content-Type up lower-cased, x-fc-* headers case-insensitively.
    headers["Authorization"] = `FC ${this.accessKeyID}:${sign(this.accessKeySecret, method, headers["Content-MD5"] ?? "", headers["Content-Type"] ?? "", headers["Date"], Object.entries(headers), fullPath)}`;
    const url = new URL(fullPath, this.endpoint);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    return throwOnError(await send(url, method, Object.entries(headers), body));
  }
}

/** Awaits an SDK call that must fail; its status, code and message. */
export async function sdkFailure(call: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof SdkError) return { status: error.status, code: error.code, message: error.errorMessage };
    throw error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
