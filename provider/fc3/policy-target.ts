/**
 * FC 3.0 targets of `fc.AsyncInvokePolicy`: `{ api: "fc3", functionName, qualifier?, overrides? }`, keyed
 * `fc3/{function}:{qualifier}` (a `/` no 2.0 service name can hold, so keys never collide with 2.0's
 * `service:function:qualifier`), checked against FC 3.0's names and ranges, registered as `fc3.AsyncInvokeConfig`.
 */
import { z } from "zod";
import { DEFAULT_QUALIFIER, MAX_ASYNC_EVENT_AGE_IN_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS } from "../../contracts/fc3";
import { checkSettings, resolveSettings, type PolicyOverrides, type PolicySettings, type PolicyTarget, type PolicyTargetKind } from "../policy/policy-target";
import { AsyncInvokeConfig, type AsyncInvokeConfigArgs } from "./resource";
import { FunctionNameSchema, QualifierSchema, describeValue } from "./schema";

export const FC3_API = "fc3";
/** What every FC 3.0 target's key starts with; no FC 2.0 key can (service names hold no `/`). */
export const FC3_KEY_PREFIX = `${FC3_API}/`;

/** One FC 3.0 function (and qualifier) a policy applies to. */
export interface Fc3PolicyTarget {
  api: "fc3";
  /** The function: a letter or `_`, then letters, digits, `_`, `-`; 1–128 characters. */
  functionName: string;
  /** `LATEST` (default), a published version number or an alias name. */
  qualifier?: string;
  overrides?: PolicyOverrides;
}

export const fc3TargetKind = {
  api: FC3_API,
  accepts: (target) => target.api === FC3_API,
  key: (target) => `${FC3_KEY_PREFIX}${target.functionName}:${target.qualifier ?? DEFAULT_QUALIFIER}`,
  validate(target, where, policy) {
    const problems: string[] = [];
    const fields: [string, z.ZodType, unknown][] = [
      ["functionName", FunctionNameSchema, target.functionName],
      ["qualifier", QualifierSchema.optional(), target.qualifier],
    ];
    for (const [field, schema, value] of fields) {
      const result = schema.safeParse(value);
      if (!result.success) problems.push(`${where}${field} ${result.error.issues[0]?.message ?? `is invalid; got ${describeValue(value)}`}`);
    }
    const ranges = { maxAsyncRetryAttempts: MAX_ASYNC_RETRY_ATTEMPTS, maxAsyncEventAgeInSeconds: MAX_ASYNC_EVENT_AGE_IN_SECONDS };
    const { destinationConfig: _sides, ...overrides } = target.overrides ?? {};
    problems.push(...checkSettings(where, { ...policy, ...overrides }, ranges, "FC 3.0"));
    return problems;
  },
  register(name, policy, target, opts) {
    return new AsyncInvokeConfig(name, fc3TargetArgs(policy, target), opts);
  },
  settings(policy, target) {
    const { functionName: _f, qualifier: _q, ...settings } = fc3TargetArgs(policy, target);
    return settings;
  },
  configSchema: (overrides) => fc3TargetConfigSchema(overrides),
  configForm: "{api: fc3, functionName, qualifier?, overrides?}",
} satisfies PolicyTargetKind;

/** The `fc3.AsyncInvokeConfig` arguments of one target: the policy, then its overrides. */
export function fc3TargetArgs(policy: PolicySettings, target: PolicyTarget): AsyncInvokeConfigArgs {
  const settings = resolveSettings(policy, target.overrides, FC3_API);
  const args: AsyncInvokeConfigArgs = { functionName: target.functionName, ...(target.qualifier !== undefined && { qualifier: target.qualifier }) };
  if (settings.maxAsyncRetryAttempts !== undefined) args.maxAsyncRetryAttempts = settings.maxAsyncRetryAttempts;
  if (settings.maxAsyncEventAgeInSeconds !== undefined) args.maxAsyncEventAgeInSeconds = settings.maxAsyncEventAgeInSeconds;
  if (settings.asyncTask !== undefined) args.asyncTask = settings.asyncTask;
  if (settings.adoptExisting !== undefined) args.adoptExisting = settings.adoptExisting;
  if (settings.destinationConfig !== undefined) args.destinationConfig = settings.destinationConfig as AsyncInvokeConfigArgs["destinationConfig"];
  return args;
}

/**
 * An FC 3.0 target as written in stack config (`<project>:functions: [{api: fc3, functionName, qualifier?, overrides?}]`),
 * its override numbers checked against FC 3.0's ranges. `overrides` is the policy config's own schema, passed in
 * so this module does not depend on the policy's.
 */
export function fc3TargetConfigSchema(overrides: z.ZodType<PolicyOverrides>) {
  const rule = (r: { min: number; max: number; default: number }) => `must be an integer from ${r.min} to ${r.max} (default ${r.default}) on FC 3.0`;
  const inRange = (field: "maxAsyncRetryAttempts" | "maxAsyncEventAgeInSeconds", r: { min: number; max: number; default: number }) =>
    (value: PolicyOverrides, ctx: z.RefinementCtx) => {
      const n = value[field];
      if (typeof n === "number" && (n < r.min || n > r.max)) ctx.addIssue({ code: "custom", path: [field], message: `${rule(r)}; got ${n}` });
    };
  const shape = {
    api: z.literal(FC3_API),
    functionName: FunctionNameSchema,
    qualifier: z.preprocess((value) => (typeof value === "number" ? String(value) : value), QualifierSchema).optional(),
    overrides: overrides.superRefine(inRange("maxAsyncRetryAttempts", MAX_ASYNC_RETRY_ATTEMPTS)).superRefine(inRange("maxAsyncEventAgeInSeconds", MAX_ASYNC_EVENT_AGE_IN_SECONDS)).optional(),
  };
  return z
    .strictObject(shape, {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `has unknown field(s) ${(issue.keys ?? []).map((k) => JSON.stringify(k)).join(", ")}; allowed: ${Object.keys(shape).join(", ")}`
          : `must be an object {api: "fc3", functionName, qualifier?, overrides?}; got ${describeValue(issue.input)}`,
    })
    .transform((t): Fc3PolicyTarget => ({
      api: "fc3",
      functionName: t.functionName,
      ...(t.qualifier !== undefined && { qualifier: t.qualifier }),
      ...(t.overrides !== undefined && { overrides: t.overrides }),
    }));
}
