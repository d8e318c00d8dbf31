// Resource ids made of several names joined by ':' — e.g. FC's `service:function:qualifier`, the form the
// Terraform provider uses too. One codec per id shape, so writing and reading an id cannot drift apart.

/** Writes and reads one shape of composite id. */
export interface CompositeIdCodec<K extends string> {
  /** The shape for messages, e.g. `serviceName:functionName:qualifier`. */
  readonly shape: string;
  /** The id of these parts. Parts must not contain ':' (the names it is used for cannot). */
  format(parts: Readonly<Record<K, string>>): string;
  /** The parts of an id, or `undefined` unless it has exactly one non-empty part per field. */
  parse(id: string): Record<K, string> | undefined;
}

/** A codec for ids of `fields`, in that order. */
export function compositeId<K extends string>(fields: readonly K[]): CompositeIdCodec<K> {
  return {
    shape: fields.join(":"),
    format: (parts) => fields.map((field) => parts[field]).join(":"),
    parse: (id) => {
      const values = id.split(":");
      if (values.length !== fields.length || values.some((value) => value === "")) return undefined;
      return Object.fromEntries(fields.map((field, i) => [field, values[i] as string])) as Record<K, string>;
    },
  };
}
