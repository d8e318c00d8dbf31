/**
 * An async invoke policy and its target functions read from stack config, so that dev, staging and prod share one
 * program and differ only in `Pulumi.<stack>.yaml`.
 *
 * Two places a policy can live, both read with the same schema:
 * - under a key, as structured YAML (`policyFromConfig(config, "asyncPolicy")`):
 *   ```yaml
 *   myproj:asyncPolicy:
 *     maxAsyncRetryAttempts: 2
 *     onFailure: acs:mns:cn-hangzhou:123456:/queues/failed/messages
 *   ```
 * - as the namespace's own keys (`policyFromConfig(config)`): `myproj:maxAsyncRetryAttempts: "2"`. This is the
 *   form `pulumi new` writes, because a template prompt can only set one flat key to a string.
 *
 * Destinations are written `onSuccess` / `onFailure: <resource name>` rather than the resource's
 * `destinationConfig.onFailure.destination`: one line per side reads better in YAML and fits a prompt. Everything
 * else has the resource's names, ranges and defaults (the ranges are taken from its schema, not restated).
 *
 * Pulumi hands a program every scalar config value as a string (`pulumi config set x 3` and prompt answers are
 * strings; `--path` and YAML give numbers), so numbers and booleans are also read from their text, as
 * `Config.getNumber` / `getBoolean` do. A bad value fails the program — and so `pulumi preview` — with the full
 * config key and the allowed values.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { APIS, DEFAULT_API, apiOfTarget } from "../apis";
// The policy's own fields are read with FC 2.0's resource schema: its ranges are the widest of the three APIs, and
// each target is checked again against its own API's (the target kinds, through the registry).
import { DestinationArnSchema, FunctionAsyncInvokeConfigInputSchema, describeValue } from "../fc2/inputs";
import { duplicateTargets, type AsyncInvokePolicyTarget, type AsyncPolicyOverrides } from "./async-invoke-policy";

/** What the readers need of `pulumi.Config`; a real `pulumi.Config` is one. */
export type ConfigReader = Pick<pulumi.Config, "name" | "get">;

/** The key `targetsFromConfig` reads when none is given. */
export const DEFAULT_TARGETS_KEY = "functions";

const resourceFields = FunctionAsyncInvokeConfigInputSchema.shape;

const integerText = (text: string): unknown => (/^\s*-?[0-9]+\s*$/.test(text) ? Number(text) : text);
const booleanText = (text: string): unknown => (text === "true" ? true : text === "false" ? false : text);

/** A resource field's schema (its range and message), also accepting the value as Pulumi's config text. */
function fromText<T extends z.ZodType>(schema: T, parse: (text: string) => unknown) {
  return z.preprocess((value) => (typeof value === "string" ? parse(value) : value), schema);
}

/** A destination side: a resource name, or `""` / `null` for none (in an override: remove the policy's). */
const DestinationSideSchema = z.preprocess((value) => (value === "" ? null : value), DestinationArnSchema.nullable());

function objectError(what: string, allowed: readonly string[]) {
  return {
    error: (issue: { code?: string; input?: unknown; keys?: string[] }) =>
      issue.code === "unrecognized_keys"
        ? `has unknown field${issue.keys?.length === 1 ? "" : "s"} ${(issue.keys ?? []).map((k) => JSON.stringify(k)).join(", ")}; allowed: ${allowed.join(", ")}`
        : `must be ${what}; got ${describeValue(issue.input)}`,
  };
}

const settingsShape = {
  maxAsyncRetryAttempts: fromText(resourceFields.maxAsyncRetryAttempts.unwrap(), integerText).optional(),
  maxAsyncEventAgeInSeconds: fromText(resourceFields.maxAsyncEventAgeInSeconds.unwrap(), integerText).optional(),
  statefulInvocation: fromText(resourceFields.statefulInvocation.unwrap(), booleanText).optional(),
  /** FC 3.0's name for the same switch as statefulInvocation: either sets it for targets on both APIs. */
  asyncTask: fromText(resourceFields.statefulInvocation.unwrap(), booleanText).optional(),
  onSuccess: DestinationSideSchema.optional(),
  onFailure: DestinationSideSchema.optional(),
  adoptExisting: fromText(resourceFields.adoptExisting.unwrap(), booleanText).optional(),
};

/** The fields a policy (or a target's overrides) may set in stack config. */
export const POLICY_CONFIG_FIELDS = Object.keys(settingsShape) as (keyof typeof settingsShape)[];

/** A policy or an override as written in stack config; every field optional. */
export const PolicySettingsConfigSchema = z
  .strictObject(settingsShape, objectError(`an object with the fields ${POLICY_CONFIG_FIELDS.join(", ")}`, POLICY_CONFIG_FIELDS))
  .superRefine((raw, ctx) => {
    if (raw.asyncTask !== undefined && raw.statefulInvocation !== undefined && raw.asyncTask !== raw.statefulInvocation) {
      ctx.addIssue({ code: "custom", path: ["asyncTask"], message: `names the same switch as statefulInvocation but is ${raw.asyncTask} where statefulInvocation is ${raw.statefulInvocation}; set one of them` });
    }
  });
export type PolicySettingsConfig = z.output<typeof PolicySettingsConfigSchema>;

const destination = (arn: string | null | undefined) => (arn ? { destination: arn } : undefined);

/**
 * A policy from stack config, with the resource's defaults filled in, so a program (and `pulumi stack output`)
 * can show the values a stack really applies.
 */
export const AsyncPolicyConfigSchema = PolicySettingsConfigSchema.transform((raw) => {
  const onSuccess = destination(raw.onSuccess);
  const onFailure = destination(raw.onFailure);
  // Unset fields take the resource schema's own defaults, by parsing "absent" through it.
  return {
    maxAsyncRetryAttempts: raw.maxAsyncRetryAttempts ?? resourceFields.maxAsyncRetryAttempts.parse(undefined),
    maxAsyncEventAgeInSeconds: raw.maxAsyncEventAgeInSeconds ?? resourceFields.maxAsyncEventAgeInSeconds.parse(undefined),
    statefulInvocation: raw.statefulInvocation ?? raw.asyncTask ?? resourceFields.statefulInvocation.parse(undefined),
    destinationConfig: { ...(onSuccess && { onSuccess }), ...(onFailure && { onFailure }) },
    adoptExisting: raw.adoptExisting ?? resourceFields.adoptExisting.parse(undefined),
  };
});
/** What `policyFromConfig` returns: every setting of the resource, settled. Spread it into `AsyncInvokePolicy`'s args. */
export type AsyncPolicy = z.output<typeof AsyncPolicyConfigSchema>;

/** A target's overrides from stack config: only what it sets; a destination set to `""` or `null` is removed. */
export const PolicyOverridesConfigSchema = PolicySettingsConfigSchema.transform((raw): AsyncPolicyOverrides => {
  const overrides: AsyncPolicyOverrides = {};
  if (raw.maxAsyncRetryAttempts !== undefined) overrides.maxAsyncRetryAttempts = raw.maxAsyncRetryAttempts;
  if (raw.maxAsyncEventAgeInSeconds !== undefined) overrides.maxAsyncEventAgeInSeconds = raw.maxAsyncEventAgeInSeconds;
  if (raw.statefulInvocation !== undefined) overrides.statefulInvocation = raw.statefulInvocation;
  if (raw.asyncTask !== undefined) overrides.asyncTask = raw.asyncTask;
  if (raw.adoptExisting !== undefined) overrides.adoptExisting = raw.adoptExisting;
  if (raw.onSuccess !== undefined || raw.onFailure !== undefined) {
    overrides.destinationConfig = {
      ...(raw.onSuccess !== undefined && { onSuccess: destination(raw.onSuccess) ?? null }),
      ...(raw.onFailure !== undefined && { onFailure: destination(raw.onFailure) ?? null }),
    };
  }
  return overrides;
});

/** Each API's target schema, by its registry entry. */
const TARGET_SCHEMAS = new Map(APIS.map((entry) => [entry, entry.targetKind.configSchema(PolicyOverridesConfigSchema)] as const));

/** One entry, read by the schema of the API it names (`api: fc3`), the first API's (FC 2.0) when it names none or an unknown one. */
const TargetConfigSchema = z.unknown().transform((value, ctx): AsyncInvokePolicyTarget => {
  const api = value !== null && typeof value === "object" ? (value as { api?: unknown }).api : undefined;
  const entry = (typeof api === "string" || api === undefined ? apiOfTarget({ api }) : undefined) ?? DEFAULT_API;
  const result = (TARGET_SCHEMAS.get(entry as (typeof APIS)[number]) as z.ZodType<AsyncInvokePolicyTarget>).safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path] as PropertyKey[] as (string | number)[] });
  return z.NEVER;
});

/** The target list as written in stack config: one entry per function, on any registered API. */
export const TargetsConfigSchema = z.array(TargetConfigSchema, {
  error: (issue) => `must be a list of ${APIS.map((entry) => entry.targetKind.configForm).join(" or ")}; got ${describeValue(issue.input)}`,
});

/** One problem with stack config: the full key (`myproj:asyncPolicy.maxAsyncRetryAttempts`) and what is wrong. */
export interface ConfigProblem {
  readonly key: string;
  readonly message: string;
}

/**
 * Stack config the policy cannot use. A `pulumi.RunError`, so Pulumi prints the message alone, without a stack
 * trace, and `pulumi preview` fails.
 */
export class PolicyConfigError extends pulumi.RunError {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[]) {
    super(`Invalid stack config:\n${problems.map((p) => `  ${p.key} ${p.message}`).join("\n")}`);
    this.name = "PolicyConfigError";
    this.problems = problems;
  }
}

/** `ns:root.a[2].b`: the spelling `pulumi config set --path` takes after the namespace. */
export function configKey(namespace: string, root: string, path: readonly PropertyKey[]): string {
  const rest = path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
  return `${namespace}:${root}${rest}`;
}

function problemsOf(error: z.ZodError, keyOf: (path: readonly PropertyKey[]) => string): ConfigProblem[] {
  return error.issues.map((issue) => ({ key: keyOf(issue.path), message: issue.message }));
}

/** A structured value: Pulumi gives it to the program as JSON text; anything else is kept as the string it is. */
function structured(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Reads a policy from stack config and fills the resource's defaults; throws `PolicyConfigError` naming each bad key.
 *
 * With `key`, the policy is the object at `<namespace>:<key>` (absent: all defaults). Without it, the fields are the
 * namespace's own keys — `<namespace>:maxAsyncRetryAttempts`, `…:maxAsyncEventAgeInSeconds`, `…:statefulInvocation`,
 * `…:onSuccess`, `…:onFailure`, `…:adoptExisting` — as a `pulumi new` prompt writes them.
 */
export function policyFromConfig(config: ConfigReader, key?: string): AsyncPolicy {
  let raw: unknown;
  let keyOf: (path: readonly PropertyKey[]) => string;
  if (key === undefined) {
    const fields: Record<string, string> = {};
    for (const field of POLICY_CONFIG_FIELDS) {
      const value = config.get(field);
      if (value !== undefined) fields[field] = value;
    }
    raw = fields;
    keyOf = ([field, ...rest]) => configKey(config.name, String(field ?? ""), rest);
  } else {
    const text = config.get(key);
    raw = text === undefined ? {} : structured(text);
    keyOf = (path) => configKey(config.name, key, path);
  }
  const result = AsyncPolicyConfigSchema.safeParse(raw);
  if (!result.success) throw new PolicyConfigError(problemsOf(result.error, keyOf));
  return result.data;
}

/**
 * Reads the target list at `<namespace>:<key>` (default `functions`; absent: no targets), each
 * `{serviceName, functionName, qualifier?, overrides?}` with overrides in the policy's config fields.
 * Throws `PolicyConfigError` naming each bad key, and each entry that repeats an earlier one.
 */
export function targetsFromConfig(config: ConfigReader, key: string = DEFAULT_TARGETS_KEY): AsyncInvokePolicyTarget[] {
  const text = config.get(key);
  if (text === undefined) return [];
  const keyOf = (path: readonly PropertyKey[]) => configKey(config.name, key, path);
  const result = TargetsConfigSchema.safeParse(structured(text));
  if (!result.success) throw new PolicyConfigError(problemsOf(result.error, keyOf));
  const problems = duplicateTargets(result.data).flatMap(({ key: target, indexes: [first, ...repeats] }) =>
    repeats.map((index) => ({
      key: keyOf([index]),
      message: `names ${target} again (first at ${keyOf([first ?? 0])}); list each service, function and qualifier once and put differences in overrides`,
    })),
  );
  if (problems.length > 0) throw new PolicyConfigError(problems);
  return result.data;
}
