/**
 * Function Compute 3.0 as a target of the batched policy (`shared/batch.ts`): a target is one config, keyed
 * `fc3/function:qualifier` (the key `fc.AsyncInvokePolicy` gives an FC 3.0 target: `fc3/` and the resource id of
 * `fc3.AsyncInvokeConfig`); its settings are the four fields a Put sets. Validation is `fc3.AsyncInvokeConfig`'s own
 * `check`, so both accept and refuse the same values with the same messages, and the calls are the same client
 * calls, under the same retry policy and time budget, with the same "gone" codes and the same Put body.
 */
import { GONE_CODES } from "../../contracts/fc3";
import type { LiveTarget, Settings, TargetAdapter } from "../shared/batch";
import type { ConfigSource } from "../shared/config";
import { isNotFoundError } from "../shared/errors";
import { FC3_API } from "./policy-target";
import { AsyncInvokeConfigProvider, CONFIG_ID, connectFc3, putBody, type AsyncInvokeConfigApi, type CreateProviderOptions } from "./provider";
import { FunctionNameSchema, IDENTITY_KEYS, QualifierSchema, SETTING_KEYS, type AsyncInvokeConfig, type CheckedInputs, type ConfigAddress } from "./schema";

/** What every FC 3.0 key starts with; no FC 2.0 key can (service names hold no `/`). */
export const FC3_KEY_PREFIX = `${FC3_API}/`;

/** The config a key names, or `undefined` unless it is `fc3/function:qualifier` (names not yet checked). */
export function parseFc3Key(key: string): ConfigAddress | undefined {
  return key.startsWith(FC3_KEY_PREFIX) ? CONFIG_ID.parse(key.slice(FC3_KEY_PREFIX.length)) : undefined;
}

export function fc3TargetAdapter(api: () => AsyncInvokeConfigApi, resourceName: string): TargetAdapter {
  // `check` never calls the API; it is the per-config resource's validation, reused as it is.
  const validator = new AsyncInvokeConfigProvider(() => {
    throw new Error("validation makes no API calls");
  });
  const refOf = (key: string): ConfigAddress => {
    const ref = parseFc3Key(key);
    if (ref === undefined) throw new Error(`${key} names no FC 3.0 async invoke config`);
    return ref;
  };
  return {
    resourceName,

    keyProblem(key) {
      const ref = parseFc3Key(key);
      if (ref === undefined) return `expected "${FC3_KEY_PREFIX}function:qualifier" for an FC 3.0 target; got ${JSON.stringify(key)}`;
      for (const [field, schema, value] of [
        ["functionName", FunctionNameSchema, ref.functionName],
        ["qualifier", QualifierSchema, ref.qualifier],
      ] as const) {
        const result = schema.safeParse(value);
        if (!result.success) return `${field} ${result.error.issues[0]?.message ?? "is invalid"}`;
      }
      return undefined;
    },

    async check(key, raw) {
      const named = IDENTITY_KEYS.filter((field) => field in raw);
      if (named.length > 0) {
        return { failures: named.map((field) => ({ property: field, reason: `is set by the target's key (${key}); remove it from the settings` })) };
      }
      const result = await validator.check({}, { ...raw, ...refOf(key) });
      if (result.failures !== undefined && result.failures.length > 0) return { failures: result.failures };
      const inputs = result.inputs as Record<string, unknown>;
      return { settings: pick(inputs), adopt: inputs["adoptExisting"] === true };
    },

    async get(key) {
      try {
        return live(await api().getAsyncInvokeConfig(refOf(key)));
      } catch (error) {
        if (isNotFoundError(error) && GONE_CODES.has(error.code)) return undefined;
        throw error;
      }
    },

    async put(key, settings) {
      return live(await api().putAsyncInvokeConfig(refOf(key), putBody(settings as unknown as CheckedInputs)));
    },

    async delete(key) {
      try {
        await api().deleteAsyncInvokeConfig(refOf(key));
      } catch (error) {
        if (isNotFoundError(error) && GONE_CODES.has(error.code)) return;
        throw error;
      }
    },
  };
}

/**
 * The FC 3.0 calls of a batch, connected as `fc3.AsyncInvokeConfig`'s provider connects (`connectFc3`). Nothing is
 * resolved until the first call, so a batch without FC 3.0 targets never needs its settings; a failed set-up is not kept.
 */
export function fc3BatchApi(config: ConfigSource | undefined, options: CreateProviderOptions = {}): () => AsyncInvokeConfigApi {
  let client: AsyncInvokeConfigApi | undefined;
  return () => (client ??= connectFc3(config, options));
}

function pick(values: Record<string, unknown>): Settings {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, values[key]]));
}

function live(config: AsyncInvokeConfig): LiveTarget {
  return { settings: pick(config), ...(config.lastModifiedTime !== "" && { note: `last modified ${config.lastModifiedTime}` }) };
}
