// The estate rules as pure functions, and the same rules as Pulumi resource policies over each resource type's
// own property names (this package's dynamic resources and plugin tokens, @pulumi/alicloud's two FC resources).
import type { ResourceValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { declaredConfigs, estatePolicies } from "../../../provider/estate/policies";
import { DEFAULT_RULE_SETTINGS, evaluate, ruleSettings } from "../../../provider/estate/rules";

const FAILED = "acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages";

describe("rules", () => {
  it("no config on FC: failure destination, event age (86400 default) and silent defaults; on FunctionGraph (3600 default) not the age", () => {
    expect(evaluate({ api: "fc2", config: null }).map((v) => [v.rule, v.enforcement, v.value])).toEqual([
      ["failure-destination-required", "mandatory", "none"],
      ["event-age-at-most", "advisory", "86400 (default)"],
      ["no-silent-defaults", "mandatory", "none"],
    ]);
    expect(evaluate({ api: "functiongraph", config: null }).map((v) => v.rule)).toEqual(["failure-destination-required", "no-silent-defaults"]);
  });

  it("async tasks are asked for only above the timeout threshold and only on FC", () => {
    const config = { maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 60, destinationConfig: { onFailure: { destination: FAILED } } };
    expect(evaluate({ api: "fc3", config, timeoutSeconds: 600 })).toEqual([]);
    expect(evaluate({ api: "fc3", config, timeoutSeconds: 601 })).toEqual([
      { rule: "async-task-for-long-timeouts", enforcement: "advisory", value: "timeout 601 s, async tasks off", message: "a function running longer than 600 s must have async tasks on (asyncTask: true)" },
    ]);
    expect(evaluate({ api: "fc3", config: { ...config, asyncTask: true }, timeoutSeconds: 900 })).toEqual([]);
    expect(evaluate({ api: "functiongraph", config, timeoutSeconds: 900 })).toEqual([]);
  });

  it("a config that restates every default breaks no-silent-defaults; one changed field clears it", () => {
    expect(evaluate({ api: "fc2", config: { maxAsyncRetryAttempts: 3, maxAsyncEventAgeInSeconds: 86400, asyncTask: false, destinationConfig: {} } }).map((v) => [v.rule, v.value])).toContainEqual(["no-silent-defaults", "every field at its default"]);
    expect(evaluate({ api: "fc2", config: { maxAsyncRetryAttempts: 2, destinationConfig: {} } }).map((v) => v.rule)).not.toContain("no-silent-defaults");
  });

  it("overrides are checked, naming the rule, the field and the allowed values", () => {
    expect(ruleSettings({ "retries-within-range": { max: 5 } })["retries-within-range"]).toEqual({ enforcement: "advisory", min: 1, max: 5 });
    expect(() => ruleSettings({ "retry-range": {} })).toThrow('unknown rule "retry-range"; allowed: failure-destination-required, retries-within-range, event-age-at-most, async-task-for-long-timeouts, no-silent-defaults');
    expect(() => ruleSettings({ "event-age-at-most": { maxAge: 1 } })).toThrow('rule event-age-at-most has no setting "maxAge"; allowed: enforcement, maxSeconds');
    expect(() => ruleSettings({ "event-age-at-most": { enforcement: "warn" } })).toThrow('rule event-age-at-most: enforcement must be one of mandatory, advisory, disabled; got "warn"');
    expect(() => ruleSettings({ "retries-within-range": { min: 4 } })).toThrow("rule retries-within-range: min (4) must not exceed max (3)");
    expect(DEFAULT_RULE_SETTINGS["event-age-at-most"].maxSeconds).toBe(43_200);
  });
});

/** Runs one policy's validateResource as @pulumi/policy's server does, collecting what it reports. */
function violations(policyName: string, type: string, props: Record<string, unknown>, config: Record<string, unknown> = {}): string[] {
  const policy = estatePolicies().find((p) => p.name === policyName);
  if (!policy || !("validateResource" in policy)) throw new Error(`no resource policy ${policyName}`);
  const reported: string[] = [];
  const defaults = Object.fromEntries(Object.entries((policy.configSchema?.properties ?? {}) as Record<string, { default?: unknown }>).map(([k, v]) => [k, v.default]));
  const args = { type, props, urn: `urn:pulumi:dev::p::${type}::r`, name: "r", getConfig: () => ({ ...defaults, ...config }) } as unknown as ResourceValidationArgs;
  const validate = policy.validateResource as (a: ResourceValidationArgs, report: (message: string) => void) => void;
  validate(args, (message) => reported.push(message));
  return reported;
}

describe("policies", () => {
  it("each rule is a resource policy with the rule's name, level and thresholds as its config", () => {
    expect(estatePolicies().map((p) => [p.name, p.enforcementLevel])).toEqual([
      ["failure-destination-required", "mandatory"],
      ["retries-within-range", "advisory"],
      ["event-age-at-most", "advisory"],
      ["async-task-for-long-timeouts", "advisory"],
      ["no-silent-defaults", "mandatory"],
    ]);
    expect(estatePolicies().find((p) => p.name === "event-age-at-most")?.configSchema).toEqual({ properties: { maxSeconds: { type: "integer", minimum: 0, default: 43200 } } });
  });

  it("reads this package's dynamic resources and plugin tokens by their own names", () => {
    expect(violations("failure-destination-required", "pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig", { serviceName: "shop", functionName: "orders" })).toEqual([
      "failure-destination-required: failed events are dropped: set destinationConfig.onFailure (fc2, value: no onFailure)",
    ]);
    expect(violations("failure-destination-required", "asyncinvoke:fc3:AsyncInvokeConfig", { functionName: "orders", destinationConfig: { onFailure: { destination: FAILED } } })).toEqual([]);
    expect(violations("retries-within-range", "asyncinvoke:functiongraph:AsyncInvokeConfig", { maxAsyncRetryAttempts: 0 })).toEqual(["retries-within-range: maxAsyncRetryAttempts must be from 1 to 3 (functiongraph, value: 0)"]);
    expect(violations("event-age-at-most", "pulumi-nodejs:dynamic/fc3:AsyncInvokeConfig", { maxAsyncEventAgeInSeconds: 7200 }, { maxSeconds: 3600 })).toEqual(["event-age-at-most: maxAsyncEventAgeInSeconds must be at most 3600 (fc3, value: 7200)"]);
  });

  it("reads each target of a batch, named by its key", () => {
    const props = { concurrency: 8, configs: { "shop:orders:LATEST": { maxAsyncRetryAttempts: 2, destinationConfig: { onFailure: { destination: FAILED } } }, "fc3/invoices:LATEST": {}, "functiongraph/default/reports:latest": { maxAsyncRetryAttempts: 2 } } };
    expect(violations("failure-destination-required", "pulumi-nodejs:dynamic/fc:AsyncInvokePolicyBatch", props)).toEqual([
      "failure-destination-required: fc3/invoices:LATEST failed events are dropped: set destinationConfig.onFailure (fc3, value: no onFailure)",
      "failure-destination-required: functiongraph/default/reports:latest failed events are dropped: set destinationConfig.onFailure (functiongraph, value: no onFailure)",
    ]);
  });

  it("reads @pulumi/alicloud's FC 2.0 and 3.0 resources by their property names", () => {
    const v2 = "alicloud:fc/functionAsyncInvokeConfig:FunctionAsyncInvokeConfig";
    const v3 = "alicloud:fc/v3AsyncInvokeConfig:V3AsyncInvokeConfig";
    expect(declaredConfigs(v2, { serviceName: "s", functionName: "f", maximumRetryAttempts: 8, maximumEventAgeInSeconds: 600, statefulInvocation: true, destinationConfig: { onFailure: { destination: FAILED } } })).toEqual([
      { api: "fc2", label: "", config: { maxAsyncRetryAttempts: 8, maxAsyncEventAgeInSeconds: 600, asyncTask: true, destinationConfig: { onFailure: { destination: FAILED } } } },
    ]);
    expect(violations("retries-within-range", v2, { maximumRetryAttempts: 8 })).toEqual(["retries-within-range: maxAsyncRetryAttempts must be from 1 to 3 (fc2, value: 8)"]);
    expect(violations("no-silent-defaults", v3, { functionName: "f", maxAsyncRetryAttempts: 3, asyncTask: false })).toEqual(["no-silent-defaults: the config only restates the API's defaults: decide the values (fc3, value: every field at its default)"]);
    expect(violations("failure-destination-required", v3, { functionName: "f", destinationConfig: { onFailure: { destination: FAILED } } })).toEqual([]);
    expect(declaredConfigs("alicloud:fc/function:Function", { timeout: 900 })).toEqual([]);
  });
});
