/**
 * Path templates, API-neutral: an API's router (`emulator/<api>/routing.ts`) strips its own prefix,
 * then matches the rest segment by segment against its operation table here. `{param}` segments match
 * any non-empty segment and are handed back decoded, not yet validated.
 */

interface Templated {
  readonly method: string;
  readonly path: string;
}

type Segment = { literal: string } | { param: string };

function compile(path: string): Segment[] {
  return path
    .split("/")
    .filter((s) => s !== "")
    .map((s): Segment => (s.startsWith("{") && s.endsWith("}") ? { param: s.slice(1, -1) } : { literal: s }));
}

/**
 * Splits a raw (percent-encoded) path into decoded segments, without the leading '' and tolerating one
 * trailing '/'. Undefined when a segment is not valid percent-encoding.
 */
export function decodedSegments(rawPath: string): string[] | undefined {
  const [empty, ...encoded] = rawPath.split("/");
  if (empty !== "") return undefined;
  let segments: string[];
  try {
    segments = encoded.map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
  if (segments.length > 0 && segments[segments.length - 1] === "") segments.pop();
  return segments;
}

export class PathTemplates<Op extends Templated> {
  readonly #routes: Array<{ operation: Op; segments: Segment[] }>;

  constructor(operations: readonly Op[]) {
    this.#routes = operations.map((operation) => ({ operation, segments: compile(operation.path) }));
    const seen = new Set<string>();
    for (const { operation } of this.#routes) {
      const key = `${operation.method} ${operation.path}`;
      if (seen.has(key)) throw new Error(`two operations answer ${key}`);
      seen.add(key);
    }
  }

  /** The operation whose template fits, with its decoded parameters; undefined when none does. */
  match(method: string, segments: readonly string[]): { operation: Op; params: Record<string, string> } | undefined {
    for (const route of this.#routes) {
      if (route.operation.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const fits = route.segments.every((segment, i) => {
        const value = segments[i] as string;
        if ("literal" in segment) return segment.literal === value;
        if (value === "") return false;
        params[segment.param] = value;
        return true;
      });
      if (fits) return { operation: route.operation, params };
    }
    return undefined;
  }
}
