/**
 * FC 2.0 targets of `fc.AsyncInvokePolicy`: `{ serviceName, functionName, qualifier?, overrides? }` (`api: "fc2"`
 * may be written, and is the default), keyed `service:function:qualifier` like the resource id, checked against FC
 * 2.0's names and ranges, registered as `fc.FunctionAsyncInvokeConfig`.
 */
import { z } from "zod";
import { checkSettings, resolveSettings, type PolicyOverrides, type PolicySettings, type PolicyTarget, type PolicyTargetKind } from "../policy/policy-target";
import { idOf } from "./config-id";
import { FunctionAsyncInvokeConfig, type FunctionAsyncInvokeConfigArgs } from "./resource";
import {
  DEFAULT_QUALIFIER,
  FunctionNameSchema,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  QualifierSchema,
  ServiceNameSchema,
  describeValue,
} from "./inputs";

export const FC2_API = "fc2";

/** One FC 2.0 function (and qualifier) a policy applies to. */
export interface Fc2PolicyTarget {
  /** `fc2`, the default. */
  api?: "fc2";
  /** The FC service that holds the function: a letter or `_`, then letters, digits, `_`, `-`; 1–128 characters. */
  serviceName: string;
  /** The function to configure; same rule as `serviceName`. */
  functionName: string;
  /** `LATEST` (the default), a published version number or an alias name. */
  qualifier?: string;
  /** This target's differences from the policy. Default none. */
  overrides?: PolicyOverrides;
}

const serviceOf = (target: PolicyTarget) => (target as Partial<Fc2PolicyTarget>).serviceName;

export const fc2TargetKind = {
  api: FC2_API,
  accepts: (target) => target.api === undefined || target.api === FC2_API,
  key: (target) => idOf({ serviceName: serviceOf(target) ?? "", functionName: target.functionName, qualifier: target.qualifier ?? DEFAULT_QUALIFIER }),
  validate(target, where, policy) {
    const problems: string[] = [];
    const fields: [string, z.ZodType, unknown][] = [
      ["serviceName", ServiceNameSchema, serviceOf(target)],
      ["functionName", FunctionNameSchema, target.functionName],
      ["qualifier", QualifierSchema.optional(), target.qualifier],
    ];
    for (const [field, schema, value] of fields) {
      const result = schema.safeParse(value);
      if (!result.success) problems.push(`${where}${field} ${result.error.issues[0]?.message ?? `is invalid; got ${describeValue(value)}`}`);
    }
    const { destinationConfig: _sides, ...overrides } = target.overrides ?? {};
    const ranges = { maxAsyncRetryAttempts: MAX_ASYNC_RETRY_ATTEMPTS, maxAsyncEventAgeInSeconds: MAX_ASYNC_EVENT_AGE_IN_SECONDS };
    problems.push(...checkSettings(where, { ...policy, ...overrides }, ranges, "FC 2.0"));
    return problems;
  },
  register(name, policy, target, opts) {
    return new FunctionAsyncInvokeConfig(name, fc2TargetArgs(policy, target), opts);
  },
  settings(policy, target) {
    const { serviceName: _s, functionName: _f, qualifier: _q, ...settings } = fc2TargetArgs(policy, target);
    return settings;
  },
  configSchema: (overrides) => fc2TargetConfigSchema(overrides),
  configForm: "{serviceName, functionName, qualifier?, overrides?}",
} satisfies PolicyTargetKind;

/** An FC 2.0 target as written in stack config (`<project>:functions: [{serviceName, functionName, qualifier?, overrides?}]`). */
export function fc2TargetConfigSchema(overrides: z.ZodType<PolicyOverrides>) {
  const shape = {
    api: z.literal(FC2_API).optional(),
    serviceName: ServiceNameSchema,
    functionName: FunctionNameSchema,
    // YAML reads `qualifier: 1` (a version) as a number.
    qualifier: z.preprocess((value) => (typeof value === "number" ? String(value) : value), QualifierSchema).optional(),
    overrides: overrides.optional(),
  };
  const allowed = Object.keys(shape);
  return z
    .strictObject(shape, {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `has unknown field${issue.keys?.length === 1 ? "" : "s"} ${(issue.keys ?? []).map((k) => JSON.stringify(k)).join(", ")}; allowed: ${allowed.join(", ")}`
          : `must be an object {serviceName, functionName, qualifier?, overrides?}; got ${describeValue(issue.input)}`,
    })
    .transform(
      (t): Fc2PolicyTarget => ({
        serviceName: t.serviceName,
        functionName: t.functionName,
        ...(t.qualifier !== undefined && { qualifier: t.qualifier }),
        ...(t.overrides !== undefined && { overrides: t.overrides }),
      }),
    );
}

/** The `FunctionAsyncInvokeConfig` arguments of one target: the policy, then its overrides. */
export function fc2TargetArgs(policy: PolicySettings, target: PolicyTarget): FunctionAsyncInvokeConfigArgs {
  const settings = resolveSettings(policy, target.overrides, FC2_API);
  const args: FunctionAsyncInvokeConfigArgs = {
    serviceName: serviceOf(target) ?? "",
    functionName: target.functionName,
    ...(target.qualifier !== undefined && { qualifier: target.qualifier }),
  };
  if (settings.maxAsyncRetryAttempts !== undefined) args.maxAsyncRetryAttempts = settings.maxAsyncRetryAttempts;
  if (settings.maxAsyncEventAgeInSeconds !== undefined) args.maxAsyncEventAgeInSeconds = settings.maxAsyncEventAgeInSeconds;
  if (settings.asyncTask !== undefined) args.statefulInvocation = settings.asyncTask;
  if (settings.adoptExisting !== undefined) args.adoptExisting = settings.adoptExisting;
  if (settings.destinationConfig !== undefined) args.destinationConfig = settings.destinationConfig as FunctionAsyncInvokeConfigArgs["destinationConfig"];
  return args;
}
