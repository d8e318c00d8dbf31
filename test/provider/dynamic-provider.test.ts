import { describe, expect, test } from "vitest";
import { RESOURCE_TYPES, configure } from "../../provider/dynamic-provider";

describe("the module the serialized provider loads", () => {
  test("knows every resource type this release implements", () => {
    expect(RESOURCE_TYPES).toEqual(["fc:FunctionAsyncInvokeConfig", "fc3:AsyncInvokeConfig", "functiongraph:AsyncInvokeConfig", "fc:AsyncInvokePolicyBatch"]);
  });

  test("configures the implementation of a known type without resolving credentials", () => {
    const methods = configure("fc:FunctionAsyncInvokeConfig", { get: () => undefined });
    expect(Object.keys(methods).sort()).toEqual(["check", "create", "delete", "diff", "read", "update"]);
  });

  test("a type from another release is refused with advice", () => {
    expect(() => configure("fc3:FunctionAsyncInvokeConfig", { get: () => undefined })).toThrow(
      "this pulumi-async-invoke has no provider for fc3:FunctionAsyncInvokeConfig (it knows fc:FunctionAsyncInvokeConfig, fc3:AsyncInvokeConfig, functiongraph:AsyncInvokeConfig, fc:AsyncInvokePolicyBatch); " +
        "install the release that created this resource, or a later one, in the program's project",
    );
    expect(() => configure("constructor", { get: () => undefined })).toThrow("has no provider for constructor");
  });
});
