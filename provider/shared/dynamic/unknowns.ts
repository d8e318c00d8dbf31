// Inputs not known yet during preview. `check` validates everything else: each unknown is swapped for a valid
// placeholder before parsing and put back afterwards, so the value the engine sees stays unknown.
import type { RawProps } from "./props";

/** The value Pulumi passes for inputs not known yet during preview (`@pulumi/pulumi/runtime/rpc` `unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `value` is unknown or holds an unknown at any depth. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** Where unknowns were, as property paths (`["destinationConfig", "onFailure", "destination"]`). */
export type UnknownPaths = readonly (readonly string[])[];

/**
 * A copy of `value` with each unknown member replaced by the placeholder kept for its property name; an unknown
 * whose name has no placeholder stays as it is (and fails validation, which is then the right answer).
 */
export function withPlaceholders(value: unknown, placeholders: Readonly<Record<string, unknown>>): { value: unknown; unknownPaths: string[][] } {
  const unknownPaths: string[][] = [];
  const walk = (node: unknown, path: string[]): unknown => {
    if (node === UNKNOWN && path.length > 0) {
      const key = path[path.length - 1] as string;
      if (Object.hasOwn(placeholders, key)) {
        unknownPaths.push(path);
        return placeholders[key];
      }
    }
    if (node !== null && typeof node === "object" && !Array.isArray(node)) {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child, [...path, key])]));
    }
    return node;
  };
  return { value: walk(value, []), unknownPaths };
}

/** A copy of `data` with `UNKNOWN` put back at each path `withPlaceholders` recorded. */
export function restoreUnknowns<T extends object>(data: T, paths: UnknownPaths): RawProps {
  const out = structuredClone(data) as RawProps;
  for (const path of paths) {
    let node: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[path[path.length - 1] as string] = UNKNOWN;
  }
  return out;
}
