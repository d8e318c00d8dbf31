/**
 * Function Compute 2.0 as a target of the batched policy (`shared/batch.ts`): a target is one config, keyed
 * `service:function:qualifier` (the id `fc.FunctionAsyncInvokeConfig` uses); its settings are the four fields a
 * Put sets. Validation is the per-config resource's own `check`, so both resources accept and refuse the same values
 * with the same messages, and the calls are the same client calls with the same retry policy and time budget.
 *
 * A fleet's targets mostly share their settings (the policy's), so `check` validates each distinct settings object
 * once per process and reuses the outcome for the other targets that carry it: the outcome depends on the settings
 * alone, since the key (the only other input) has passed `keyProblem` before `check` is called.
 */
import { isNotFoundError } from "../shared/errors";
import type { CheckedTarget, LiveTarget, Settings, TargetAdapter } from "../shared/batch";
import { FunctionAsyncInvokeConfigProvider, GONE_CODES, parseId, putBody, type AsyncInvokeConfigApi } from "./provider";
import { FunctionAsyncInvokeConfigInputSchema, FunctionNameSchema, QualifierSchema, SETTING_KEYS, ServiceNameSchema, type CheckedInputs } from "./inputs";
import type { AsyncInvokeConfig, ConfigAddress } from "./wire";

export const FC2_BATCH_RESOURCE = "AsyncInvokePolicyBatch";

const IDENTITY = ["serviceName", "functionName", "qualifier"];

/** Distinct settings objects whose validation is remembered; past this the memory starts over. */
const CHECK_MEMO_LIMIT = 1000;

export function fc2TargetAdapter(api: () => AsyncInvokeConfigApi): TargetAdapter {
  // `check` never calls the API; it is the per-config resource's validation, reused as it is.
  const validator = new FunctionAsyncInvokeConfigProvider(() => {
    throw new Error("validation makes no API calls");
  });
  const memo = new Map<string, CheckedTarget>();
  // What the schema fills in for a config that gives only its name: the same for every FC 2.0 target.
  const defaults = pick(FunctionAsyncInvokeConfigInputSchema.parse({ serviceName: "s", functionName: "f" }));
  const refOf = (key: string): ConfigAddress => {
    const ref = parseId(key);
    if (ref === undefined) throw new Error(`${key} names no async invoke config`);
    return ref;
  };
  return {
    resourceName: FC2_BATCH_RESOURCE,
    defaultsOf: () => defaults,

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

    async check(key, raw) {
      const named = IDENTITY.filter((field) => field in raw);
      if (named.length > 0) {
        return { failures: named.map((field) => ({ property: field, reason: `is set by the target's key (${key}); remove it from the settings` })) };
      }
      const memoKey = JSON.stringify(raw);
      const known = memo.get(memoKey);
      if (known !== undefined) return known;
      const result = await validator.check({}, { ...raw, ...refOf(key) });
      const inputs = result.inputs as Record<string, unknown>;
      const checked: CheckedTarget =
        result.failures !== undefined && result.failures.length > 0 ? { failures: result.failures } : { settings: pick(inputs), adopt: inputs["adoptExisting"] === true };
      if (memo.size >= CHECK_MEMO_LIMIT) memo.clear();
      memo.set(memoKey, checked);
      return checked;
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

function pick(values: Record<string, unknown>): Settings {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, values[key]]));
}

function live(config: AsyncInvokeConfig): LiveTarget {
  return { settings: pick(config), ...(config.lastModifiedTime !== "" && { note: `last modified ${config.lastModifiedTime}` }) };
}
