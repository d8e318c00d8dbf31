import * as pulumi from "@pulumi/pulumi";
import { MockAgent } from "undici";
import { afterEach, describe, expect, test } from "vitest";
import {
  collectPages,
  createFcClient,
  getFunctionAsyncInvokeConfig,
  getFunctionAsyncInvokeConfigOutput,
  getStatefulAsyncInvocation,
  invokeFunction,
  listFunctionAsyncInvokeConfigs,
  listStatefulAsyncInvocations,
} from "../../../provider/fc2/functions";
import { NotFoundError } from "../../../provider/shared/errors";

const ORIGIN = "http://fc.test";
const JSON_HEADERS = { "content-type": "application/json", "x-fc-request-id": "req-1" };
const LIST = "/2016-08-15/services/svc/functions/fn/async-invoke-configs";

let agents: MockAgent[] = [];
afterEach(async () => {
  for (const agent of agents) await agent.close();
  agents = [];
  pulumi.runtime.setAllConfig({});
});

function mock() {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  agents.push(agent);
  return {
    pool: agent.get(ORIGIN),
    calls: () => (agent.getCallHistory()?.calls() ?? []).map((c) => c),
    // What a plain script passes, e.g. from the emulator's start().
    options: { endpoint: ORIGIN, accountId: "123", credentials: { accessKeyId: "AKID", accessKeySecret: "secret-0123456789" }, dispatcher: agent, env: {} },
  };
}

const config = (qualifier: string, retries: number) => ({ service: "svc", function: "fn", qualifier, maxAsyncRetryAttempts: retries });

test("listFunctionAsyncInvokeConfigs follows nextToken to the last page", async () => {
  const { pool, calls, options } = mock();
  pool.intercept({ path: `${LIST}?limit=2`, method: "GET" }).reply(200, { configs: [config("LATEST", 0), config("1", 1)], nextToken: "p2" }, { headers: JSON_HEADERS });
  pool.intercept({ path: `${LIST}?limit=2&nextToken=p2`, method: "GET" }).reply(200, { configs: [config("2", 2), config("prod", 3)], nextToken: "p3" }, { headers: JSON_HEADERS });
  pool.intercept({ path: `${LIST}?limit=2&nextToken=p3`, method: "GET" }).reply(200, { configs: [config("test", 4)] }, { headers: JSON_HEADERS });
  const result = await listFunctionAsyncInvokeConfigs({ serviceName: "svc", functionName: "fn", pageSize: 2 }, options);
  expect(result.serviceName).toBe("svc");
  expect(result.configs.map((c) => [c.qualifier, c.maxAsyncRetryAttempts])).toEqual([
    ["LATEST", 0],
    ["1", 1],
    ["2", 2],
    ["prod", 3],
    ["test", 4],
  ]);
  expect(calls()).toHaveLength(3);
});

test("listStatefulAsyncInvocations passes the filters on every page", async () => {
  const { pool, calls, options } = mock();
  const base = "/2016-08-15/services/svc.prod/functions/fn/stateful-async-invocations";
  pool.intercept({ path: `${base}?limit=100&status=Failed&invocationIdPrefix=job-`, method: "GET" }).reply(200, { invocations: [{ invocationId: "job-1", status: "Failed" }], nextToken: "n" }, { headers: JSON_HEADERS });
  pool.intercept({ path: `${base}?limit=100&nextToken=n&status=Failed&invocationIdPrefix=job-`, method: "GET" }).reply(200, { invocations: [{ invocationId: "job-2", status: "Failed" }] }, { headers: JSON_HEADERS });
  const result = await listStatefulAsyncInvocations({ serviceName: "svc", functionName: "fn", qualifier: "prod", status: "Failed", invocationIdPrefix: "job-" }, options);
  expect(result).toEqual({ invocations: [{ invocationId: "job-1", status: "Failed" }, { invocationId: "job-2", status: "Failed" }] });
  expect(calls()).toHaveLength(2);
});

test("getFunctionAsyncInvokeConfig rejects with a NotFoundError when there is no config", async () => {
  const { pool, options } = mock();
  pool
    .intercept({ path: "/2016-08-15/services/svc.LATEST/functions/fn/async-invoke-config", method: "GET" })
    .reply(404, { ErrorCode: "AsyncConfigNotExists", ErrorMessage: "none" }, { headers: JSON_HEADERS });
  const error = await getFunctionAsyncInvokeConfig({ serviceName: "svc", functionName: "fn" }, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotFoundError);
  expect(error).toMatchObject({ code: "AsyncConfigNotExists" });
});

test("getStatefulAsyncInvocation and invokeFunction reach the task paths", async () => {
  const { pool, calls, options } = mock();
  pool.intercept({ path: "/2016-08-15/services/svc.LATEST/functions/fn/invocations", method: "POST" }).reply(202, "", { headers: { "x-fc-request-id": "r", "x-fc-stateful-async-invocation-id": "job-9" } });
  pool.intercept({ path: "/2016-08-15/services/svc.LATEST/functions/fn/stateful-async-invocations/job-9", method: "GET" }).reply(200, { invocationId: "job-9", status: "Running" }, { headers: JSON_HEADERS });
  const invoked = await invokeFunction({ serviceName: "svc", functionName: "fn", invocationType: "Async", statefulAsyncInvocationId: "job-9", payload: "{}" }, options);
  expect(invoked.statefulAsyncInvocationId).toBe("job-9");
  expect(await getStatefulAsyncInvocation({ serviceName: "svc", functionName: "fn", invocationId: "job-9" }, options)).toEqual({ invocationId: "job-9", status: "Running" });
  expect(calls().map((c) => c.method)).toEqual(["POST", "GET"]);
});

test("the Output variant resolves inputs first", async () => {
  const { pool, options } = mock();
  pool.intercept({ path: "/2016-08-15/services/svc.prod/functions/fn/async-invoke-config", method: "GET" }).reply(200, config("prod", 0), { headers: JSON_HEADERS });
  const output = getFunctionAsyncInvokeConfigOutput({ serviceName: Promise.resolve("svc"), functionName: "fn", qualifier: pulumi.output("prod") }, options);
  const config_ = await new Promise((resolve) => output.apply(resolve));
  expect(config_).toMatchObject({ serviceName: "svc", qualifier: "prod", maxAsyncRetryAttempts: 0 });
});

describe("createFcClient: explicit options, then stack config, then environment", () => {
  test("in a program, the stack config is used", () => {
    pulumi.runtime.setAllConfig({ "alicloud:accountId": "777", "pulumi-async-invoke:fcEndpoint": "http://127.0.0.1:9", "alicloud:accessKey": "k", "alicloud:secretKey": "s" });
    const client = createFcClient({ env: {} });
    expect([client.endpoint, client.accountId]).toEqual(["http://127.0.0.1:9", "777"]);
  });

  test("explicit options win over the stack config, key by key", () => {
    pulumi.runtime.setAllConfig({ "alicloud:accountId": "777", "alicloud:region": "cn-beijing", "alicloud:accessKey": "k", "alicloud:secretKey": "s" });
    const client = createFcClient({ accountId: "888", env: {} });
    expect([client.endpoint, client.accountId]).toEqual(["https://888.cn-beijing.fc.aliyuncs.com", "888"]);
  });

  test("explicit credentials are used as a set: a stack STS token is not paired with them", async () => {
    pulumi.runtime.setAllConfig({ "alicloud:securityToken": "STS.stack-token-000000" });
    const { pool, calls, options } = mock();
    pool.intercept({ path: "/2016-08-15/services/svc.LATEST/functions/fn/async-invoke-config", method: "GET" }).reply(200, config("LATEST", 1), { headers: JSON_HEADERS });
    await getFunctionAsyncInvokeConfig({ serviceName: "svc", functionName: "fn" }, options);
    expect(calls()[0]?.headers?.["x-fc-security-token"]).toBeUndefined();
  });

  test("a plain script with nothing configured gets the error naming the settings", () => {
    expect(() => createFcClient({ env: {} })).toThrow("The Alibaba Cloud account id is not set.");
  });
});

describe("collectPages", () => {
  test("stops on a missing or empty token", async () => {
    const pages: Record<string, { items: number[]; nextToken?: string }> = { start: { items: [1], nextToken: "a" }, a: { items: [2, 3], nextToken: "" } };
    expect(await collectPages(async (token) => pages[token ?? "start"] ?? { items: [] })).toEqual([1, 2, 3]);
  });

  test("refuses a token the service repeats instead of looping", async () => {
    await expect(collectPages(async (token) => ({ items: [token], nextToken: "same" }))).rejects.toThrow(
      'the service returned the page token "same" twice; stopping to avoid a loop',
    );
  });
});
