// Property values between the engine's wire form (protobuf Structs, secrets as signature objects) and plain objects.
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type { ConfigValue } from "./config";

/** The signature key Pulumi marks special values with, and the signature of a secret. */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isSecret(value: unknown): value is { value: unknown } {
  return value !== null && typeof value === "object" && (value as Record<string, unknown>)[SIG] === SECRET_SIG;
}

/** `value` with every secret wrapper replaced by what it wraps. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, unwrapSecrets(member)]));
  }
  return value;
}

/** A wire value wrapped as a secret (what a test or a program sends for a secret input). */
export function secretValue(value: unknown): Record<string, unknown> {
  return { [SIG]: SECRET_SIG, value };
}

/** Top-level members with whether each came as a secret. */
export function configValues(props: Readonly<Record<string, unknown>>): Record<string, ConfigValue> {
  return Object.fromEntries(Object.entries(props).map(([key, value]) => [key, { value: unwrapSecrets(value), secret: isSecret(value) }]));
}

/** A Struct as a plain object, secrets unwrapped; absent reads as empty. */
export function fromStruct(struct: structproto.Struct | undefined): Record<string, unknown> {
  return struct === undefined ? {} : (unwrapSecrets(struct.toJavaScript()) as Record<string, unknown>);
}

/** A plain object as a Struct; `undefined` members are left out (a Struct cannot hold them). */
export function toStruct(value: Record<string, unknown> | undefined): structproto.Struct {
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value ?? {})) as Record<string, structproto.JavaScriptValue>);
}

/** True when `value` is a secret or holds one. */
function holdsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsSecret);
  return false;
}

/** A Struct as a plain object, secrets unwrapped, and the top-level members that were (or held) secrets. */
export function fromStructSecrets(struct: structproto.Struct | undefined): { props: Record<string, unknown>; secretKeys: ReadonlySet<string> } {
  const raw = (struct?.toJavaScript() ?? {}) as Record<string, unknown>;
  const secretKeys = new Set(Object.entries(raw).filter(([, value]) => holdsSecret(value)).map(([key]) => key));
  return { props: unwrapSecrets(raw) as Record<string, unknown>, secretKeys };
}

/** `props` with the members named in `secretKeys` wrapped as secrets: what was secret going in stays secret coming out. */
export function markSecrets(props: Record<string, unknown> | undefined, secretKeys: ReadonlySet<string>): Record<string, unknown> | undefined {
  if (props === undefined || secretKeys.size === 0) return props;
  return Object.fromEntries(Object.entries(props).map(([key, value]) => [key, secretKeys.has(key) && value !== undefined ? secretValue(value) : value]));
}
