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
