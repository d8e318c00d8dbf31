import { describe, expect, test } from "vitest";
import { parseStateOutputs } from "../../../provider/fc2/state";

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
