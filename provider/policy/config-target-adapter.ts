/**
 * A batch target that is one async invoke config, for any API: the part of a `TargetAdapter` (`batch.ts`) that is the
 * same whether the config lives on FC 2.0, FC 3.0 or FunctionGraph. An API's adapter says how its keys name a
 * config, which per-config resource validates the settings, and which client calls read, write and delete it; this
 * module does the rest once:
 *
 * - `check` refuses identity fields in a target's settings (the key sets them), then runs the per-config resource's
 *   own `check` on the settings plus the key's identity, so the batch and the per-config resource accept and refuse
 *   the same values with the same messages. A fleet's targets mostly carry the same settings (the policy's), so each
 *   distinct settings object is validated once per identity form and the outcome reused: it depends on nothing else,
 *   the key having passed `keyProblem` first.
 * - `get` and `delete` treat the API's "gone" codes as no config / already deleted.
 * - `defaultsOf` is what the per-config schema fills in for a target that gives only its identity, so the batch can
 *   leave fields at their default out of its inputs.
 */
import type { dynamic } from "@pulumi/pulumi";
import type { CheckedTarget, LiveTarget, Settings, TargetAdapter } from "./batch";
import { isNotFoundError } from "../shared/errors";

/** Distinct settings objects whose validation is remembered; past this the memory starts over. */
const CHECK_MEMO_LIMIT = 1000;

export interface ConfigTargetSpec<Live> {
  /** The batch resource's name in messages. */
  readonly resourceName: string;
  /** Why `key` names no config of this API (a fragment saying what is allowed), or `undefined`. */
  keyProblem(key: string): string | undefined;
  /** The identity fields `key` names, as the per-config resource takes them. Only called for keys without a problem. */
  identityOf(key: string): Record<string, unknown>;
  /** The per-config resource's identity fields: a target's settings may not set them. */
  readonly identityKeys: readonly string[];
  /** The fields a write sets, in the per-config resource's names. */
  readonly settingKeys: readonly string[];
  /** The per-config resource's `check` (it makes no API calls). */
  validate(news: Record<string, unknown>): Promise<dynamic.CheckResult>;
  /** What the per-config schema fills in for a config given only its identity. */
  readonly defaults: Settings;
  /** Error codes that mean the config (or its function, version or alias) is not there. */
  readonly goneCodes: ReadonlySet<string>;
  get(key: string): Promise<Live>;
  put(key: string, settings: Settings): Promise<Live>;
  delete(key: string): Promise<unknown>;
  /** When the live config last changed, for messages; "" when unknown. */
  lastModifiedOf(live: Live): string;
}

export function configTargetAdapter<Live extends object>(spec: ConfigTargetSpec<Live>): TargetAdapter {
  const memo = new Map<string, CheckedTarget>();
  const pick = (values: object): Settings => Object.fromEntries(spec.settingKeys.map((key) => [key, (values as Record<string, unknown>)[key]]));
  const live = (config: Live): LiveTarget => {
    const modified = spec.lastModifiedOf(config);
    return { settings: pick(config), ...(modified !== "" && { note: `last modified ${modified}` }) };
  };
  const gone = (error: unknown) => isNotFoundError(error) && spec.goneCodes.has(error.code);
  return {
    resourceName: spec.resourceName,
    defaultsOf: () => spec.defaults,
    keyProblem: (key) => spec.keyProblem(key),

    async check(key, raw) {
      const named = spec.identityKeys.filter((field) => field in raw);
      if (named.length > 0) {
        return { failures: named.map((field) => ({ property: field, reason: `is set by the target's key (${key}); remove it from the settings` })) };
      }
      const identity = spec.identityOf(key);
      const memoKey = JSON.stringify([Object.keys(identity).sort(), raw]);
      const known = memo.get(memoKey);
      if (known !== undefined) return known;
      const result = await spec.validate({ ...raw, ...identity });
      const inputs = (result.inputs ?? {}) as Record<string, unknown>;
      const checked: CheckedTarget =
        result.failures !== undefined && result.failures.length > 0 ? { failures: result.failures } : { settings: pick(inputs), adopt: inputs["adoptExisting"] === true };
      if (memo.size >= CHECK_MEMO_LIMIT) memo.clear();
      memo.set(memoKey, checked);
      return checked;
    },

    async get(key) {
      try {
        return live(await spec.get(key));
      } catch (error) {
        if (gone(error)) return undefined;
        throw error;
      }
    },

    async put(key, settings) {
      return live(await spec.put(key, settings));
    },

    async delete(key) {
      try {
        await spec.delete(key);
      } catch (error) {
        if (gone(error)) return;
        throw error;
      }
    },
  };
}

/** A per-config provider used only to validate: any API call from it is a bug. */
export function validatorOnly<P>(make: (api: () => never) => P): P {
  return make(() => {
    throw new Error("validation makes no API calls");
  });
}
