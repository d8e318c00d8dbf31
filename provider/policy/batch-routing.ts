/**
 * One batch over several APIs: a `TargetAdapter` that hands each target to its API's adapter by the key's prefix
 * (`fc3/…`, `functiongraph/…`), and every key without a known prefix to the default adapter (FC 2.0, whose
 * `service:function:qualifier` keys predate the others and stay as they are, so existing state keeps working).
 * Prefixes end in `/`, which no default key holds, so a key belongs to exactly one API.
 *
 * An API's adapter is made on the first key that needs it, and its client on the first call: a batch of FC 2.0
 * targets only never reads Huawei Cloud settings, and the reverse.
 */
import type { TargetAdapter } from "./batch";

export interface TargetRoute {
  /** What the API's keys start with, ending in `/`: `fc3/`. */
  readonly prefix: string;
  /** The API's adapter, made on first use. */
  readonly adapter: () => TargetAdapter;
}

/** The adapter of keys without a route's prefix, and how its keys look, for messages: `"service:function:qualifier" (FC 2.0)`. */
export interface DefaultRoute {
  readonly form: string;
  readonly adapter: () => TargetAdapter;
}

export function routedTargetAdapter(resourceName: string, fallback: DefaultRoute, routes: readonly TargetRoute[]): TargetAdapter {
  for (const route of routes) {
    if (!route.prefix.endsWith("/")) throw new Error(`a route's prefix must end in "/"; got ${JSON.stringify(route.prefix)}`);
  }
  const made = new Map<string, TargetAdapter>();
  const once = (id: string, make: () => TargetAdapter): TargetAdapter => {
    let adapter = made.get(id);
    if (adapter === undefined) made.set(id, (adapter = make()));
    return adapter;
  };
  const adapterOf = (key: string): TargetAdapter => {
    const route = routes.find((r) => key.startsWith(r.prefix));
    return route === undefined ? once("", fallback.adapter) : once(route.prefix, route.adapter);
  };
  return {
    resourceName,
    keyProblem(key) {
      const slash = key.indexOf("/");
      if (slash >= 0 && !routes.some((r) => key.startsWith(r.prefix))) {
        return `${JSON.stringify(key.slice(0, slash + 1))} names no API: a key starts with ${routes.map((r) => JSON.stringify(r.prefix)).join(" or ")}, or is ${fallback.form}; got ${JSON.stringify(key)}`;
      }
      return adapterOf(key).keyProblem(key);
    },
    check: (key, raw) => adapterOf(key).check(key, raw),
    // Each API's own defaults; an API whose adapter has none keeps every field in inputs.
    defaultsOf: (key) => adapterOf(key).defaultsOf?.(key) ?? {},
    get: (key) => adapterOf(key).get(key),
    put: (key, settings) => adapterOf(key).put(key, settings),
    delete: (key) => adapterOf(key).delete(key),
  };
}
