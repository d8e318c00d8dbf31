// The `FC` scheme, rebuilt from what `@alicloud/fc2` (lib/client.js, lib/helper.js) actually signs:
//
//   METHOD \n Content-MD5 \n Content-Type \n Date \n CanonicalizedFCHeaders CanonicalizedResource
//   Authorization: FC {accessKeyId}:base64(HMAC-SHA256(secret, StringToSign))
//
// - Content-MD5, Content-Type and Date are taken verbatim ("" when absent; the Node SDK sends
//   base64 of the *hex* MD5, the Go SDK the hex itself — neither is re-derived here).
// - CanonicalizedFCHeaders: every `x-fc-*` header, lower-cased, sorted, `name:value\n`, values untouched.
// - CanonicalizedResource: the path with its version prefix (`/2016-08-15/…`, `/2021-04-06/…`), no query —
//   except HTTP-trigger paths (`/{version}/proxy/…`), where the SDK appends `\n` and the sorted
//   `key=value` lines of the *decoded* query. Elsewhere the query is not signed at all (the cloud's design:
//   `?qualifier=` on a 2021-04-06 path signed this way is not covered by the signature).
import { createHmac } from "node:crypto";

export type FcStringToSignInput = {
  method: string;
  /** The resource path as signed: version prefix included, query excluded. */
  path: string;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Only for `/proxy/` paths; `undefined` means "query not signed". */
  signedQuery?: URLSearchParams;
};

export function canonicalFcHeaders(headers: Readonly<Record<string, string | undefined>>): string {
  return Object.keys(headers)
    .filter((name) => name.startsWith("x-fc-") && headers[name] !== undefined)
    .sort()
    .map((name) => `${name}:${headers[name] ?? ""}\n`)
    .join("");
}

/** True when the SDK signs the query: HTTP-trigger paths, `/{version}/proxy/…`. */
export function isProxyPath(path: string): boolean {
  return /^\/[^/]+\/proxy\//.test(path);
}

export function fcStringToSign(input: FcStringToSignInput): string {
  const { headers } = input;
  const head = [input.method, headers["content-md5"] ?? "", headers["content-type"] ?? "", headers["date"] ?? ""].join("\n");
  let text = `${head}\n${canonicalFcHeaders(headers)}${input.path}`;
  if (input.signedQuery !== undefined) {
    // The SDK sorts whole `key=value` strings (not keys), one line per value of a repeated key,
    // and appends the separator even when the query is empty.
    const lines = [...input.signedQuery].map(([key, value]) => `${key}=${value}`).sort();
    text += `\n${lines.join("\n")}`;
  }
  return text;
}

export function fcSignature(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha256", accessKeySecret).update(stringToSign, "utf8").digest("base64");
}
