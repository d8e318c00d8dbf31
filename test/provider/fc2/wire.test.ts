import { describe, expect, test } from "vitest";
import { parseWireConfig } from "../../../provider/fc2/wire";

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
