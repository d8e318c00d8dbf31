import { z } from "zod";

/**
 * The cloud decodes request bodies the way Go's encoding/json does, and official SDKs rely on it:
 *
 * - a JSON key matches a field case-insensitively (the Python suite sends `DestinationConfig`,
 *   `MaxAsyncEventAgeInSeconds`; Go structs marshal with whatever tag they carry);
 * - `null` for an optional field is the same as leaving it out (the Python SDK's
 *   `create_service(name)` sends `"description": null`, the Go SDK marshals every nil pointer as null).
 *
 * `lenient(schema)` rewrites a body into the schema's own spelling before the strict schema sees it:
 * a key is renamed to the field it matches case-insensitively (an exact match wins), and a `null` is
 * dropped unless the field itself accepts null (as `destinationConfig.onSuccess` does, where null means
 * "no destination"). Keys that match no field are kept as they are, so the strict schema still refuses
 * them by name. Nested objects are rewritten against their own schemas.
 */

type Shape = Record<string, z.ZodType>;

/** The object shape behind optional/nullable/default/pipe/transform wrappers, when there is one. */
function shapeOf(schema: z.ZodType): Shape | undefined {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current !== undefined && depth < 16; depth++) {
    const def = (current as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    switch (def["type"]) {
      case "object":
        return def["shape"] as Shape;
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "readonly":
      case "nonoptional":
        current = def["innerType"] as z.ZodType;
        break;
      case "pipe":
        current = def["in"] as z.ZodType;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

const acceptsNull = new WeakMap<z.ZodType, boolean>();
function takesNull(schema: z.ZodType): boolean {
  let known = acceptsNull.get(schema);
  if (known === undefined) {
    known = schema.safeParse(null).success;
    acceptsNull.set(schema, known);
  }
  return known;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

export function normaliseBody(schema: z.ZodType, value: unknown): unknown {
  const shape = shapeOf(schema);
  if (shape === undefined || !isPlainObject(value)) return value;
  const byLowerCase = new Map(Object.keys(shape).map((name) => [name.toLowerCase(), name]));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = Object.hasOwn(shape, key) ? key : (byLowerCase.get(key.toLowerCase()) ?? key);
    // An exactly spelled key wins over a case-insensitive one naming the same field.
    if (name !== key && Object.hasOwn(value, name)) continue;
    const field = shape[name];
    if (field === undefined) {
      out[key] = item;
      continue;
    }
    if (item === null && !takesNull(field)) continue;
    out[name] = normaliseBody(field, item);
  }
  return out;
}

/** `schema`, reached through the cloud's lenient JSON decoding (see above). */
export function lenient<S extends z.ZodType>(schema: S): z.ZodType<z.output<S>> {
  return z.preprocess((value) => normaliseBody(schema, value), schema) as unknown as z.ZodType<z.output<S>>;
}
