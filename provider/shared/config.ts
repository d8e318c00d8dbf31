// Where settings come from: the stack config and the environment.

/** Anything with a `get(fullyQualifiedKey)`: Pulumi's dynamic-provider `Config`, or `pulumi.runtime.getConfig` wrapped. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** Environment variables, `process.env` unless a test injects its own. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A config whose reads never throw: the host builds its Config over whatever the engine sent, possibly nothing. */
export function tolerantConfig(config: ConfigSource): ConfigSource {
  return {
    get: (key) => {
      try {
        return config.get(key);
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Named connection profiles: `pulumi-async-invoke:connections` holds a JSON object from a profile name to
 * settings by their own keys (`{"sh": {"alicloud:region": "cn-shanghai", "alicloud:accountId": "…",
 * "alicloud:accessKey": "…", "alicloud:secretKey": "…"}}`); a resource's `connection` input names one. The
 * resource's inputs and state then hold the name only; the settings stay in the stack config (set it with
 * `--secret` when a profile holds keys).
 */
export const CONNECTIONS_KEY = "pulumi-async-invoke:connections";

/** The profile `name` read over `config`: its settings first, then the stack's own. Throws naming the known profiles. */
export function connectionConfig(config: ConfigSource, name: string): ConfigSource {
  const profiles = connectionProfiles(config);
  const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  if (profile === undefined) {
    const known = Object.keys(profiles);
    throw new Error(
      `connection ${JSON.stringify(name)} is not a profile in ${CONNECTIONS_KEY}` +
        (known.length > 0 ? `; the profiles are ${known.join(", ")}` : `, which is not set: pulumi config set --secret ${CONNECTIONS_KEY} '{"${name}": {...}}'`),
    );
  }
  return { get: (key) => (Object.hasOwn(profile, key) ? profile[key] : config.get(key)) };
}

/** The profiles in `config` (none when the key is unset). Throws naming the key when it is not an object of string maps. */
export function connectionProfiles(config: ConfigSource): Readonly<Record<string, Readonly<Record<string, string>>>> {
  const text = config.get(CONNECTIONS_KEY);
  if (text === undefined || text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${CONNECTIONS_KEY} must be a JSON object from profile name to settings`);
  }
  const isStringMap = (value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value) && Object.values(value).every((member) => typeof member === "string");
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || !Object.values(parsed).every(isStringMap)) {
    throw new Error(`${CONNECTIONS_KEY} must be a JSON object from profile name to settings, each a string (e.g. {"sh": {"alicloud:region": "cn-shanghai"}})`);
  }
  return parsed as Record<string, Record<string, string>>;
}
