/**
 * Refuses credentials that sit in the stack config as plain text.
 *
 * The engine hands the whole stack config to the dynamic provider and records it as that provider's inputs in
 * the state file: a value set with `pulumi config set --secret` is stored there encrypted, any other value in
 * plain text. So a key set without `--secret` would be written into every checkpoint and backup. This check runs
 * in the program (the resource constructors call it) before any resource is registered, so nothing is written
 * yet when it fails, and the message gives the commands that fix it.
 *
 * Which keys: the engine records the whole stack config for every dynamic resource, whatever its API, so an
 * FC 2.0 resource would write a plain `huaweicloud:secret_key` into state as surely as a FunctionGraph one. Each
 * API's resource module declares its credential keys when it loads (`declareCredentialKeys`), and every resource
 * checks all the keys declared (`assertDeclaredCredentialsSecret`).
 */
import * as pulumi from "@pulumi/pulumi";
import { CONNECTIONS_KEY } from "./config";

/** Whether the engine marked a config key secret; `undefined` when this SDK cannot tell. */
function engineSecretCheck(): ((key: string) => boolean) | undefined {
  // `isConfigSecret` is marked internal in @pulumi/pulumi but is how its own `Config` decides to warn about secrets.
  const internal = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
  return typeof internal.isConfigSecret === "function" ? internal.isConfigSecret : undefined;
}

/** Raised when a credential is in the stack config as plain text. */
export class PlaintextCredentialError extends Error {
  readonly keys: readonly string[];
  constructor(keys: readonly string[]) {
    super(
      `${keys.join(", ")} ${keys.length === 1 ? "is" : "are"} set in the stack config as plain text, so the Pulumi engine would store ` +
        `${keys.length === 1 ? "it" : "them"} unencrypted in the stack's state (it records the whole stack config as the provider's inputs). ` +
        `Set ${keys.length === 1 ? "it" : "each"} again as a secret and run the command again:\n` +
        keys.map((key) => `  pulumi config set --secret ${key} <value>`).join("\n") +
        `\n(or remove ${keys.length === 1 ? "it" : "them"} with \`pulumi config rm\` and use environment variables instead).`,
    );
    this.name = "PlaintextCredentialError";
    this.keys = keys;
  }
}

export interface SecretConfigOptions {
  /** Reads a stack config value; default `pulumi.runtime.getConfig`. */
  readonly get?: (key: string) => string | undefined;
  /** Whether a key was set as a secret; default the engine's own record (`PULUMI_CONFIG_SECRET_KEYS`). */
  readonly isSecret?: ((key: string) => boolean) | undefined;
}

const declared = new Set<string>();

/** Adds `keys` to the credential keys every resource checks; called by each API's resource module as it loads. */
export function declareCredentialKeys(keys: readonly string[]): void {
  for (const key of keys) declared.add(key);
}

/** The keys declared so far, in declaration order. */
export function declaredCredentialKeys(): readonly string[] {
  return [...declared];
}

/** `assertCredentialsSecret` over every declared key. */
export function assertDeclaredCredentialsSecret(options: SecretConfigOptions = {}): void {
  assertCredentialsSecret(declaredCredentialKeys(), options);
}

/** Throws `PlaintextCredentialError` naming every key of `credentialKeys` that is set without `--secret`. */
export function assertCredentialsSecret(credentialKeys: readonly string[], options: SecretConfigOptions = {}): void {
  const get = options.get ?? ((key: string) => pulumi.runtime.getConfig(key));
  const isSecret = options.isSecret ?? engineSecretCheck();
  // An SDK that cannot say which keys are secret cannot be checked; nobody is accused.
  if (isSecret === undefined) return;
  const plain = credentialKeys.filter((key) => {
    const value = get(key);
    return value !== undefined && value !== "" && !isSecret(key);
  });
  if (plain.length > 0) throw new PlaintextCredentialError(plain);
}

/** Setting keys that hold credentials, by the tail of their name (`alicloud:secretKey`, `huaweicloud:access_key`, …). */
const CREDENTIAL_KEY = /(accessKey|secretKey|securityToken|access_key|secret_key|security_token)$/;

/**
 * Throws `PlaintextCredentialError` when the connection profiles (`pulumi-async-invoke:connections`) hold a
 * credential and were set without `--secret`: the engine would store the whole value unencrypted.
 */
export function assertConnectionsSecret(options: SecretConfigOptions = {}): void {
  const get = options.get ?? ((key: string) => pulumi.runtime.getConfig(key));
  const text = get(CONNECTIONS_KEY);
  if (text === undefined || text === "") return;
  let holdsKey = false;
  try {
    holdsKey = Object.values(JSON.parse(text) as Record<string, Record<string, unknown>>).some((profile) => Object.keys(profile ?? {}).some((key) => CREDENTIAL_KEY.test(key)));
  } catch {
    return; // not JSON: the provider's check names the key and the expected shape
  }
  if (holdsKey) assertCredentialsSecret([CONNECTIONS_KEY], options);
}
