// AsyncInvokePolicy: child names from identity, duplicates refused, overrides merged. The component runs under
// Pulumi's mock monitor, which records every registration the way the engine would receive it.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test } from "vitest";
import {
  ASYNC_INVOKE_POLICY_TYPE,
  AsyncInvokePolicy,
  InvalidTargetsError,
  duplicateTargets,
  mergeDestinations,
  targetKey,
  type AsyncInvokePolicyArgs,
} from "../../../provider/policy/async-invoke-policy";
import { buildPolicy, recordRegistrations, settings } from "../../kit/policy";

const QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages";
const TOPIC = "acs:mns:cn-hangzhou:1234567890123456:/topics/done/messages";
const FN = "acs:fc:cn-hangzhou:1234567890123456:services/shop.LATEST/functions/on-failure";

const registered = recordRegistrations();
const build = (name: string, args: AsyncInvokePolicyArgs) => buildPolicy(registered, name, args);

test.each<[string, { serviceName: string; functionName: string; qualifier?: string }, string]>([
  ["no qualifier", { serviceName: "shop", functionName: "checkout" }, "shop:checkout:LATEST"],
  ["LATEST written", { serviceName: "shop", functionName: "checkout", qualifier: "LATEST" }, "shop:checkout:LATEST"],
  ["a version", { serviceName: "shop", functionName: "checkout", qualifier: "3" }, "shop:checkout:3"],
  ["an alias", { serviceName: "shop", functionName: "checkout", qualifier: "prod" }, "shop:checkout:prod"],
  ["dashes do not run names together", { serviceName: "a-b", functionName: "c" }, "a-b:c:LATEST"],
  ["the other split", { serviceName: "a", functionName: "b-c" }, "a:b-c:LATEST"],
])("targetKey: %s", (_name, target, expected) => {
  expect(targetKey(target)).toBe(expected);
});

test("duplicateTargets reports each repeated key with every position, in order of first appearance", () => {
  expect(
    duplicateTargets([
      { serviceName: "s", functionName: "a" },
      { serviceName: "s", functionName: "b", qualifier: "prod" },
      { serviceName: "s", functionName: "a", qualifier: "LATEST" },
      { serviceName: "s", functionName: "b", qualifier: "prod" },
      { serviceName: "s", functionName: "a" },
      { serviceName: "s", functionName: "b" },
    ]),
  ).toEqual([
    { key: "s:a:LATEST", indexes: [0, 2, 4] },
    { key: "s:b:prod", indexes: [1, 3] },
  ]);
});

describe("mergeDestinations", () => {
  const base = { onSuccess: { destination: TOPIC }, onFailure: { destination: QUEUE } };
  test.each<[string, Parameters<typeof mergeDestinations>[0], Parameters<typeof mergeDestinations>[1], ReturnType<typeof mergeDestinations>]>([
    ["no overrides keep both sides", base, {}, base],
    ["one side replaced, the other kept", base, { onFailure: { destination: FN } }, { onSuccess: { destination: TOPIC }, onFailure: { destination: FN } }],
    ["null removes a side", base, { onSuccess: null }, { onFailure: { destination: QUEUE } }],
    ["both removed", base, { onSuccess: null, onFailure: null }, {}],
    ["added to a policy without destinations", undefined, { onSuccess: { destination: TOPIC } }, { onSuccess: { destination: TOPIC } }],
    ["null on a side the policy lacks", {}, { onFailure: null }, {}],
  ])("%s", (_name, policy, overrides, expected) => {
    expect(mergeDestinations(policy, overrides)).toEqual(expected);
  });
});

describe("AsyncInvokePolicy", () => {
  test("one child per target, named by identity, parented to the component, with the policy and the overrides", async () => {
    const { policy, children } = await build("orders", {
      maxAsyncRetryAttempts: 2,
      maxAsyncEventAgeInSeconds: 3600,
      destinationConfig: { onFailure: { destination: QUEUE } },
      targets: [
        { serviceName: "shop", functionName: "checkout" },
        { serviceName: "shop", functionName: "refund", qualifier: "prod", overrides: { maxAsyncRetryAttempts: 0, statefulInvocation: true } },
        { serviceName: "shop", functionName: "mail", overrides: { destinationConfig: { onSuccess: { destination: TOPIC }, onFailure: null } } },
      ],
    });
    expect(registered.find((r) => r.name === "orders")?.type).toBe(ASYNC_INVOKE_POLICY_TYPE);
    expect(Object.values(children).map((c) => c.type)).toEqual(Array(3).fill("pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig"));
    expect(Object.keys(children).sort()).toEqual(["orders/shop:checkout:LATEST", "orders/shop:mail:LATEST", "orders/shop:refund:prod"]);
    expect(settings(children["orders/shop:checkout:LATEST"])).toEqual({
      serviceName: "shop",
      functionName: "checkout",
      maxAsyncRetryAttempts: 2,
      maxAsyncEventAgeInSeconds: 3600,
      destinationConfig: { onFailure: { destination: QUEUE } },
    });
    expect(settings(children["orders/shop:refund:prod"])).toEqual({
      serviceName: "shop",
      functionName: "refund",
      qualifier: "prod",
      maxAsyncRetryAttempts: 0,
      maxAsyncEventAgeInSeconds: 3600,
      statefulInvocation: true,
      destinationConfig: { onFailure: { destination: QUEUE } },
    });
    expect(settings(children["orders/shop:mail:LATEST"])).toEqual({
      serviceName: "shop",
      functionName: "mail",
      maxAsyncRetryAttempts: 2,
      maxAsyncEventAgeInSeconds: 3600,
      destinationConfig: { onSuccess: { destination: TOPIC } },
    });
    expect(Object.keys(policy.configs)).toEqual(["shop:checkout:LATEST", "shop:refund:prod", "shop:mail:LATEST"]);
    const parentUrn = await new Promise((resolve) => policy.urn.apply(resolve));
    expect(parentUrn).toBe(`urn:pulumi:dev::proj::${ASYNC_INVOKE_POLICY_TYPE}::orders`);
    const childUrn = await new Promise((resolve) => policy.configs["shop:refund:prod"]?.urn.apply(resolve));
    expect(childUrn).toBe(
      `urn:pulumi:dev::proj::${ASYNC_INVOKE_POLICY_TYPE}$pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig::orders/shop:refund:prod`,
    );
  });

  test("removing a target from the middle leaves the other children's names as they were", async () => {
    const targets = [
      { serviceName: "s", functionName: "a" },
      { serviceName: "s", functionName: "b" },
      { serviceName: "s", functionName: "c" },
    ];
    const before = await build("p1", { targets });
    const after = await build("p2", { targets: [targets[0]!, targets[2]!] });
    expect(Object.keys(before.children).sort()).toEqual(["p1/s:a:LATEST", "p1/s:b:LATEST", "p1/s:c:LATEST"]);
    expect(Object.keys(after.children).sort()).toEqual(["p2/s:a:LATEST", "p2/s:c:LATEST"]);
  });

  test("Output values in the policy and the overrides reach the children resolved", async () => {
    const { children } = await build("outputs", {
      maxAsyncRetryAttempts: pulumi.output(1),
      destinationConfig: pulumi.output({ onSuccess: { destination: TOPIC } }),
      targets: [{ serviceName: "s", functionName: "a", overrides: { destinationConfig: { onFailure: pulumi.output({ destination: QUEUE }) } } }],
    });
    expect(settings(children["outputs/s:a:LATEST"])).toEqual({
      serviceName: "s",
      functionName: "a",
      maxAsyncRetryAttempts: 1,
      destinationConfig: { onSuccess: { destination: TOPIC }, onFailure: { destination: QUEUE } },
    });
  });

  test("an empty target list is a component with no children", async () => {
    const { policy, children } = await build("empty", { maxAsyncRetryAttempts: 1, targets: [] });
    expect(children).toEqual({});
    expect(policy.configs).toEqual({});
  });

  test.each<[string, AsyncInvokePolicyArgs["targets"], string]>([
    [
      "the same function twice",
      [
        { serviceName: "s", functionName: "a" },
        { serviceName: "s", functionName: "b" },
        { serviceName: "s", functionName: "a", qualifier: "LATEST", overrides: { maxAsyncRetryAttempts: 0 } },
      ],
      'AsyncInvokePolicy "dup": targets[0] and targets[2] all name s:a:LATEST; list each service, function and qualifier once (per-function differences go in that entry\'s overrides)',
    ],
    [
      "a name that is not an FC name",
      [{ serviceName: "s::x", functionName: "a" }],
      `AsyncInvokePolicy "dup": targets[0].serviceName must be a service name that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters); got "s::x"`,
    ],
    [
      "a bad qualifier",
      [{ serviceName: "s", functionName: "a", qualifier: "" }],
      `AsyncInvokePolicy "dup": targets[0].qualifier must be "LATEST" (the default), a published version number such as "1", or an alias name that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters); got ""`,
    ],
  ])("refuses %s before registering any child", (_name, targets, message) => {
    const before = registered.length;
    let thrown: unknown;
    try {
      new AsyncInvokePolicy("dup", { targets });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidTargetsError);
    expect((thrown as Error).message).toBe(message);
    expect(registered.slice(before).filter((r) => r.name.startsWith("dup/"))).toEqual([]);
  });
});
