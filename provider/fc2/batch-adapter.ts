/**
 * Function Compute 2.0 as a target of the batched policy (`shared/batch.ts`): a target is one config, keyed
 * `service:function:qualifier` (the id `fc.FunctionAsyncInvokeConfig` uses); its settings are the four fields a
 * Put sets. Validation is the per-config resource's own `check`, so both resources accept and refuse the same values
 * with the same messages, and the calls are the same client calls with the same retry policy and time budget. What
 * every API's config target shares (identity refusal, validation once per distinct settings, "gone" codes) is
 * `shared/config-target-adapter.ts`.
 */
import type { TargetAdapter } from "../policy/batch";
import { configTargetAdapter, validatorOnly } from "../policy/config-target-adapter";
import { FunctionAsyncInvokeConfigProvider, GONE_CODES, parseId, putBody, type AsyncInvokeConfigApi } from "./provider";
import { FunctionNameSchema, QualifierSchema, SETTING_DEFAULTS, SETTING_KEYS, ServiceNameSchema, type CheckedInputs } from "./inputs";
import type { ConfigAddress } from "./wire";

/** `resourceName` is the batch's, for messages (`AsyncInvokePolicyBatch`). */
export function fc2TargetAdapter(api: () => AsyncInvokeConfigApi, resourceName: string): TargetAdapter {
  const validator = validatorOnly((none) => new FunctionAsyncInvokeConfigProvider(none));
  const refOf = (key: string): ConfigAddress => {
    const ref = parseId(key);
    if (ref === undefined) throw new Error(`${key} names no async invoke config`);
    return ref;
  };
  return configTargetAdapter({
    resourceName,
    keyProblem(key) {
      const ref = parseId(key);
      if (ref === undefined) return `expected "service:function:qualifier"; got ${JSON.stringify(key)}`;
      for (const [field, schema, value] of [
        ["serviceName", ServiceNameSchema, ref.serviceName],
        ["functionName", FunctionNameSchema, ref.functionName],
        ["qualifier", QualifierSchema, ref.qualifier],
      ] as const) {
        const result = schema.safeParse(value);
        if (!result.success) return `${field} ${result.error.issues[0]?.message ?? "is invalid"}`;
      }
      return undefined;
    },
    identityOf: (key) => ({ ...refOf(key) }),
    identityKeys: ["serviceName", "functionName", "qualifier"],
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
