import { MockAgent } from "undici";
import { afterEach, describe, expect, test } from "vitest";
import { recordedBackoff } from "../../kit/backoff";
import { FcClient, type FcClientOptions } from "../../../provider/fc2/client";
import { ApiError, NetworkError, NotFoundError, isNotFoundError } from "../../../provider/shared/errors";

const ORIGIN = "http://fc.test:9000";
const SECRET = "super-secret-key-0123456789";
const TOKEN = "STS.session-token-abcdefghij";
const JSON_HEADERS = { "content-type": "application/json", "x-fc-request-id": "req-1" };
const CONFIG_PATH = "/2016-08-15/services/svc.LATEST/functions/fn/async-invoke-config";

let agents: MockAgent[] = [];
afterEach(async () => {
  for (const agent of agents) await agent.close();
  agents = [];
});

function setup(overrides: Partial<FcClientOptions> = {}) {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  agents.push(agent);
  const delays: number[] = [];
  const client = new FcClient({
    endpoint: ORIGIN,
    accountId: "1234567890",
    credentials: { accessKeyId: "AKID", accessKeySecret: SECRET },
    dispatcher: agent,
    now: () => new Date("2024-08-14T07:02:38Z"),
    ...recordedBackoff(delays),
    ...overrides,
  });
  return {
    client,
    pool: agent.get(ORIGIN),
    delays,
    calls: () => agent.getCallHistory()?.calls() ?? [],
  };
}

const wireConfig = {
  service: "svc",
  function: "fn",
  qualifier: "LATEST",
  createdTime: "2020-09-10T02:45:02Z",
  lastModifiedTime: "2020-09-11T02:45:02Z",
  destinationConfig: { onSuccess: { destination: null }, onFailure: { destination: "acs:mns:cn-hangzhou:1:/queues/q/messages" } },
  maxAsyncEventAgeInSeconds: 300,
  maxAsyncRetryAttempts: 0,
  statefulInvocation: true,
};
const parsedConfig = {
  serviceName: "svc",
  functionName: "fn",
  qualifier: "LATEST",
  createdTime: "2020-09-10T02:45:02Z",
  lastModifiedTime: "2020-09-11T02:45:02Z",
  destinationConfig: { onFailure: { destination: "acs:mns:cn-hangzhou:1:/queues/q/messages" } },
  maxAsyncEventAgeInSeconds: 300,
  maxAsyncRetryAttempts: 0,
  statefulInvocation: true,
};

describe("requests", () => {
  test("Get: the qualifier in the path, signed headers, tolerant parsing ({destination: null} is unset, 0 kept)", async () => {
    const { client, pool, calls } = setup();
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(200, wireConfig, { headers: JSON_HEADERS });
    expect(await client.getAsyncInvokeConfig({ serviceName: "svc", functionName: "fn" })).toEqual(parsedConfig);
    const [call] = calls();
    expect(call?.headers).toMatchObject({
      accept: "application/json",
      date: "Wed, 14 Aug 2024 07:02:38 GMT",
      "x-fc-account-id": "1234567890",
    });
    expect(call?.headers?.["authorization"]).toMatch(/^FC AKID:[A-Za-z0-9+/]{43}=$/);
    expect(call?.headers?.["content-md5"]).toBeUndefined();
  });

  test.each([
    ["serviceName/functionName spellings", { serviceName: "svc", functionName: "fn", qualifier: "prod" }],
    ["no names at all: the request's names are used", { qualifier: "prod" }],
    ["null destinationConfig and numbers left out: the documented defaults", { destinationConfig: null }],
  ])("Get tolerates %s", async (_name, body) => {
    const { client, pool } = setup();
    pool.intercept({ path: "/2016-08-15/services/svc.prod/functions/fn/async-invoke-config", method: "GET" }).reply(200, body, { headers: JSON_HEADERS });
    const config = await client.getAsyncInvokeConfig({ serviceName: "svc", functionName: "fn", qualifier: "prod" });
    expect(config).toMatchObject({ serviceName: "svc", functionName: "fn", qualifier: "prod" });
    if ("destinationConfig" in body) {
      expect(config).toMatchObject({ destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3, statefulInvocation: false, createdTime: "" });
    }
  });

  test("Put: the exact JSON body, Content-MD5 and content type, and the STS token header", async () => {
    const { client, pool, calls } = setup({ credentials: { accessKeyId: "STS.AKID", accessKeySecret: SECRET, securityToken: TOKEN } });
    pool.intercept({ path: "/2016-08-15/services/svc.1/functions/fn/async-invoke-config", method: "PUT" }).reply(200, { ...wireConfig, qualifier: "1" }, { headers: JSON_HEADERS });
    const body = {
      destinationConfig: { onSuccess: null, onFailure: { destination: "acs:mns:cn-hangzhou:1:/queues/q/messages" } },
      maxAsyncEventAgeInSeconds: 300,
      maxAsyncRetryAttempts: 0,
      statefulInvocation: true,
    };
    await client.putAsyncInvokeConfig({ serviceName: "svc", functionName: "fn", qualifier: "1" }, body);
    const [call] = calls();
    expect(call?.body?.toString()).toBe(
      '{"destinationConfig":{"onSuccess":null,"onFailure":{"destination":"acs:mns:cn-hangzhou:1:/queues/q/messages"}},"maxAsyncEventAgeInSeconds":300,"maxAsyncRetryAttempts":0,"statefulInvocation":true}',
    );
    expect(call?.headers).toMatchObject({ "content-type": "application/json", "x-fc-security-token": TOKEN });
    expect(call?.headers?.["content-md5"]).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  test("Delete", async () => {
    const { client, pool, calls } = setup();
    pool.intercept({ path: "/2016-08-15/services/svc.my_alias/functions/fn/async-invoke-config", method: "DELETE" }).reply(204, "");
    await client.deleteAsyncInvokeConfig({ serviceName: "svc", functionName: "fn", qualifier: "my_alias" });
    expect(calls().map((c) => `${c.method} ${c.path}`)).toEqual(["DELETE /2016-08-15/services/svc.my_alias/functions/fn/async-invoke-config"]);
  });

  test("List: limit and nextToken in the query, configs of every qualifier parsed", async () => {
    const { client, pool, calls } = setup();
    pool
      .intercept({ path: "/2016-08-15/services/svc/functions/fn/async-invoke-configs?limit=2&nextToken=t%2F1", method: "GET" })
      .reply(200, { configs: [wireConfig, { ...wireConfig, qualifier: "2", destinationConfig: null }], nextToken: "t2" }, { headers: JSON_HEADERS });
    const page = await client.listAsyncInvokeConfigs({ serviceName: "svc", functionName: "fn", limit: 2, nextToken: "t/1" });
    expect(page.nextToken).toBe("t2");
    expect(page.configs.map((c) => [c.qualifier, c.destinationConfig])).toEqual([
      ["LATEST", { onFailure: { destination: "acs:mns:cn-hangzhou:1:/queues/q/messages" } }],
      ["2", {}],
    ]);
    expect(calls()[0]?.searchParams).toEqual({ limit: "2", nextToken: "t/1" });
  });

  test("List: the last page has no nextToken", async () => {
    const { client, pool } = setup();
    pool.intercept({ path: "/2016-08-15/services/svc/functions/fn/async-invoke-configs", method: "GET" }).reply(200, { configs: [] }, { headers: JSON_HEADERS });
    expect(await client.listAsyncInvokeConfigs({ serviceName: "svc", functionName: "fn" })).toEqual({ configs: [] });
  });

  test("stateful invocations: get, list with filters, stop", async () => {
    const { client, pool, calls } = setup();
    const record = {
      invocationId: "job-1",
      status: "Succeeded",
      serviceName: "svc",
      functionName: "fn",
      qualifier: "LATEST",
      startedTime: 1633449590000,
      alreadyRetriedTimes: 2,
      events: [{ eventId: 1, status: "Enqueued", timestamp: 1647420449721, eventDetail: null }],
      futureField: "kept",
    };
    const base = "/2016-08-15/services/svc.LATEST/functions/fn/stateful-async-invocations";
    pool.intercept({ path: `${base}/job-1`, method: "GET" }).reply(200, record, { headers: JSON_HEADERS });
    pool
      .intercept({ path: `${base}?limit=10&status=Failed&sortOrderByTime=desc&includePayload=true`, method: "GET" })
      .reply(200, { invocations: [record], nextToken: null }, { headers: JSON_HEADERS });
    pool.intercept({ path: `${base}/job-1`, method: "PUT" }).reply(200, "");
    const ref = { serviceName: "svc", functionName: "fn", invocationId: "job-1" };
    const expected = { ...record, events: [{ eventId: 1, status: "Enqueued", timestamp: 1647420449721 }] };
    expect(await client.getStatefulAsyncInvocation(ref)).toEqual(expected);
    expect(
      await client.listStatefulAsyncInvocations({ serviceName: "svc", functionName: "fn", limit: 10, status: "Failed", sortOrderByTime: "desc", includePayload: true }),
    ).toEqual({ invocations: [expected] });
    await client.stopStatefulAsyncInvocation(ref);
    expect(calls().map((c) => c.method)).toEqual(["GET", "GET", "PUT"]);
  });

  test("invoke: async with a task id; the response headers are surfaced", async () => {
    const { client, pool, calls } = setup();
    pool
      .intercept({ path: "/2016-08-15/services/svc.LATEST/functions/fn/invocations", method: "POST" })
      .reply(202, "", { headers: { "x-fc-request-id": "req-9", "x-fc-stateful-async-invocation-id": "job-1" } });
    const result = await client.invokeFunction({ serviceName: "svc", functionName: "fn", payload: '{"n":1}', invocationType: "Async", statefulAsyncInvocationId: "job-1" });
    expect(result).toEqual({ status: 202, requestId: "req-9", statefulAsyncInvocationId: "job-1", functionError: undefined, payload: Buffer.alloc(0) });
    expect(calls()[0]?.headers).toMatchObject({
      "x-fc-invocation-type": "Async",
      "x-fc-stateful-async-invocation-id": "job-1",
      "content-type": "application/octet-stream",
    });
    expect(calls()[0]?.body?.toString()).toBe('{"n":1}');
  });

  test("invoke: a synchronous function error is a result, not an exception", async () => {
    const { client, pool } = setup();
    pool
      .intercept({ path: "/2016-08-15/services/svc.LATEST/functions/fn/invocations", method: "POST" })
      .reply(200, '{"errorMessage":"boom"}', { headers: { "x-fc-error-type": "UnhandledInvocationError" } });
    const result = await client.invokeFunction({ serviceName: "svc", functionName: "fn" });
    expect(result.functionError).toBe("UnhandledInvocationError");
    expect(result.payload.toString()).toBe('{"errorMessage":"boom"}');
  });

  test.each([
    ["a service name starting with a digit", { serviceName: "1svc", functionName: "fn" }, /serviceName must start/],
    ["a function name with a slash", { serviceName: "svc", functionName: "a/b" }, /functionName must start/],
    ["a qualifier with a dot", { serviceName: "svc", functionName: "fn", qualifier: "a.b" }, /qualifier must be/],
  ])("refuses %s before any request", async (_name, ref, message) => {
    const { client, calls } = setup();
    await expect(client.getAsyncInvokeConfig(ref)).rejects.toThrow(message);
    expect(calls()).toEqual([]);
  });
});

describe("errors", () => {
  test("404 AsyncConfigNotExists is a NotFoundError with code, request id, status and operation; not retried", async () => {
    const { client, pool, calls } = setup();
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(404, { ErrorCode: "AsyncConfigNotExists", ErrorMessage: "no config" }, { headers: JSON_HEADERS });
    const error = await client.getAsyncInvokeConfig({ serviceName: "svc", functionName: "fn" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(isNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({ code: "AsyncConfigNotExists", requestId: "req-1", status: 404, operation: "GetFunctionAsyncInvokeConfig" });
    expect((error as Error).message).toBe("GetFunctionAsyncInvokeConfig (HTTP 404) failed: AsyncConfigNotExists: no config [request id req-1]");
    expect(calls()).toHaveLength(1);
  });

  test("403 SignatureNotMatch is an ApiError, not retried, and never repeats a credential the service echoed", async () => {
    const { client, pool, calls } = setup({ credentials: { accessKeyId: "STS.AKID", accessKeySecret: SECRET, securityToken: TOKEN } });
    pool
      .intercept({ path: CONFIG_PATH, method: "GET" })
      .reply(403, { ErrorCode: "SignatureNotMatch", ErrorMessage: `string to sign was: x-fc-security-token:${TOKEN} key ${SECRET}` }, { headers: JSON_HEADERS });
    const error = (await client.getAsyncInvokeConfig({ serviceName: "svc", functionName: "fn" }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error.code).toBe("SignatureNotMatch");
    expect(error.message).toBe("GetFunctionAsyncInvokeConfig (HTTP 403) failed: SignatureNotMatch: string to sign was: x-fc-security-token:*** key *** [request id req-1]");
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(calls()).toHaveLength(1);
  });

  test("a body that is not JSON keeps its first 200 characters and an HTTP code", async () => {
    const { client, pool } = setup({ retry: { maxAttempts: 1 } });
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(502, "<html>Bad Gateway</html>");
    await expect(client.getAsyncInvokeConfig({ serviceName: "svc", functionName: "fn" })).rejects.toMatchObject({
      code: "HTTP502",
      status: 502,
      serviceMessage: "<html>Bad Gateway</html>",
    });
  });

  test("a 200 whose body cannot be read is an InvalidResponse", async () => {
    const { client, pool } = setup();
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(200, "{not json", { headers: JSON_HEADERS });
    await expect(client.getAsyncInvokeConfig({ serviceName: "svc", functionName: "fn" })).rejects.toMatchObject({ code: "InvalidResponse", status: 200 });
  });

  test("a 200 whose JSON has the wrong shape names the member, not the first line of zod's JSON", async () => {
    const { client, pool } = setup();
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(200, { maxAsyncRetryAttempts: "three" }, { headers: JSON_HEADERS });
    await expect(client.getAsyncInvokeConfig({ serviceName: "svc", functionName: "fn" })).rejects.toMatchObject({
      code: "InvalidResponse",
      serviceMessage: "the service answered with a body this client cannot read (maxAsyncRetryAttempts: Invalid input: expected number, received string)",
    });
  });
});

describe("retries (delays recorded, never slept)", () => {
  const ref = { serviceName: "svc", functionName: "fn" };

  test("429 with Retry-After: waits what the service asked, then succeeds", async () => {
    const { client, pool, delays, calls } = setup();
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(429, { ErrorCode: "ResourceExhausted", ErrorMessage: "slow" }, { headers: { ...JSON_HEADERS, "retry-after": "2" } });
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(200, wireConfig, { headers: JSON_HEADERS });
    expect(await client.getAsyncInvokeConfig(ref)).toEqual(parsedConfig);
    expect(delays).toEqual([2000]);
    expect(calls()).toHaveLength(2);
  });

  test("503 then 200: one jittered backoff", async () => {
    const { client, pool, delays } = setup();
    pool.intercept({ path: CONFIG_PATH, method: "PUT" }).reply(503, { ErrorCode: "ResourceThrottled", ErrorMessage: "busy" }, { headers: JSON_HEADERS });
    pool.intercept({ path: CONFIG_PATH, method: "PUT" }).reply(200, wireConfig, { headers: JSON_HEADERS });
    await client.putAsyncInvokeConfig(ref, { maxAsyncRetryAttempts: 0 });
    expect(delays).toEqual([100]);
  });

  test("a network error then 200", async () => {
    const { client, pool, delays } = setup();
    pool.intercept({ path: CONFIG_PATH, method: "DELETE" }).replyWithError(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }));
    pool.intercept({ path: CONFIG_PATH, method: "DELETE" }).reply(204, "");
    await client.deleteAsyncInvokeConfig(ref);
    expect(delays).toEqual([100]);
  });

  test("a network error on the last attempt surfaces as a NetworkError", async () => {
    const { client, pool, delays } = setup({ retry: { maxAttempts: 2 } });
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).replyWithError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })).times(2);
    const error = await client.getAsyncInvokeConfig(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: "ECONNREFUSED", operation: "GetFunctionAsyncInvokeConfig", status: undefined });
    expect(delays).toEqual([100]);
  });

  test("attempts exhausted: 4 tries, 3 growing waits, the last error", async () => {
    const { client, pool, delays, calls } = setup({ retry: { maxAttempts: 4 } });
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(500, { ErrorCode: "InternalServerError", ErrorMessage: "oops" }, { headers: JSON_HEADERS }).times(4);
    await expect(client.getAsyncInvokeConfig(ref)).rejects.toMatchObject({ code: "InternalServerError", status: 500 });
    expect(delays).toEqual([100, 200, 400]);
    expect(calls()).toHaveLength(4);
  });

  test("time budget exhausted before the attempts are", async () => {
    const { client, pool, delays, calls } = setup({ retry: { maxAttempts: 10, budgetMs: 250 } });
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(503, { ErrorCode: "ResourceThrottled", ErrorMessage: "busy" }, { headers: JSON_HEADERS }).times(10);
    await expect(client.getAsyncInvokeConfig(ref)).rejects.toMatchObject({ status: 503 });
    // 100 fits (0 + 100 ≤ 250); the next, 200 at 100 ms elapsed, would end at 300.
    expect(delays).toEqual([100]);
    expect(calls()).toHaveLength(2);
  });

  test("invoke (POST) is not retried", async () => {
    const { client, pool, delays, calls } = setup();
    pool.intercept({ path: "/2016-08-15/services/svc.LATEST/functions/fn/invocations", method: "POST" }).reply(503, { ErrorCode: "ResourceThrottled", ErrorMessage: "busy" }, { headers: JSON_HEADERS });
    await expect(client.invokeFunction({ ...ref, invocationType: "Async" })).rejects.toMatchObject({ code: "ResourceThrottled", status: 503 });
    expect(delays).toEqual([]);
    expect(calls()).toHaveLength(1);
  });

  test("credentials are asked for on every attempt, so refreshed STS keys are used", async () => {
    let asked = 0;
    const { client, pool, calls } = setup({
      credentials: async () => ({ accessKeyId: `STS.KEY${++asked}`, accessKeySecret: SECRET, securityToken: `${TOKEN}${asked}` }),
    });
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(503, { ErrorCode: "ResourceThrottled", ErrorMessage: "busy" }, { headers: JSON_HEADERS });
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(200, wireConfig, { headers: JSON_HEADERS });
    await client.getAsyncInvokeConfig(ref);
    expect(calls().map((c) => [String(c.headers?.["authorization"]).split(":")[0], c.headers?.["x-fc-security-token"]])).toEqual([
      ["FC STS.KEY1", `${TOKEN}1`],
      ["FC STS.KEY2", `${TOKEN}2`],
    ]);
  });
});

describe("timeouts and cancellation", () => {
  const ref = { serviceName: "svc", functionName: "fn" };

  test("an attempt without an answer in time is a RequestTimeout, and GET retries it", async () => {
    const { client, pool, delays } = setup({ timeoutMs: 20 });
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(200, wireConfig, { headers: JSON_HEADERS }).delay(5_000);
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(200, wireConfig, { headers: JSON_HEADERS });
    expect(await client.getAsyncInvokeConfig(ref)).toEqual(parsedConfig);
    expect(delays).toEqual([100]);
  });

  test("a timeout on the last attempt names the limit", async () => {
    const { client, pool } = setup({ timeoutMs: 20, retry: { maxAttempts: 1 } });
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(200, wireConfig, { headers: JSON_HEADERS }).delay(5_000);
    await expect(client.getAsyncInvokeConfig(ref)).rejects.toMatchObject({
      name: "NetworkError",
      code: "RequestTimeout",
      message: `GetFunctionAsyncInvokeConfig failed: RequestTimeout: no response within 20 ms from ${ORIGIN}`,
    });
  });

  test("the caller's signal cancels the request and is not retried", async () => {
    const { client, pool, delays, calls } = setup();
    pool.intercept({ path: CONFIG_PATH, method: "GET" }).reply(200, wireConfig, { headers: JSON_HEADERS }).delay(5_000);
    const controller = new AbortController();
    const pending = client.getAsyncInvokeConfig(ref, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user cancelled")), 10);
    await expect(pending).rejects.toThrow("user cancelled");
    expect(delays).toEqual([]);
    expect(calls()).toHaveLength(1);
  });
});

test("the endpoint must be http(s)", () => {
  expect(() => new FcClient({ endpoint: "ftp://x", accountId: "1", credentials: { accessKeyId: "a", accessKeySecret: "b" } })).toThrow(
    "the FC endpoint must be an http(s) URL; got protocol ftp:",
  );
});
