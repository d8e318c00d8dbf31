// policyFromConfig / targetsFromConfig read through a real pulumi.Config, with the config map set the way the
// language host passes it: every value a string, structured values as JSON text.
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, test } from "vitest";
import {
  PolicyConfigError,
  configKey,
  policyFromConfig,
  targetsFromConfig,
  type AsyncPolicy,
} from "../../../provider/policy/policy-config";

const NS = "myproj";
const QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages";
const TOPIC = "acs:mns:cn-hangzhou:1234567890123456:/topics/done/messages";
const DESTINATION_RULE =
  "must be an Alibaba Cloud resource name of a supported destination, one of: acs:mns:{region}:{accountId}:/queues/{queue}/messages, " +
  "acs:mns:{region}:{accountId}:/topics/{topic}/messages, acs:fc:{region}:{accountId}:services/{service}[.{qualifier}]/functions/{function}, " +
  "acs:eventbridge:{region}:{accountId}:eventbus/{eventBus}, acs:mq:{region}:{accountId}:/instances/{instanceId}/topic/{topic}";

const DEFAULTS: AsyncPolicy = {
  maxAsyncRetryAttempts: 3,
  maxAsyncEventAgeInSeconds: 86400,
  statefulInvocation: false,
  destinationConfig: {},
  adoptExisting: false,
};

/** Stack config as the program sees it; objects become JSON text, as Pulumi passes structured values. */
function withConfig(values: Record<string, unknown>): pulumi.Config {
  const text = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  pulumi.runtime.setAllConfig(text);
  return new pulumi.Config(NS);
}

/** The problems a call reports, as "key message" lines. */
function problems(call: () => unknown): string[] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyConfigError);
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    return (error as PolicyConfigError).problems.map((p) => `${p.key} ${p.message}`);
  }
  throw new Error("expected a PolicyConfigError, but the call succeeded");
}

afterEach(() => pulumi.runtime.setAllConfig({}));

describe("policyFromConfig under a key (structured YAML)", () => {
  test.each<[string, unknown, AsyncPolicy]>([
    ["an empty object gives the resource's defaults", {}, DEFAULTS],
    ["numbers and booleans as YAML writes them", { maxAsyncRetryAttempts: 0, maxAsyncEventAgeInSeconds: 3600, statefulInvocation: true }, { ...DEFAULTS, maxAsyncRetryAttempts: 0, maxAsyncEventAgeInSeconds: 3600, statefulInvocation: true }],
    ["numbers and booleans as config text", { maxAsyncRetryAttempts: "8", maxAsyncEventAgeInSeconds: "2592000", statefulInvocation: "false" }, { ...DEFAULTS, maxAsyncRetryAttempts: 8, maxAsyncEventAgeInSeconds: 2592000 }],
    ["both destinations", { onSuccess: TOPIC, onFailure: QUEUE }, { ...DEFAULTS, destinationConfig: { onSuccess: { destination: TOPIC }, onFailure: { destination: QUEUE } } }],
    ["an empty or null destination is none", { onSuccess: "", onFailure: null }, DEFAULTS],
    ["adoptExisting", { adoptExisting: true }, { ...DEFAULTS, adoptExisting: true }],
    ["the lower bounds", { maxAsyncRetryAttempts: 0, maxAsyncEventAgeInSeconds: 1 }, { ...DEFAULTS, maxAsyncRetryAttempts: 0, maxAsyncEventAgeInSeconds: 1 }],
  ])("%s", (_name, value, expected) => {
    expect(policyFromConfig(withConfig({ [`${NS}:asyncPolicy`]: value }), "asyncPolicy")).toEqual(expected);
  });

  test("an absent key gives the resource's defaults", () => {
    expect(policyFromConfig(withConfig({}), "asyncPolicy")).toEqual(DEFAULTS);
  });

  test.each<[string, unknown, string[]]>([
    ["retries above 8", { maxAsyncRetryAttempts: 9 }, ["myproj:asyncPolicy.maxAsyncRetryAttempts must be an integer from 0 to 8 (default 3); got 9"]],
    ["negative retries", { maxAsyncRetryAttempts: -1 }, ["myproj:asyncPolicy.maxAsyncRetryAttempts must be an integer from 0 to 8 (default 3); got -1"]],
    ["fractional retries", { maxAsyncRetryAttempts: 1.5 }, ["myproj:asyncPolicy.maxAsyncRetryAttempts must be an integer from 0 to 8 (default 3); got 1.5"]],
    ["retries as words", { maxAsyncRetryAttempts: "three" }, ['myproj:asyncPolicy.maxAsyncRetryAttempts must be an integer from 0 to 8 (default 3); got "three"']],
    ["null retries", { maxAsyncRetryAttempts: null }, ["myproj:asyncPolicy.maxAsyncRetryAttempts must be an integer from 0 to 8 (default 3); got null"]],
    ["event age 0", { maxAsyncEventAgeInSeconds: 0 }, ["myproj:asyncPolicy.maxAsyncEventAgeInSeconds must be an integer from 1 to 2592000 (default 86400); got 0"]],
    ["event age above 30 days", { maxAsyncEventAgeInSeconds: "2592001" }, ["myproj:asyncPolicy.maxAsyncEventAgeInSeconds must be an integer from 1 to 2592000 (default 86400); got 2592001"]],
    ["stateful as yes", { statefulInvocation: "yes" }, ['myproj:asyncPolicy.statefulInvocation must be true or false (default false); got "yes"']],
    ["a destination that is not a resource name", { onFailure: "my-queue" }, [`myproj:asyncPolicy.onFailure ${DESTINATION_RULE}; got "my-queue"`]],
    ["a destination as the resource's block", { onFailure: { destination: QUEUE } }, [`myproj:asyncPolicy.onFailure ${DESTINATION_RULE}; got {"destination":"${QUEUE}"}`]],
    [
      "a misspelt field",
      { maxRetryAttempts: 2 },
      ['myproj:asyncPolicy has unknown field "maxRetryAttempts"; allowed: maxAsyncRetryAttempts, maxAsyncEventAgeInSeconds, statefulInvocation, asyncTask, onSuccess, onFailure, adoptExisting'],
    ],
    [
      "the resource's destinationConfig",
      { destinationConfig: {}, qualifier: "LATEST" },
      ['myproj:asyncPolicy has unknown fields "destinationConfig", "qualifier"; allowed: maxAsyncRetryAttempts, maxAsyncEventAgeInSeconds, statefulInvocation, asyncTask, onSuccess, onFailure, adoptExisting'],
    ],
    ["a plain string", "retry-thrice", ['myproj:asyncPolicy must be an object with the fields maxAsyncRetryAttempts, maxAsyncEventAgeInSeconds, statefulInvocation, asyncTask, onSuccess, onFailure, adoptExisting; got "retry-thrice"']],
    ["a list", [1], ["myproj:asyncPolicy must be an object with the fields maxAsyncRetryAttempts, maxAsyncEventAgeInSeconds, statefulInvocation, asyncTask, onSuccess, onFailure, adoptExisting; got [1]"]],
    [
      "every bad field at once",
      { maxAsyncRetryAttempts: 10, maxAsyncEventAgeInSeconds: 0 },
      [
        "myproj:asyncPolicy.maxAsyncRetryAttempts must be an integer from 0 to 8 (default 3); got 10",
        "myproj:asyncPolicy.maxAsyncEventAgeInSeconds must be an integer from 1 to 2592000 (default 86400); got 0",
      ],
    ],
  ])("%s", (_name, value, expected) => {
    const config = withConfig({ [`${NS}:asyncPolicy`]: value });
    expect(problems(() => policyFromConfig(config, "asyncPolicy"))).toEqual(expected);
  });

  test("the error message lists every problem under one heading, without a stack trace from Pulumi", () => {
    const config = withConfig({ [`${NS}:asyncPolicy`]: { maxAsyncRetryAttempts: 9, statefulInvocation: "maybe" } });
    expect(() => policyFromConfig(config, "asyncPolicy")).toThrow(
      "Invalid stack config:\n" +
        "  myproj:asyncPolicy.maxAsyncRetryAttempts must be an integer from 0 to 8 (default 3); got 9\n" +
        '  myproj:asyncPolicy.statefulInvocation must be true or false (default false); got "maybe"',
    );
  });
});

describe("policyFromConfig from the namespace's own keys (as pulumi new writes them)", () => {
  test("prompt answers are strings", () => {
    const config = withConfig({
      [`${NS}:maxAsyncRetryAttempts`]: "1",
      [`${NS}:maxAsyncEventAgeInSeconds`]: "600",
      [`${NS}:onFailure`]: QUEUE,
      [`${NS}:functions`]: [{ serviceName: "a", functionName: "b" }],
      "other:maxAsyncRetryAttempts": "7",
    });
    expect(policyFromConfig(config)).toEqual({
      ...DEFAULTS,
      maxAsyncRetryAttempts: 1,
      maxAsyncEventAgeInSeconds: 600,
      destinationConfig: { onFailure: { destination: QUEUE } },
    });
  });

  test("nothing set gives the resource's defaults", () => {
    expect(policyFromConfig(withConfig({}))).toEqual(DEFAULTS);
  });

  test.each<[string, Record<string, string>, string[]]>([
    ["retries", { maxAsyncRetryAttempts: "12" }, ["myproj:maxAsyncRetryAttempts must be an integer from 0 to 8 (default 3); got 12"]],
    ["event age", { maxAsyncEventAgeInSeconds: "1 day" }, ['myproj:maxAsyncEventAgeInSeconds must be an integer from 1 to 2592000 (default 86400); got "1 day"']],
    ["stateful", { statefulInvocation: "TRUE" }, ['myproj:statefulInvocation must be true or false (default false); got "TRUE"']],
    ["success destination", { onSuccess: "acs:mns:cn-hangzhou:1:/queues/q" }, [`myproj:onSuccess ${DESTINATION_RULE}; got "acs:mns:cn-hangzhou:1:/queues/q"`]],
  ])("a bad %s names its own key", (_name, values, expected) => {
    const config = withConfig(Object.fromEntries(Object.entries(values).map(([k, v]) => [`${NS}:${k}`, v])));
    expect(problems(() => policyFromConfig(config))).toEqual(expected);
  });
});

describe("targetsFromConfig", () => {
  test("reads targets with qualifiers and overrides; an absent key is no targets", () => {
    const config = withConfig({
      [`${NS}:functions`]: [
        { serviceName: "shop", functionName: "checkout" },
        { serviceName: "shop", functionName: "refund", qualifier: "prod", overrides: { maxAsyncRetryAttempts: "0", onFailure: "" } },
        { serviceName: "shop", functionName: "refund", qualifier: 2, overrides: { onSuccess: TOPIC, statefulInvocation: true } },
        { serviceName: "shop", functionName: "mail", overrides: {} },
      ],
    });
    expect(targetsFromConfig(config)).toEqual([
      { serviceName: "shop", functionName: "checkout" },
      { serviceName: "shop", functionName: "refund", qualifier: "prod", overrides: { maxAsyncRetryAttempts: 0, destinationConfig: { onFailure: null } } },
      { serviceName: "shop", functionName: "refund", qualifier: "2", overrides: { statefulInvocation: true, destinationConfig: { onSuccess: { destination: TOPIC } } } },
      { serviceName: "shop", functionName: "mail", overrides: {} },
    ]);
    expect(targetsFromConfig(config, "missing")).toEqual([]);
  });

  test.each<[string, unknown, string[]]>([
    ["not a list", { serviceName: "a", functionName: "b" }, ['myproj:functions must be a list of {serviceName, functionName, qualifier?, overrides?} or {api: fc3, functionName, qualifier?, overrides?} or {api: functiongraph, functionUrn | functionName, qualifier?, package?, overrides?}; got {"serviceName":"a","functionName":"b"}']],
    [
      "a missing function name",
      [{ serviceName: "a" }],
      ["myproj:functions[0].functionName must be a function name that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters); got nothing"],
    ],
    [
      "a bad service name",
      [{ serviceName: "a", functionName: "b" }, { serviceName: "9lives", functionName: "b" }],
      ["myproj:functions[1].serviceName must be a service name that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters); got \"9lives\""],
    ],
    [
      "a bad qualifier",
      [{ serviceName: "a", functionName: "b", qualifier: "0" }],
      [
        "myproj:functions[0].qualifier must be \"LATEST\" (the default), a published version number such as \"1\", or an alias name that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters); got \"0\"",
      ],
    ],
    ["a bad override", [{ serviceName: "a", functionName: "b", overrides: { maxAsyncRetryAttempts: 9 } }], ["myproj:functions[0].overrides.maxAsyncRetryAttempts must be an integer from 0 to 8 (default 3); got 9"]],
    [
      "an unknown field in a target",
      [{ serviceName: "a", functionName: "b", retries: 1 }],
      ['myproj:functions[0] has unknown field "retries"; allowed: api, serviceName, functionName, qualifier, overrides'],
    ],
    [
      "the same function twice (LATEST written and left out)",
      [{ serviceName: "a", functionName: "b" }, { serviceName: "a", functionName: "c" }, { serviceName: "a", functionName: "b", qualifier: "LATEST" }],
      ["myproj:functions[2] names a:b:LATEST again (first at myproj:functions[0]); list each service, function and qualifier once and put differences in overrides"],
    ],
  ])("%s", (_name, value, expected) => {
    const config = withConfig({ [`${NS}:functions`]: value });
    expect(problems(() => targetsFromConfig(config))).toEqual(expected);
  });
});

test.each<[string, readonly PropertyKey[], string]>([
  ["asyncPolicy", [], "myproj:asyncPolicy"],
  ["asyncPolicy", ["maxAsyncRetryAttempts"], "myproj:asyncPolicy.maxAsyncRetryAttempts"],
  ["functions", [3, "overrides", "onFailure"], "myproj:functions[3].overrides.onFailure"],
])("configKey(%s, %j) is the --path spelling", (root, path, expected) => {
  expect(configKey(NS, root, path)).toBe(expected);
});
