import { describe, expect, test } from "vitest";
import { destinationKind, type DestinationKind } from "../../../provider/fc2/inputs";

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
