import { describe, expect, test } from "vitest";
import { destinationKind, parseStateOutputs, parseWireConfig, type DestinationKind } from "../../../provider/fc2/schema";

describe("destinationKind", () => {
  test.each<[string, DestinationKind | undefined]>([
    ["acs:mns:cn-shanghai:1986114743:/queues/failure/messages", "mns-queue"],
    ["acs:mns:cn-hangzhou:123:/topics/alerts/messages", "mns-topic"],
    ["acs:fc:cn-shanghai:123:services/s1/functions/f1", "fc-function"],
    ["acs:fc:cn-shanghai:123:services/s1.LATEST/functions/f1", "fc-function"],
    ["acs:fc:cn-shanghai:123:services/s1.2/functions/f1", "fc-function"],
    ["acs:fc:cn-shanghai:123:services/s1.prod/functions/f_1-x", "fc-function"],
    ["acs:eventbridge:cn-hangzhou:123:eventbus/default", "eventbridge"],
    ["acs:eventbridge:cn-hangzhou:123:eventbus/my.bus_1", "eventbridge"],
    ["acs:eventbridge:cn-hangzhou:123:eventbus/my-bus/rule/r1", undefined],
    ["acs:mns:cn-hangzhou:123:/queues/under_score/messages", undefined],
    ["acs:mq:cn-hangzhou:123:/instances/MQ_INST_123_BX8QbBPL/topic/deadletter", "rocketmq"],
    ["acs:mns:cn-shanghai:123:/queues/failure", undefined],
    ["acs:mns:cn-shanghai:xxx:/queues/q/messages", undefined],
    ["acs:fc:cn-shanghai:123:services/1bad/functions/f1", undefined],
    ["acs:fc:cn-shanghai:123:functions/f1", undefined],
    ["acs:oss:cn-shanghai:123:bucket/b", undefined],
    ["arn:aws:sqs:us-east-1:123:q", undefined],
    ["", undefined],
  ])("%s → %s", (arn, kind) => {
    expect(destinationKind(arn)).toBe(kind);
  });
});

describe("parseWireConfig", () => {
  const full = {
    createdTime: "2020-09-10T02:45:02Z",
    lastModifiedTime: "2020-09-10T02:45:02Z",
    maxAsyncEventAgeInSeconds: 300,
    maxAsyncRetryAttempts: 0,
    statefulInvocation: true,
  };
  test.each<[string, unknown, object]>([
    [
      "seed 000: service/function, both destinations",
      { ...full, service: "demo-service", function: "helloworld", qualifier: "test", destinationConfig: { onSuccess: { destination: "a" }, onFailure: { destination: "b" } } },
      { serviceName: "demo-service", functionName: "helloworld", qualifier: "test", destinationConfig: { onSuccess: { destination: "a" }, onFailure: { destination: "b" } } },
    ],
    [
      "seed 002: serviceName/functionName",
      { ...full, serviceName: "service_name", functionName: "testHelloWorld", qualifier: "alias", destinationConfig: { onFailure: { destination: "b" } } },
      { serviceName: "service_name", functionName: "testHelloWorld", qualifier: "alias", destinationConfig: { onFailure: { destination: "b" } } },
    ],
    ["onSuccess null", { ...full, service: "s", function: "f", destinationConfig: { onSuccess: null, onFailure: { destination: "b" } } }, { destinationConfig: { onFailure: { destination: "b" } } }],
    ["{destination: null} on both sides", { ...full, service: "s", function: "f", destinationConfig: { onSuccess: { destination: null }, onFailure: { destination: null } } }, { destinationConfig: {} }],
    ["destinationConfig null", { ...full, service: "s", function: "f", destinationConfig: null }, { destinationConfig: {} }],
    ["0 retries kept", { ...full, service: "s", function: "f" }, { maxAsyncRetryAttempts: 0, statefulInvocation: true, maxAsyncEventAgeInSeconds: 300 }],
    [
      "nothing but names: the documented defaults",
      { service: "s", function: "f" },
      { qualifier: "LATEST", destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3, statefulInvocation: false, createdTime: "", lastModifiedTime: "" },
    ],
  ])("%s", (_name, body, expected) => {
    expect(parseWireConfig(body, { serviceName: "s", functionName: "f" })).toMatchObject(expected);
  });

  test("a wrong type is refused", () => {
    expect(() => parseWireConfig({ maxAsyncRetryAttempts: "3" })).toThrow();
  });
});

describe("parseStateOutputs: reads every schema version this release knows", () => {
  const v1 = {
    schemaVersion: 1,
    serviceName: "s",
    functionName: "f",
    qualifier: "LATEST",
    destinationConfig: { onFailure: { destination: "acs:mns:cn-hangzhou:1:/queues/q/messages" } },
    maxAsyncEventAgeInSeconds: 300,
    maxAsyncRetryAttempts: 0,
    statefulInvocation: false,
    createdTime: "2020-09-10T02:45:02Z",
    lastModifiedTime: "2020-09-10T02:45:02Z",
  };

  test("version 1 as written", () => {
    expect(parseStateOutputs(v1)).toEqual(v1);
  });

  test("version 1 with nulls and an empty destination block, as protobuf round trips may leave it", () => {
    expect(parseStateOutputs({ ...v1, destinationConfig: { onSuccess: null, onFailure: { destination: "acs:mns:cn-hangzhou:1:/queues/q/messages" } }, __extra: null })).toEqual(v1);
  });

  test("a live destination this release would not accept as input is still readable", () => {
    const odd = { ...v1, destinationConfig: { onSuccess: { destination: "acs:newservice:cn-hangzhou:1:thing" } } };
    expect(parseStateOutputs(odd).destinationConfig).toEqual({ onSuccess: { destination: "acs:newservice:cn-hangzhou:1:thing" } });
  });

  test("before schemaVersion: missing members read as defaults, wire spellings tolerated", () => {
    expect(parseStateOutputs({ serviceName: "s", functionName: "f", destinationConfig: { onSuccess: { destination: null } }, maxAsyncRetryAttempts: 0 })).toEqual({
      schemaVersion: 1,
      serviceName: "s",
      functionName: "f",
      qualifier: "LATEST",
      destinationConfig: {},
      maxAsyncEventAgeInSeconds: 86400,
      maxAsyncRetryAttempts: 0,
      statefulInvocation: false,
      createdTime: "",
      lastModifiedTime: "",
    });
  });

  test("a newer version is refused with advice", () => {
    expect(() => parseStateOutputs({ ...v1, schemaVersion: 2 })).toThrow(
      "this state was written by a newer pulumi-async-invoke (outputs schemaVersion 2; this release reads up to 1). Install that release or a later one in the program's project.",
    );
  });
});
