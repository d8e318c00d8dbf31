// The destination resource-name grammar: one parser and one formatter, each the other's inverse.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DESTINATION_FORMATS, formatDestination, functionArn, parseDestination } from "../../../contracts/fc2";
import { destination } from "./arbitraries";

describe("parseDestination and formatDestination", () => {
  test("parse(format(d)) is d, and format(parse(x)) is x", () => {
    fc.assert(
      fc.property(destination, (d) => {
        const arn = formatDestination(d);
        expect(parseDestination(arn)).toEqual(d);
        const parsed = parseDestination(arn);
        expect(parsed && formatDestination(parsed)).toBe(arn);
      }),
      { numRuns: 500 },
    );
  });

  test("a string that is not a formatted destination is refused, never half-read", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseDestination(text);
        if (parsed !== undefined) expect(formatDestination(parsed)).toBe(text);
      }),
    );
  });

  test("every documented example parses to its own kind", () => {
    for (const format of DESTINATION_FORMATS) expect(parseDestination(format.example)?.kind).toBe(format.kind);
  });

  test("reads the parts of each kind", () => {
    expect(parseDestination("acs:fc:cn-shanghai:123:services/s1.prod/functions/f_1-x")).toEqual({
      kind: "fc-function",
      region: "cn-shanghai",
      accountId: "123",
      serviceName: "s1",
      qualifier: "prod",
      functionName: "f_1-x",
    });
    expect(parseDestination("acs:fc:cn-shanghai:123:services/s1/functions/f1")).toEqual({
      kind: "fc-function",
      region: "cn-shanghai",
      accountId: "123",
      serviceName: "s1",
      functionName: "f1",
    });
    expect(parseDestination("acs:mq:cn-hangzhou:123:/instances/MQ_INST_123_BX8QbBPL/topic/deadletter")).toEqual({
      kind: "rocketmq",
      region: "cn-hangzhou",
      accountId: "123",
      instanceId: "MQ_INST_123_BX8QbBPL",
      topic: "deadletter",
    });
    expect(functionArn({ region: "cn-hangzhou", accountId: "1", serviceName: "s", qualifier: "LATEST", functionName: "f" })).toBe(
      "acs:fc:cn-hangzhou:1:services/s.LATEST/functions/f",
    );
  });

  test.each([
    ["a qualifier of 0", "acs:fc:cn-hangzhou:123:services/s.0/functions/f"],
    ["a version with a leading zero", "acs:fc:cn-hangzhou:123:services/s.01/functions/f"],
    ["an empty qualifier", "acs:fc:cn-hangzhou:123:services/s./functions/f"],
    ["a region without a dash", "acs:mns:hangzhou:123:/queues/q/messages"],
    ["a region with an underscore", "acs:mns:cn_hangzhou:123:/queues/q/messages"],
    ["an empty region", "acs:mns::123:/queues/q/messages"],
    ["an account with a letter", "acs:mns:cn-hangzhou:12a:/queues/q/messages"],
    ["an empty account", "acs:mns:cn-hangzhou::/queues/q/messages"],
    ["an account of 33 digits", `acs:mns:cn-hangzhou:${"1".repeat(33)}:/queues/q/messages`],
    ["an MNS name with an underscore", "acs:mns:cn-hangzhou:123:/queues/under_score/messages"],
    ["an MNS product on a function path", "acs:mns:cn-hangzhou:123:services/s/functions/f"],
    ["an EventBridge rule", "acs:eventbridge:cn-hangzhou:123:eventbus/my-bus/rule/r1"],
    ["another product", "acs:oss:cn-shanghai:123:bucket/b"],
  ])("refuses %s", (_why, arn) => {
    expect(parseDestination(arn)).toBeUndefined();
  });
});
