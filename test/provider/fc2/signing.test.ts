import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { signRequest } from "../../../provider/fc2/signing";

// The official SDK, to check that our bytes are its bytes.
const Fc2 = createRequire(`${process.cwd()}/`)("@alicloud/fc2") as {
  getSignature(id: string, secret: string, method: string, path: string, headers: Record<string, string>, queries: unknown): string;
};

const credentials = { accessKeyId: "AKIDEXAMPLE", accessKeySecret: "test-secret-0123456789" };
const sts = { ...credentials, accessKeyId: "STS.AKIDEXAMPLE", securityToken: "STS.tokenvalue" };
const date = new Date("2024-08-14T07:02:38Z");
const body = Buffer.from('{"maxAsyncRetryAttempts":0}');

// Expected values computed independently with coreutils/openssl:
//   printf '{"maxAsyncRetryAttempts":0}' | md5sum | cut -d' ' -f1 | tr -d '\n' | base64
//   printf '<string to sign>' | openssl dgst -sha256 -hmac test-secret-0123456789 -binary | base64
describe("fixed vectors", () => {
  test("a signed GET without body", () => {
    const headers = signRequest({
      method: "GET",
      resource: "/2016-08-15/services/demo.LATEST/functions/worker/async-invoke-config",
      headers: { accept: "application/json" },
      accountId: "1234567890123456",
      credentials,
      date,
    });
    expect(headers).toEqual({
      accept: "application/json",
      date: "Wed, 14 Aug 2024 07:02:38 GMT",
      "x-fc-account-id": "1234567890123456",
      authorization: "FC AKIDEXAMPLE:tSvbV+vxR35Wftnj3pyZCMmCYyQA6Wbg7JmZ+RrRNYc=",
    });
  });

  test("a signed PUT with body and STS token", () => {
    const headers = signRequest({
      method: "PUT",
      resource: "/2016-08-15/services/demo.prod/functions/worker/async-invoke-config",
      headers: {},
      body,
      accountId: "1234567890123456",
      credentials: sts,
      date,
    });
    expect(headers).toEqual({
      date: "Wed, 14 Aug 2024 07:02:38 GMT",
      "x-fc-account-id": "1234567890123456",
      "x-fc-security-token": "STS.tokenvalue",
      "content-type": "application/json",
      "content-md5": "YzRhMjExMDZmNjRhMDkwMjkwNDk2MDhkN2M1YjFmZTI=",
      authorization: "FC STS.AKIDEXAMPLE:mq/GffoIA0Cxxg7Mw7ckdKofEWwaOxjRZ9sthX8+F04=",
    });
  });
});

describe("agrees with the official @alicloud/fc2 SDK", () => {
  test.each([
    ["GET", "/2016-08-15/services/demo.LATEST/functions/worker/async-invoke-config", undefined, credentials],
    ["PUT", "/2016-08-15/services/demo.1/functions/worker/async-invoke-config", body, credentials],
    ["DELETE", "/2016-08-15/services/demo.prod/functions/worker/async-invoke-config", undefined, sts],
    ["GET", "/2016-08-15/services/demo/functions/worker/async-invoke-configs", undefined, sts],
    ["POST", "/2016-08-15/services/demo.LATEST/functions/worker/invocations", Buffer.from("event"), sts],
  ] as const)("%s %s", (method, resource, payload, creds) => {
    const headers = signRequest({
      method,
      resource,
      headers: { "x-fc-invocation-type": "Async" },
      body: payload,
      accountId: "1234567890123456",
      credentials: creds,
      date,
    });
    const { authorization: ours, ...unsigned } = headers;
    expect(ours).toBe(Fc2.getSignature(creds.accessKeyId, creds.accessKeySecret, method, resource, unsigned, null));
  });
});
