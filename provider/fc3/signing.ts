/**
 * How the FC 3.0 client signs: ACS3-HMAC-SHA256 as `@alicloud/fc20230330` does through `@alicloud/openapi-core`,
 * from the one definition in `contracts/acs3` (which the emulator verifies with). This file only supplies what
 * 2023-03-30 adds: the `x-acs-action` / `x-acs-version` headers, the nonce, STS headers, and the wire path.
 */
import { randomBytes } from "node:crypto";
import { acsPercentEncode, formatAcs3Date, signAcs3Request } from "../../contracts/acs3";

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS: sent as `x-acs-security-token` (with `x-acs-accesskey-id`), both signed. */
  readonly securityToken?: string | undefined;
}

/** Path segments as they go on the wire and into the canonical URI: each one percent-encoded. */
export function wirePath(segments: readonly string[]): string {
  return `/${segments.map(acsPercentEncode).join("/")}`;
}

export interface SignInput {
  readonly method: string;
  /** The wire path (`wirePath`). */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Host as sent (`127.0.0.1:9000`, `123.cn-hangzhou.fc.aliyuncs.com`). */
  readonly host: string;
  /** `x-acs-action`, e.g. `PutAsyncInvokeConfig`. */
  readonly action: string;
  readonly version: string;
  readonly body?: Buffer | undefined;
  readonly contentType?: string | undefined;
  /** Further headers; any `x-acs-*` among them is signed too. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly credentials: SigningCredentials;
  readonly date: Date;
  /** For tests; random hex by default. */
  readonly nonce?: string;
}

/** The complete header set of a signed request, `authorization` included. */
export function signRequest(input: SignInput): Record<string, string> {
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    host: input.host,
    "x-acs-version": input.version,
    "x-acs-action": input.action,
    "x-acs-date": formatAcs3Date(input.date),
    "x-acs-signature-nonce": input.nonce ?? randomBytes(16).toString("hex"),
  };
  if (input.body !== undefined) headers["content-type"] = input.contentType ?? "application/json; charset=utf-8";
  if (input.credentials.securityToken) {
    headers["x-acs-accesskey-id"] = input.credentials.accessKeyId;
    headers["x-acs-security-token"] = input.credentials.securityToken;
  }
  return signAcs3Request({ method: input.method, path: input.path, query: input.query, headers, body: input.body ?? "" }, input.credentials);
}
