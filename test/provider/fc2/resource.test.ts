import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FunctionAsyncInvokeConfig } from "../../../provider/fc2/resource";

const SECRET_KEY = "SecretKey-that-must-never-reach-state-0001";
const SECURITY_TOKEN = "STS.token-that-must-never-reach-state-0002";
const ACCESS_KEY = "LTAI-access-key-id-0003";

describe("FunctionAsyncInvokeConfig in a program (Pulumi mocks)", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];

  beforeAll(async () => {
    pulumi.runtime.setAllConfig(
      {
        "alicloud:accessKey": ACCESS_KEY,
        "alicloud:secretKey": SECRET_KEY,
        "alicloud:securityToken": SECURITY_TOKEN,
        "alicloud:accountId": "123",
        "pulumi-async-invoke:fcEndpoint": "http://127.0.0.1:9",
      },
      ["alicloud:accessKey", "alicloud:secretKey", "alicloud:securityToken"],
    );
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: "svc:fn:prod", state: { ...args.inputs, schemaVersion: 1, createdTime: "2020-09-10T02:45:02Z" } };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
  });

  afterAll(() => {
    pulumi.runtime.setAllConfig({});
  });

  test("a credential in the stack config without --secret stops the program before anything is registered", () => {
    const before = registered.length;
    pulumi.runtime.setAllConfig(
      { "alicloud:accessKey": ACCESS_KEY, "alicloud:secretKey": SECRET_KEY, "alicloud:accountId": "123" },
      ["alicloud:accessKey"],
    );
    try {
      expect(() => new FunctionAsyncInvokeConfig("plain", { serviceName: "svc", functionName: "fn" })).toThrow(
        "alicloud:secretKey is set in the stack config as plain text, so the Pulumi engine would store it unencrypted in the stack's state " +
          "(it records the whole stack config as the provider's inputs). Set it again as a secret and run the command again:\n" +
          "  pulumi config set --secret alicloud:secretKey <value>\n",
      );
      expect(registered.length).toBe(before);
    } finally {
      pulumi.runtime.setAllConfig(
        {
          "alicloud:accessKey": ACCESS_KEY,
          "alicloud:secretKey": SECRET_KEY,
          "alicloud:securityToken": SECURITY_TOKEN,
          "alicloud:accountId": "123",
          "pulumi-async-invoke:fcEndpoint": "http://127.0.0.1:9",
        },
        ["alicloud:accessKey", "alicloud:secretKey", "alicloud:securityToken"],
      );
    }
  });

  test("registers the readable type token, the inputs as written, and a thin __provider without credentials", async () => {
    const resource = new FunctionAsyncInvokeConfig("orders", {
      serviceName: "svc",
      functionName: "fn",
      qualifier: pulumi.output("prod"),
      maxAsyncRetryAttempts: 0,
      destinationConfig: { onFailure: { destination: Promise.resolve("acs:mns:cn-hangzhou:123:/queues/q/messages") } },
    });
    const [id, retries, created] = await new Promise<[string, number, string]>((resolve) =>
      pulumi.all([resource.id, resource.maxAsyncRetryAttempts, resource.createdTime]).apply(resolve),
    );
    expect([id, retries, created]).toEqual(["svc:fn:prod", 0, "2020-09-10T02:45:02Z"]);

    const args = registered.find((r) => r.name === "orders");
    expect(args?.type).toBe("pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig");
    const { __provider: serialized, ...inputs } = args?.inputs as Record<string, unknown>;
    expect(inputs).toEqual({
      serviceName: "svc",
      functionName: "fn",
      qualifier: "prod",
      maxAsyncRetryAttempts: 0,
      destinationConfig: { onFailure: { destination: "acs:mns:cn-hangzhou:123:/queues/q/messages" } },
    });
    expect(typeof serialized).toBe("string");
    expect((serialized as string).length).toBeLessThan(2048);
    const everything = JSON.stringify(args);
    for (const secret of [SECRET_KEY, SECURITY_TOKEN, ACCESS_KEY]) expect(everything).not.toContain(secret);
  });
});
