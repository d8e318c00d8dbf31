// What every API's read functions (fc2/, fc3/, functiongraph/ `functions.ts`) share: the settings they read
// (explicit options first, then the stack config), the options of each call, and following a listing to its end.
import * as pulumi from "@pulumi/pulumi";
import type { ConfigSource } from "./config";

/**
 * The stack config with `explicit` (options a script passed, by config key) read first. When `keysGiven`, the
 * `keyNames` (access key, secret, token) are used as a set: an STS token from the stack must not pair with explicit
 * long-term keys.
 */
export function explicitFirst(explicit: Readonly<Record<string, string | undefined>>, keyNames: readonly string[], keysGiven: boolean): ConfigSource {
  return { get: (key) => (keysGiven && keyNames.includes(key) ? explicit[key] : (explicit[key] ?? pulumi.runtime.getConfig(key))) };
}

/** The per-call part of a read function's options. */
export function callOptions(options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined } | undefined) {
  return { signal: options?.signal, timeoutMs: options?.timeoutMs };
}

/** More pages than any real listing has: a service that never ends one is stopped here. */
export const MAX_PAGES = 10_000;

/**
 * Every item of a paged listing, following the page token (`nextToken`, `marker`) until a page has none. A token
 * seen twice stops the loop with `repeated(token)` as the error message.
 */
export async function collectPages<T>(
  fetchPage: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string | undefined }>,
  repeated: (token: string) => string = (token) => `the service returned the page token ${JSON.stringify(token)} twice; stopping to avoid a loop`,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(token);
    items.push(...result.items);
    if (!result.nextToken) return items;
    if (seen.has(result.nextToken)) throw new Error(repeated(result.nextToken));
    seen.add(result.nextToken);
    token = result.nextToken;
  }
  throw new Error(`more than ${MAX_PAGES} pages; stopping`);
}
