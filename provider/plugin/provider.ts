/**
 * What the plugin does per request, independent of gRPC: provider configuration (check, diff, configure), the
 * resource methods by token, and the invokes.
 *
 * Every resource method is the dynamic resource's own: `configure(resourceType, config)` from
 * `dynamic-provider.ts` returns the check/diff/create/read/update/delete the serialized loader installs, bound to
 * this provider instance's settings. One plugin process serves one provider instance (the engine starts one per
 * explicit provider), so two explicit providers pointed at two accounts never share a connection.
 */
import { configure as configureDynamic } from "../dynamic-provider";
import type { ProviderMethods } from "../shared/dynamic/methods";
import type { ConfigSource } from "../shared/config";
import { PlaintextCredentialsError, checkProviderConfig, configSource, type ConfigFailure, type ConfigValue } from "./config";
import { INVOKES, checkArgs } from "./invokes";
import { RESOURCE_TOKENS } from "./tokens";

type Props = Record<string, unknown>;

export interface DiffOutcome {
  readonly changes: boolean | undefined;
  readonly replaces: readonly string[];
  readonly deleteBeforeReplace: boolean;
  /** Top-level properties whose value changed, for the engine's display. */
  readonly diffs: readonly string[];
}

/** Raised for a token the plugin does not implement. */
export class UnknownTokenError extends Error {
  constructor(kind: "resource" | "function", token: string, known: readonly string[]) {
    super(`asyncinvoke has no ${kind} ${token}; it has ${known.join(", ")}`);
    this.name = "UnknownTokenError";
  }
}

export class PluginProvider {
  #config: ConfigSource = configSource({});
  readonly #methods = new Map<string, ProviderMethods>();

  /** Unknown keys and values of the wrong type (the engine sends CheckConfig no secret marks: see `checkProviderConfig`). */
  checkConfig(news: Readonly<Record<string, ConfigValue>>): ConfigFailure[] {
    return checkProviderConfig(news, { plaintext: false });
  }

  /** Changed settings; a provider's settings can change in place (the next calls use the new ones). */
  diffConfig(olds: Props, news: Props): string[] {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((key) => key !== "version"));
    return [...keys].filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key])).sort();
  }

  /**
   * Takes the settings for every later call; the connection itself is made on the first call that needs it.
   * Throws `PlaintextCredentialsError` for a credential that arrived without its secret mark.
   */
  configure(values: Readonly<Record<string, ConfigValue>>): void {
    const failures = checkProviderConfig(values, { plaintext: true });
    if (failures.length > 0) throw new PlaintextCredentialsError(failures);
    this.#config = configSource(values);
    this.#methods.clear();
  }

  #resource(token: string): ProviderMethods {
    const resourceType = Object.hasOwn(RESOURCE_TOKENS, token) ? RESOURCE_TOKENS[token] : undefined;
    if (resourceType === undefined) throw new UnknownTokenError("resource", token, Object.keys(RESOURCE_TOKENS));
    let methods = this.#methods.get(token);
    if (methods === undefined) {
      methods = configureDynamic(resourceType, this.#config);
      this.#methods.set(token, methods);
    }
    return methods;
  }

  check(token: string, olds: Props, news: Props) {
    return this.#resource(token).check(olds, news);
  }

  async diff(token: string, id: string, olds: Props, news: Props, oldInputs: Props | undefined): Promise<DiffOutcome> {
    const result = await this.#resource(token).diff(id, olds, news);
    const before = oldInputs ?? olds;
    const keys = new Set([...Object.keys(news), ...Object.keys(oldInputs ?? {})]);
    const diffs = [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(news[key])).sort();
    return { changes: result.changes, replaces: result.replaces ?? [], deleteBeforeReplace: result.deleteBeforeReplace ?? false, diffs };
  }

  create(token: string, inputs: Props) {
    return this.#resource(token).create(inputs);
  }

  read(token: string, id: string, props: Props) {
    return this.#resource(token).read(id, props);
  }

  update(token: string, id: string, olds: Props, news: Props) {
    return this.#resource(token).update(id, olds, news);
  }

  delete(token: string, id: string, props: Props) {
    return this.#resource(token).delete(id, props);
  }

  /** The invoke's result, or the failures that stopped it before any call. */
  async invoke(token: string, args: Props): Promise<{ outputs?: Props; failures?: { property: string; reason: string }[] }> {
    const spec = Object.hasOwn(INVOKES, token) ? INVOKES[token] : undefined;
    if (spec === undefined) throw new UnknownTokenError("function", token, Object.keys(INVOKES));
    const failures = checkArgs(token, spec, args);
    if (failures.length > 0) return { failures };
    const defined = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null && value !== undefined));
    return { outputs: await spec.run(defined, this.#config) };
  }
}
