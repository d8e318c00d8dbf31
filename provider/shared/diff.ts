/**
 * Structural comparison for provider diffs.
 *
 * Pulumi state round-trips through protobuf `Struct`s, YAML programs write `null` where TypeScript programs omit a
 * key, and the cloud answers `{"destination": null}` for an unset destination. None of these is a change a person
 * made, so comparisons here ignore key order and treat `null`, `undefined` and an absent key alike.
 */

/** A copy without `null`/`undefined` object members, with keys sorted; arrays keep their order. */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member === null || member === undefined) continue;
      out[key] = canonicalize(member);
    }
    return out;
  }
  return value;
}

/** Deep equality modulo key order and `null` versus absent (at any depth, so `null` equals `undefined`). */
export function deepEqual(a: unknown, b: unknown): boolean {
  return equalCanonical(canonicalize(a ?? undefined), canonicalize(b ?? undefined));
}

/** The keys among `keys` whose values differ between `olds` and `news`, in the order given. */
export function changedKeys<K extends string>(
  olds: Readonly<Partial<Record<K, unknown>>>,
  news: Readonly<Partial<Record<K, unknown>>>,
  keys: readonly K[],
): K[] {
  return keys.filter((key) => !deepEqual(olds[key], news[key]));
}

function equalCanonical(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => equalCanonical(item, b[i]));
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  return ak.every(
    (key, i) => key === bk[i] && equalCanonical((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
