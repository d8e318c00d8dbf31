/**
 * Function Compute 3.0 as a target of the batched policy (`shared/batch.ts`): a target is one config, keyed
 * `fc3/function:qualifier` (the key `fc.AsyncInvokePolicy` gives an FC 3.0 target: `fc3/` and the resource id of
 * `fc3.AsyncInvokeConfig`); its settings are the four fields a Put sets. Validation is `fc3.AsyncInvokeConfig`'s own
 * `check`, so both accept and refuse the same values with the same messages, and the calls are the same client
 * calls, under the same retry policy and time budget, with the same "gone" codes and the same Put body.
 */
import { GONE_CODES } from "../../contracts/fc3";
import type { TargetAdapter } from "../policy/batch";
import { configTargetAdapter, validatorOnly } from "../policy/config-target-adapter";
import type { ConfigSource } from "../shared/config";
import { FC3_KEY_PREFIX } from "./policy-target";
import { AsyncInvokeConfigProvider, CONFIG_ID, connectFc3, putBody, type AsyncInvokeConfigApi, type CreateProviderOptions } from "./provider";
import { FunctionNameSchema, IDENTITY_KEYS, QualifierSchema, SETTING_DEFAULTS, SETTING_KEYS, type CheckedInputs, type ConfigAddress } from "./schema";

/** The config a key names, or `undefined` unless it is `fc3/function:qualifier` (names not yet checked). */
export function parseFc3Key(key: string): ConfigAddress | undefined {
  return key.startsWith(FC3_KEY_PREFIX) ? CONFIG_ID.parse(key.slice(FC3_KEY_PREFIX.length)) : undefined;
}

export function fc3TargetAdapter(api: () => AsyncInvokeConfigApi, resourceName: string): TargetAdapter {
  const validator = validatorOnly((none) => new AsyncInvokeConfigProvider(none));
  const refOf = (key: string): ConfigAddress => {
    const ref = parseFc3Key(key);
    if (ref === undefined) throw new Error(`${key} names no FC 3.0 async invoke config`);
    return ref;
  };
  return configTargetAdapter({
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
    identityOf: (key) => ({ ...refOf(key) }),
    identityKeys: IDENTITY_KEYS,
    settingKeys: SETTING_KEYS,
    validate: (news) => validator.check({}, news),
    defaults: SETTING_DEFAULTS,
    goneCodes: GONE_CODES,
    get: (key) => api().getAsyncInvokeConfig(refOf(key)),
    put: (key, settings) => api().putAsyncInvokeConfig(refOf(key), putBody(settings as unknown as CheckedInputs)),
    delete: (key) => api().deleteAsyncInvokeConfig(refOf(key)),
    lastModifiedOf: (config) => config.lastModifiedTime,
  });
}

/**
 * The FC 3.0 calls of a batch, connected as `fc3.AsyncInvokeConfig`'s provider connects (`connectFc3`). Nothing is
 * resolved until the first call, so a batch without FC 3.0 targets never needs its settings; a failed set-up is not kept.
 */
export function fc3BatchApi(config: ConfigSource | undefined, options: CreateProviderOptions = {}): () => AsyncInvokeConfigApi {
  let client: AsyncInvokeConfigApi | undefined;
  return () => (client ??= connectFc3(config, options));
}
