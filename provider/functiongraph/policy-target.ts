/**
 * FunctionGraph targets of `fc.AsyncInvokePolicy`: `{ api: "functiongraph", functionUrn, overrides? }` or
 * `{ api: "functiongraph", functionName, qualifier?, package?, overrides? }`, keyed `functiongraph/{urn}` or
 * `functiongraph/{package}/{function}:{qualifier}` (forms no FC 2.0 or 3.0 key takes), checked against FunctionGraph's
 * names and ranges (retries 0–3, event age 1–86400) and registered as `functiongraph.AsyncInvokeConfig`.
 *
 * Destinations: the policy-level `destinationConfig` names FC resources (`acs:mns:…`), which FunctionGraph cannot
 * deliver to, so it is NOT applied to FunctionGraph targets. A FunctionGraph target gets the policy's
 * `destinations.functiongraph`, then its own `overrides.destinationConfig` side by side (absent keeps, given replaces,
 * `null` removes), both in FunctionGraph's typed form (`{ type: "OBS", bucket, prefix?, expires? }`,
 * `{ type: "SMN", topicUrn }`, `{ type: "DIS", streamName }`, `{ type: "FunctionGraph", functionUrn }`).
 * `statefulInvocation`/`asyncTask` have no FunctionGraph counterpart and do not apply; `enableAsyncStatusLog` may be
 * given in the overrides.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { MAX_ASYNC_EVENT_AGE_IN_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS } from "../../contracts/functiongraph/config";
import { checkSettings, policyDestinations, withOverrides, type PolicySettings, type PolicyTarget, type PolicyTargetKind } from "../policy/policy-target";
import { AsyncInvokeConfig, type AsyncInvokeConfigArgs } from "./resource";
import { DestinationConfigSchema, parseInputs, type DestinationConfig } from "./schema";

export const FUNCTIONGRAPH_API = "functiongraph";
/** What every FunctionGraph target's key starts with; no FC 2.0 key can (service names hold no `/`). */
export const FUNCTIONGRAPH_KEY_PREFIX = `${FUNCTIONGRAPH_API}/`;

/** Per-target changes for a FunctionGraph target; destinations in FunctionGraph's typed form. */
export interface FunctionGraphPolicyOverrides {
  maxAsyncRetryAttempts?: pulumi.Input<number>;
  maxAsyncEventAgeInSeconds?: pulumi.Input<number>;
  enableAsyncStatusLog?: pulumi.Input<boolean>;
  /** Merged side by side into the policy's `destinations.functiongraph` (`null` removes a side); the FC-form `destinationConfig` is not applied. */
  destinationConfig?: pulumi.Input<{ onSuccess?: DestinationConfig["onSuccess"] | null; onFailure?: DestinationConfig["onFailure"] | null }>;
  adoptExisting?: pulumi.Input<boolean>;
}

/** One FunctionGraph function (version or alias) a policy applies to, by full URN or by name. */
export type FunctionGraphPolicyTarget =
  | { api: "functiongraph"; functionUrn: string; functionName?: never; qualifier?: never; package?: never; overrides?: FunctionGraphPolicyOverrides }
  | { api: "functiongraph"; functionName: string; qualifier?: string; package?: string; functionUrn?: never; overrides?: FunctionGraphPolicyOverrides };

type Loose = { functionUrn?: string; functionName?: string; qualifier?: string; package?: string; overrides?: FunctionGraphPolicyOverrides };

/** The identity fields as the resource checks them (URN normalised, qualifier and package defaulted). */
function identity(target: Loose) {
  const raw: Record<string, unknown> =
    target.functionUrn !== undefined
      ? { functionUrn: target.functionUrn }
      : { functionName: target.functionName, ...(target.qualifier !== undefined && { qualifier: target.qualifier }), ...(target.package !== undefined && { package: target.package }) };
  return parseInputs(raw);
}

export const functionGraphTargetKind = {
  api: FUNCTIONGRAPH_API,
  accepts: (target) => target.api === FUNCTIONGRAPH_API,
  key(target) {
    const t = target as Loose;
    const parsed = identity(t);
    if (parsed.success && "functionUrn" in parsed.data) return `${FUNCTIONGRAPH_KEY_PREFIX}${parsed.data.functionUrn}`;
    if (parsed.success && "functionName" in parsed.data) return `${FUNCTIONGRAPH_KEY_PREFIX}${parsed.data.package}/${parsed.data.functionName}:${parsed.data.qualifier}`;
    return `${FUNCTIONGRAPH_KEY_PREFIX}${t.functionUrn ?? `${t.package ?? "default"}/${t.functionName}:${t.qualifier ?? "latest"}`}`;
  },
  validate(target, where, policy) {
    const t = target as Loose;
    const problems: string[] = [];
    if (t.functionUrn !== undefined && (t.functionName !== undefined || t.qualifier !== undefined || t.package !== undefined)) {
      problems.push(`${where}functionUrn cannot be combined with functionName, qualifier or package; give one form`);
    } else {
      const parsed = identity(t);
      if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${where}${issue.message}`);
    }
    const given = (t.overrides ?? {}) as Record<string, unknown>;
    for (const field of ["statefulInvocation", "asyncTask"]) {
      if (given[field] !== undefined) problems.push(`${where}overrides.${field} does not apply to FunctionGraph targets; allowed overrides: maxAsyncRetryAttempts, maxAsyncEventAgeInSeconds, enableAsyncStatusLog, destinationConfig, adoptExisting`);
    }
    const ranges = { maxAsyncRetryAttempts: MAX_ASYNC_RETRY_ATTEMPTS, maxAsyncEventAgeInSeconds: MAX_ASYNC_EVENT_AGE_IN_SECONDS };
    const numbers: PolicySettings = {};
    const retries = t.overrides?.maxAsyncRetryAttempts ?? policy.maxAsyncRetryAttempts;
    const age = t.overrides?.maxAsyncEventAgeInSeconds ?? policy.maxAsyncEventAgeInSeconds;
    if (retries !== undefined) numbers.maxAsyncRetryAttempts = retries;
    if (age !== undefined) numbers.maxAsyncEventAgeInSeconds = age;
    problems.push(...checkSettings(where, numbers, ranges, "FunctionGraph"));
    return problems;
  },
  register(name, policy, target, opts) {
    return new AsyncInvokeConfig(name, functionGraphTargetArgs(policy, target), opts);
  },
  settings(policy, target) {
    const { functionUrn: _u, functionName: _f, qualifier: _q, package: _p, ...settings } = functionGraphTargetArgs(policy, target) as Record<string, unknown>;
    return settings;
  },
  configSchema: () => functionGraphTargetConfigSchema(),
  configForm: "{api: functiongraph, functionUrn | functionName, qualifier?, package?, overrides?}",
} satisfies PolicyTargetKind;

/**
 * The `functiongraph.AsyncInvokeConfig` arguments of one target: the policy's retries, event age, adoptExisting and
 * `destinations.functiongraph`, then the target's overrides. The policy's (FC-form) destinationConfig and task switch
 * are not applied.
 */
export function functionGraphTargetArgs(policy: PolicySettings, target: PolicyTarget | FunctionGraphPolicyTarget): AsyncInvokeConfigArgs {
  const t = target as Loose;
  const o = t.overrides ?? {};
  const args: { [field: string]: unknown; maxAsyncRetryAttempts?: unknown; maxAsyncEventAgeInSeconds?: unknown; enableAsyncStatusLog?: unknown; destinationConfig?: unknown; adoptExisting?: unknown } =
    t.functionUrn !== undefined
      ? { functionUrn: t.functionUrn }
      : { functionName: t.functionName, ...(t.qualifier !== undefined && { qualifier: t.qualifier }), ...(t.package !== undefined && { package: t.package }) };
  const retries = o.maxAsyncRetryAttempts ?? policy.maxAsyncRetryAttempts;
  const age = o.maxAsyncEventAgeInSeconds ?? policy.maxAsyncEventAgeInSeconds;
  const adopt = o.adoptExisting ?? policy.adoptExisting;
  if (retries !== undefined) args.maxAsyncRetryAttempts = retries;
  if (age !== undefined) args.maxAsyncEventAgeInSeconds = age;
  if (o.enableAsyncStatusLog !== undefined) args.enableAsyncStatusLog = o.enableAsyncStatusLog;
  const destinations = withOverrides(policyDestinations(policy, FUNCTIONGRAPH_API, false), o.destinationConfig);
  if (destinations !== undefined) args.destinationConfig = destinations;
  if (adopt !== undefined) args.adoptExisting = adopt;
  return args as AsyncInvokeConfigArgs;
}

/** A FunctionGraph target as written in stack config (`{api: functiongraph, functionUrn | functionName…, overrides?}`). */
export function functionGraphTargetConfigSchema() {
  const intIn = (r: { min: number; max: number; default: number }) => {
    const rule = `must be an integer from ${r.min} to ${r.max} (default ${r.default}) on FunctionGraph`;
    return z.number({ error: (issue) => `${rule}; got ${JSON.stringify(issue.input)}` }).superRefine((n, ctx) => {
      if (!(Number.isInteger(n) && n >= r.min && n <= r.max)) ctx.addIssue({ code: "custom", message: `${rule}; got ${n}` });
    });
  };
  const overrides = z.strictObject({
    maxAsyncRetryAttempts: intIn(MAX_ASYNC_RETRY_ATTEMPTS).optional(),
    maxAsyncEventAgeInSeconds: intIn(MAX_ASYNC_EVENT_AGE_IN_SECONDS).optional(),
    enableAsyncStatusLog: z.boolean({ error: "enableAsyncStatusLog must be true or false" }).optional(),
    destinationConfig: DestinationConfigSchema.optional(),
    adoptExisting: z.boolean({ error: "adoptExisting must be true or false" }).optional(),
  });
  const shape = {
    api: z.literal(FUNCTIONGRAPH_API),
    functionUrn: z.string().optional(),
    functionName: z.string().optional(),
    qualifier: z.preprocess((value) => (typeof value === "number" ? String(value) : value), z.string()).optional(),
    package: z.string().optional(),
    overrides: overrides.optional(),
  };
  return z
    .strictObject(shape, {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `has unknown field(s) ${(issue.keys ?? []).map((k) => JSON.stringify(k)).join(", ")}; allowed: ${Object.keys(shape).join(", ")}`
          : `must be an object {api: "functiongraph", functionUrn | functionName, qualifier?, package?, overrides?}`,
    })
    .superRefine((t, ctx) => {
      // The names only: the override numbers were checked by their own fields above.
      const { overrides: _numbers, ...names } = t;
      for (const problem of functionGraphTargetKind.validate(names as unknown as PolicyTarget, "", {})) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((t): FunctionGraphPolicyTarget => {
      const o = t.overrides === undefined ? {} : { overrides: t.overrides as FunctionGraphPolicyOverrides };
      if (t.functionUrn !== undefined) return { api: "functiongraph", functionUrn: t.functionUrn, ...o };
      return {
        api: "functiongraph",
        functionName: t.functionName ?? "",
        ...(t.qualifier !== undefined && { qualifier: t.qualifier }),
        ...(t.package !== undefined && { package: t.package }),
        ...o,
      };
    });
}
