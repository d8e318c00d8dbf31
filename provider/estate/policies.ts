/**
 * The estate rules (`rules.ts`) as Pulumi policies, for a policy pack (`policy-pack/`): each rule one resource
 * policy with its thresholds as the policy's config and its enforcement level, judging every async config a
 * program declares:
 * - this package's dynamic resources (`pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig`, `…/fc3:AsyncInvokeConfig`,
 *   `…/functiongraph:AsyncInvokeConfig`, and each target of `…/fc:AsyncInvokePolicyBatch`) and the provider
 *   plugin's (`asyncinvoke:fc:FunctionAsyncInvokeConfig`, `asyncinvoke:fc3:AsyncInvokeConfig`,
 *   `asyncinvoke:functiongraph:AsyncInvokeConfig`), by their own property names;
 * - `@pulumi/alicloud`'s `alicloud:fc/functionAsyncInvokeConfig:FunctionAsyncInvokeConfig` (`maximumRetryAttempts`,
 *   `maximumEventAgeInSeconds`, `statefulInvocation`) and `alicloud:fc/v3AsyncInvokeConfig:V3AsyncInvokeConfig`
 *   (`maxAsyncRetryAttempts`, `maxAsyncEventAgeInSeconds`, `asyncTask`), both with `destinationConfig.onFailure/onSuccess.destination`.
 * A property the program leaves out is at the API's default, as in the cloud. A value still unknown at preview
 * (an output of another resource) stops the rule for that resource: @pulumi/policy's props proxy throws on it and
 * the engine reports the policy as not evaluated rather than guessing. Only `import type` from @pulumi/policy, so
 * the package itself does not depend on it; the pack does.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { APIS, apiOfKey } from "../apis";
import { BATCH_TYPE } from "../policy/batch-type";
import { typeKey } from "../shared/dynamic/resource-type";
import type { EstateApi, FoundConfig } from "./model";
import { DEFAULT_RULE_SETTINGS, RULES, type ConfigSettings, type Enforcement, type RuleId, type RuleSettings } from "./rules";

/** One async config a resource declares: its API, a label for the message, and its settings as the rules read them. */
export interface DeclaredConfig {
  readonly api: EstateApi;
  /** Empty for a resource that is one config; the target key for a batch's targets. */
  readonly label: string;
  readonly config: ConfigSettings;
}

type Props = Record<string, unknown>;
const num = (v: unknown) => (typeof v === "number" ? v : undefined);
const bool = (v: unknown) => (typeof v === "boolean" ? v : undefined);
const destinations = (v: unknown): FoundConfig["destinationConfig"] => {
  const d = (v ?? {}) as Props;
  const side = (s: unknown) => (s === null || s === undefined || (typeof s === "object" && Object.keys(s as object).length === 0) ? undefined : s);
  return { ...(side(d["onSuccess"]) !== undefined && { onSuccess: d["onSuccess"] }), ...(side(d["onFailure"]) !== undefined && { onFailure: d["onFailure"] }) };
};

/** This package's own property names (the dynamic resources and the provider plugin share them). */
function ownConfig(api: EstateApi, p: Props): ConfigSettings {
  return {
    maxAsyncRetryAttempts: num(p["maxAsyncRetryAttempts"]),
    maxAsyncEventAgeInSeconds: num(p["maxAsyncEventAgeInSeconds"]),
    ...(api !== "functiongraph" && { asyncTask: bool(api === "fc2" ? p["statefulInvocation"] : p["asyncTask"]) }),
    ...(api === "functiongraph" && { enableAsyncStatusLog: bool(p["enableAsyncStatusLog"]) }),
    destinationConfig: destinations(p["destinationConfig"]),
  };
}

const DYNAMIC = "pulumi-nodejs:dynamic/";
/** Each registered API's per-config type token (`fc3:AsyncInvokeConfig`), from the API registry. */
const OWN_TYPES: Readonly<Record<string, EstateApi>> = Object.fromEntries(APIS.map((entry) => [typeKey(entry.configType), entry.api satisfies EstateApi]));
export const ALICLOUD_FC2_TYPE = "alicloud:fc/functionAsyncInvokeConfig:FunctionAsyncInvokeConfig";
export const ALICLOUD_FC3_TYPE = "alicloud:fc/v3AsyncInvokeConfig:V3AsyncInvokeConfig";

/** The async configs a resource of `type` with inputs `props` declares; empty for any other resource. */
export function declaredConfigs(type: string, props: Props): DeclaredConfig[] {
  const key = type.startsWith(DYNAMIC) ? type.slice(DYNAMIC.length) : type.startsWith("asyncinvoke:") ? type.slice("asyncinvoke:".length) : undefined;
  if (key !== undefined) {
    const api = OWN_TYPES[key];
    if (api !== undefined) return [{ api, label: "", config: ownConfig(api, props) }];
    if (key === typeKey(BATCH_TYPE)) {
      return Object.entries((props["configs"] ?? {}) as Record<string, Props>).map(([target, p]) => {
        const targetApi = apiOfKey(target).api as EstateApi;
        return { api: targetApi, label: target, config: ownConfig(targetApi, p ?? {}) };
      });
    }
    return [];
  }
  if (type === ALICLOUD_FC2_TYPE) {
    return [{ api: "fc2", label: "", config: { maxAsyncRetryAttempts: num(props["maximumRetryAttempts"]), maxAsyncEventAgeInSeconds: num(props["maximumEventAgeInSeconds"]), asyncTask: bool(props["statefulInvocation"]), destinationConfig: destinations(props["destinationConfig"]) } }];
  }
  if (type === ALICLOUD_FC3_TYPE) {
    return [{ api: "fc3", label: "", config: { maxAsyncRetryAttempts: num(props["maxAsyncRetryAttempts"]), maxAsyncEventAgeInSeconds: num(props["maxAsyncEventAgeInSeconds"]), asyncTask: bool(props["asyncTask"]), destinationConfig: destinations(props["destinationConfig"]) } }];
  }
  return [];
}

/** Each rule's thresholds as a policy config schema (JSON Schema, defaults from `DEFAULT_RULE_SETTINGS`). */
function configSchema(id: RuleId) {
  const properties: Record<string, { type: "integer"; minimum: number; default: number }> = {};
  for (const [field, value] of Object.entries(DEFAULT_RULE_SETTINGS[id])) if (field !== "enforcement") properties[field] = { type: "integer", minimum: 0, default: value as number };
  return Object.keys(properties).length === 0 ? undefined : { properties };
}

/** The rules as resource policies; `enforcement` overrides a rule's default level (the pack's config may too). */
export function estatePolicies(enforcement: Partial<Record<RuleId, Exclude<Enforcement, "disabled">>> = {}): ResourceValidationPolicy[] {
  return RULES.map((rule): ResourceValidationPolicy => {
    const level = enforcement[rule.id] ?? DEFAULT_RULE_SETTINGS[rule.id].enforcement;
    const schema = configSchema(rule.id);
    return {
      name: rule.id,
      description: rule.description,
      enforcementLevel: level === "disabled" ? "disabled" : level,
      ...(schema !== undefined && { configSchema: schema }),
      validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        const configs = declaredConfigs(args.type, args.props as Props);
        if (configs.length === 0) return;
        const given = (schema === undefined ? {} : args.getConfig<Record<string, number>>()) as Record<string, number>;
        const settings = { ...DEFAULT_RULE_SETTINGS, [rule.id]: { ...DEFAULT_RULE_SETTINGS[rule.id], ...given } } as RuleSettings;
        for (const declared of configs) {
          const failed = rule.check({ api: declared.api, config: declared.config }, settings);
          if (failed) report(`${rule.id}: ${declared.label ? `${declared.label} ` : ""}${failed.message} (${declared.api}, value: ${failed.value})`);
        }
      },
    };
  });
}
