/** Shaping plain records on their way in and out of an API, the same for every API. */

/** `value` without its undefined fields: a field the record lacks is left out of an answer rather than sent as null. */
export function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The `fields` of `body` that are set: the configuration blocks an API stores and echoes without interpreting. */
export function definedFields<B extends object>(body: B, fields: readonly (keyof B & string)[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of fields) if (body[field] !== undefined) picked[field] = body[field];
  return picked;
}
