// A dynamic resource's optional `connection` input: the name of a connection profile (shared/config.ts) whose
// settings its calls use. Each method picks the provider configured for the resource's profile (the stack's own
// settings when none is named); the name stays among the inputs and outputs, the settings never enter them.
import { connectionConfig, CONNECTIONS_KEY, type ConfigSource } from "../config";
import type { ProviderMethods } from "./methods";
import type { RawProps } from "./props";

/** The input naming the profile. */
export const CONNECTION_KEY = "connection";

const nameOf = (props: RawProps | undefined): string | undefined => {
  const value = props?.[CONNECTION_KEY];
  return typeof value === "string" && value !== "" ? value : undefined;
};

function without(props: RawProps | undefined): RawProps {
  const { [CONNECTION_KEY]: _name, ...rest } = props ?? {};
  return rest;
}

function withName(props: RawProps, name: string | undefined): RawProps {
  return name === undefined ? props : { ...props, [CONNECTION_KEY]: name };
}

/** `configure`'s methods, each run by the provider configured for the resource's connection profile. */
export function withConnections(config: ConfigSource, configure: (config: ConfigSource) => ProviderMethods): ProviderMethods {
  const byProfile = new Map<string, ProviderMethods>();
  const stack = configure(config);
  const methods = (name: string | undefined): ProviderMethods => {
    if (name === undefined) return stack;
    let found = byProfile.get(name);
    if (found === undefined) {
      found = configure(connectionConfig(config, name));
      byProfile.set(name, found);
    }
    return found;
  };
  return {
    async check(olds, news) {
      const value = news[CONNECTION_KEY];
      const name = nameOf(news);
      if (value !== undefined && value !== null && typeof value !== "string") {
        return { inputs: news, failures: [{ property: CONNECTION_KEY, reason: `${CONNECTION_KEY} must be the name of a profile in ${CONNECTIONS_KEY}` }] };
      }
      if (name !== undefined) {
        try {
          methods(name);
        } catch (error) {
          return { inputs: news, failures: [{ property: CONNECTION_KEY, reason: (error as Error).message }] };
        }
      }
      const result = await methods(name).check(without(olds), without(news));
      return result.inputs === undefined ? result : { ...result, inputs: withName(result.inputs, name) };
    },
    async diff(id, olds, news) {
      // Another profile is another account or region: the config there is a different one.
      if (nameOf(olds) !== nameOf(news)) return { changes: true, replaces: [CONNECTION_KEY], deleteBeforeReplace: false };
      return methods(nameOf(news)).diff(id, without(olds), without(news));
    },
    async create(inputs) {
      const name = nameOf(inputs);
      const result = await methods(name).create(without(inputs));
      return result.outs === undefined ? result : { ...result, outs: withName(result.outs, name) };
    },
    async read(id, props) {
      const name = nameOf(props);
      const result = await methods(name).read(id, without(props));
      return {
        ...result,
        ...(result.props !== undefined && { props: withName(result.props, name) }),
        ...(result.inputs !== undefined && { inputs: withName(result.inputs, name) }),
      };
    },
    async update(id, olds, news) {
      const name = nameOf(news);
      const result = await methods(name).update(id, without(olds), without(news));
      return result.outs === undefined ? result : { ...result, outs: withName(result.outs, name) };
    },
    async delete(id, props) {
      await methods(nameOf(props)).delete(id, without(props));
    },
  };
}
