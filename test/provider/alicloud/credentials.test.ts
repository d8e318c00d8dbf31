import { describe, expect, test } from "vitest";
import { chainReason, ConfigurationError, resolveConnection, type ConfigSource, type DefaultChain } from "../../../provider/alicloud/credentials";

const config = (values: Record<string, string>): ConfigSource => ({ get: (key) => values[key] });
const chain = (label: string): DefaultChain => async () => ({ accessKeyId: `${label}-id`, accessKeySecret: `${label}-secret` });
const failingChain: DefaultChain = async () => {
  throw new Error("unable to get credentials from any of the providers in the chain: no env, no profile");
};

const stackKeys = { "alicloud:accessKey": "stack-id", "alicloud:secretKey": "stack-secret" };
const envKeys = { ALICLOUD_ACCESS_KEY: "env-id", ALICLOUD_SECRET_KEY: "env-secret" };
const where = { "alicloud:accountId": "111", "alicloud:region": "cn-hangzhou" };

describe("credentials: stack config, then environment, then the default chain", () => {
  test.each<[string, Record<string, string>, Record<string, string>, DefaultChain, { source: string; credentials: object }]>([
    ["stack config wins over everything", { ...where, ...stackKeys }, envKeys, chain("chain"), { source: "stack config", credentials: { accessKeyId: "stack-id", accessKeySecret: "stack-secret" } }],
    [
      "stack STS token travels with the stack keys",
      { ...where, ...stackKeys, "alicloud:securityToken": "stack-token" },
      { ...envKeys, ALICLOUD_SECURITY_TOKEN: "env-token" },
      chain("chain"),
      { source: "stack config", credentials: { accessKeyId: "stack-id", accessKeySecret: "stack-secret", securityToken: "stack-token" } },
    ],
    ["ALICLOUD_* environment", where, { ...envKeys, ALICLOUD_SECURITY_TOKEN: "env-token" }, chain("chain"), { source: "environment", credentials: { accessKeyId: "env-id", accessKeySecret: "env-secret", securityToken: "env-token" } }],
    [
      "ALIBABA_CLOUD_* environment",
      where,
      { ALIBABA_CLOUD_ACCESS_KEY_ID: "ab-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "ab-secret" },
      chain("chain"),
      { source: "environment", credentials: { accessKeyId: "ab-id", accessKeySecret: "ab-secret" } },
    ],
    ["an empty stack value counts as unset", { ...where, "alicloud:accessKey": " ", "alicloud:secretKey": "" }, envKeys, chain("chain"), { source: "environment", credentials: { accessKeyId: "env-id", accessKeySecret: "env-secret" } }],
    ["nothing configured: Alibaba's default chain", where, {}, chain("chain"), { source: "default credential chain", credentials: { accessKeyId: "chain-id", accessKeySecret: "chain-secret" } }],
  ])("%s", async (_name, stack, env, defaultChain, expected) => {
    const connection = resolveConnection({ config: config(stack), env, defaultChain });
    expect(connection.credentialSource).toBe(expected.source);
    expect(await connection.credentials()).toEqual(expected.credentials);
  });
});

describe("endpoint, account and region", () => {
  test.each<[string, Record<string, string>, Record<string, string>, { endpoint: string; accountId: string; region: string | undefined }]>([
    ["default endpoint from account and region", { ...where, ...stackKeys }, {}, { endpoint: "https://111.cn-hangzhou.fc.aliyuncs.com", accountId: "111", region: "cn-hangzhou" }],
    ["stack endpoint override (the emulator); no region needed", { ...stackKeys, "alicloud:accountId": "111", "pulumi-async-invoke:fcEndpoint": "http://127.0.0.1:9000/" }, {}, { endpoint: "http://127.0.0.1:9000", accountId: "111", region: undefined }],
    ["FC_ENDPOINT and ALICLOUD_ACCOUNT_ID from the environment", stackKeys, { FC_ENDPOINT: "http://127.0.0.1:9001", ALICLOUD_ACCOUNT_ID: "222" }, { endpoint: "http://127.0.0.1:9001", accountId: "222", region: undefined }],
    ["stack beats environment for each setting", { ...where, ...stackKeys }, { ALICLOUD_ACCOUNT_ID: "999", ALICLOUD_REGION: "cn-beijing" }, { endpoint: "https://111.cn-hangzhou.fc.aliyuncs.com", accountId: "111", region: "cn-hangzhou" }],
    ["ALIBABA_CLOUD_REGION and ALIBABA_CLOUD_ACCOUNT_ID", stackKeys, { ALIBABA_CLOUD_REGION: "ap-southeast-1", ALIBABA_CLOUD_ACCOUNT_ID: "333" }, { endpoint: "https://333.ap-southeast-1.fc.aliyuncs.com", accountId: "333", region: "ap-southeast-1" }],
  ])("%s", (_name, stack, env, expected) => {
    const connection = resolveConnection({ config: config(stack), env, defaultChain: chain("chain") });
    expect({ endpoint: connection.endpoint, accountId: connection.accountId, region: connection.region }).toEqual(expected);
  });

  test("a plain script without stack config reads the environment", () => {
    const connection = resolveConnection({ env: { ...envKeys, ALICLOUD_ACCOUNT_ID: "5", FC_ENDPOINT: "http://localhost:1234" }, defaultChain: failingChain });
    expect(connection.endpoint).toBe("http://localhost:1234");
  });
});

describe("clear errors that name the settings, never a value", () => {
  test.each<[string, Record<string, string>, Record<string, string>, string]>([
    [
      "no account id",
      { "alicloud:region": "cn-hangzhou", ...stackKeys },
      {},
      "The Alibaba Cloud account id is not set. FC endpoints and signatures need it: run `pulumi config set alicloud:accountId <id>` or set ALICLOUD_ACCOUNT_ID or ALIBABA_CLOUD_ACCOUNT_ID.",
    ],
    ["a malformed account id", { ...stackKeys, "alicloud:accountId": "acct-xyz", "alicloud:region": "cn-hangzhou" }, {}, "alicloud:accountId (or ALICLOUD_ACCOUNT_ID) must be the numeric Alibaba Cloud account id (1-32 digits)."],
    [
      "no region and no endpoint",
      { ...stackKeys, "alicloud:accountId": "111" },
      {},
      "The Alibaba Cloud region is not set: run `pulumi config set alicloud:region <region>` (e.g. cn-hangzhou) or set ALICLOUD_REGION or ALIBABA_CLOUD_REGION; or point pulumi-async-invoke:fcEndpoint at an FC endpoint.",
    ],
    ["a malformed region", { ...stackKeys, "alicloud:accountId": "111", "alicloud:region": "Hangzhou" }, {}, "alicloud:region (or ALICLOUD_REGION) must be a region id such as cn-hangzhou."],
    [
      "an endpoint with a path",
      { ...stackKeys, "alicloud:accountId": "111", "pulumi-async-invoke:fcEndpoint": "http://127.0.0.1:9000/2016-08-15" },
      {},
      "pulumi-async-invoke:fcEndpoint (or FC_ENDPOINT) must be an http(s) origin without a path, e.g. http://127.0.0.1:9000.",
    ],
    ["an endpoint that is not a URL", { ...stackKeys, "alicloud:accountId": "111", "pulumi-async-invoke:fcEndpoint": "localhost:9000" }, {}, "pulumi-async-invoke:fcEndpoint (or FC_ENDPOINT) must be an http(s) origin without a path, e.g. http://127.0.0.1:9000."],
    ["a stack key without its secret", { ...where, "alicloud:accessKey": "stack-id" }, envKeys, "alicloud:accessKey is set in the stack config but alicloud:secretKey is not; set both (the secret with --secret)."],
    ["a stack secret without its key", { ...where, "alicloud:secretKey": "stack-secret-value" }, envKeys, "alicloud:secretKey is set in the stack config but alicloud:accessKey is not; set both (the secret with --secret)."],
    [
      "an environment secret without its key",
      where,
      { ALICLOUD_SECRET_KEY: "env-secret-value" },
      "Only one of the access key id and secret is set in the environment; set both (ALICLOUD_ACCESS_KEY or ALIBABA_CLOUD_ACCESS_KEY_ID and ALICLOUD_SECRET_KEY or ALIBABA_CLOUD_ACCESS_KEY_SECRET).",
    ],
  ])("%s", (_name, stack, env, message) => {
    let error: unknown;
    try {
      resolveConnection({ config: config(stack), env, defaultChain: chain("chain") });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(message);
    for (const value of [...Object.values(stack), ...Object.values(env)]) {
      if (value.length > 6) expect((error as Error).message).not.toContain(value);
    }
  });

  test("no credentials anywhere: the first call that needs them says where to put them", async () => {
    const connection = resolveConnection({ config: config(where), env: {}, defaultChain: failingChain });
    await expect(connection.credentials()).rejects.toThrow(
      "No Alibaba Cloud credentials found. Set them in the stack (`pulumi config set alicloud:accessKey <id>`, `pulumi config set --secret alicloud:secretKey <secret>`, " +
        "and alicloud:securityToken for STS), or in the environment (ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY), or for Alibaba's default credential chain " +
        "(ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, ~/.alibabacloud/credentials, ECS RAM role). " +
        "The chain said: unable to get credentials from any of the providers in the chain: no env, no profile",
    );
  });

  test("resolving the connection does not touch the credential chain (check and diff need no credentials)", () => {
    let asked = 0;
    resolveConnection({ config: config(where), env: {}, defaultChain: async () => {
      asked++;
      return { accessKeyId: "a", accessKeySecret: "b" };
    } });
    expect(asked).toBe(0);
  });
});

describe("what the default chain said, as our message quotes it", () => {
  test.each([
    [
      "the usual 'nothing configured' text stays readable",
      "unable to get credentials from enviroment variables, Access key ID must be specified via environment variable (ALIBABA_CLOUD_ACCESS_KEY_ID)",
      "unable to get credentials from enviroment variables, Access key ID must be specified via environment variable (ALIBABA_CLOUD_ACCESS_KEY_ID)",
    ],
    [
      "a quoted STS response loses its key material",
      'get sts token failed, httpStatus: 500, message = {"AccessKeyId":"STS.NUq3sa9Hm2kEkKJ2m","AccessKeySecret":"9wXfw1cKF8q1bB2kQ","SecurityToken":"CAIS8gF1q6Ft5B2yfSjIr5"}',
      'get sts token failed, httpStatus: 500, message = {"AccessKeyId":[redacted],"AccessKeySecret":[redacted],"SecurityToken":[redacted]}',
    ],
    [
      "an OAuth body with tokens",
      "failed to refresh OAuth token: access_token=eyJhbGciOiJSUzI1NiJ9abc refresh_token=r1 and a stray dGhpc2lzYWxvbmdzZWNyZXRzdHJpbmc=",
      // "token:" in the message itself masks the next word too: masking errs on the side of too much.
      "failed to refresh OAuth token: [redacted] refresh_token=[redacted] and a stray [redacted]",
    ],
  ])("%s", (_label, message, expected) => {
    expect(chainReason(new Error(message))).toBe(expected);
  });
});
