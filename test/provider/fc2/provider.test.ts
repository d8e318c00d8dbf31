import { MockAgent } from "undici";
import { afterEach, describe, expect, test } from "vitest";
import { FcClient } from "../../../provider/fc2/client";
import {
  ConfigNotAppliedError,
  CredentialsRefusedError,
  ExistingConfigError,
  explainingRefusedCredentials,
  FunctionAsyncInvokeConfigProvider,
  UNKNOWN,
  createProvider,
  configure,
} from "../../../provider/fc2/provider";

const QUEUE = "acs:mns:cn-hangzhou:123:/queues/failed/messages";
const TOPIC = "acs:mns:cn-hangzhou:123:/topics/done/messages";
const FN = "acs:fc:cn-hangzhou:123:services/audit.LATEST/functions/record";

/** What `check` returns for `{serviceName: "svc", functionName: "fn"}`: `adoptExisting: false` is left out, as FC never sees it. */
const DEFAULTS = {
  serviceName: "svc",
  functionName: "fn",
  qualifier: "LATEST",
  destinationConfig: {},
  maxAsyncEventAgeInSeconds: 86400,
  maxAsyncRetryAttempts: 3,
  statefulInvocation: false,
};

/** The state a config with a failure queue and no retries leaves, and the checked inputs that match it. */
const liveOutputs = {
  schemaVersion: 1,
  serviceName: "svc",
  functionName: "fn",
  qualifier: "LATEST",
  destinationConfig: { onFailure: { destination: QUEUE } },
  maxAsyncEventAgeInSeconds: 86400,
  maxAsyncRetryAttempts: 0,
  statefulInvocation: false,
  createdTime: "2020-09-10T02:45:02Z",
  lastModifiedTime: "2020-09-11T02:45:02Z",
};
const liveInputs = { ...DEFAULTS, destinationConfig: { onFailure: { destination: QUEUE } }, maxAsyncRetryAttempts: 0 };

// Only check and diff are exercised here: they must never need the service.
const offline = new FunctionAsyncInvokeConfigProvider(() => {
  throw new Error("check and diff must not call the API");
});

describe("check", () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["omitted fields are filled with their defaults", { serviceName: "svc", functionName: "fn" }, DEFAULTS],
    ["0 retries survives (Terraform drops it)", { serviceName: "svc", functionName: "fn", maxAsyncRetryAttempts: 0 }, { ...DEFAULTS, maxAsyncRetryAttempts: 0 }],
    [
      "writing the defaults is the same as omitting them",
      { serviceName: "svc", functionName: "fn", qualifier: "LATEST", destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3, statefulInvocation: false, adoptExisting: false },
      DEFAULTS,
    ],
    ["null is the same as absent (YAML programs)", { serviceName: "svc", functionName: "fn", qualifier: null, destinationConfig: null, maxAsyncRetryAttempts: null }, DEFAULTS],
    // Let through on purpose (README, "The emulator"): the cloud takes an empty block as no destination, and Pulumi
    // sends `{destination: undefined}` as `{}`.
    ["onFailure: {} (an empty destination object) is unset", { serviceName: "svc", functionName: "fn", destinationConfig: { onFailure: {} } }, DEFAULTS],
    // Let through on purpose: the cloud's rule on other regions and accounts is not published (RAM may grant them).
    [
      "a destination in another region and account than the function is kept as written",
      { serviceName: "svc", functionName: "fn", destinationConfig: { onFailure: { destination: "acs:mns:cn-beijing:999:/queues/q/messages" } } },
      { ...DEFAULTS, destinationConfig: { onFailure: { destination: "acs:mns:cn-beijing:999:/queues/q/messages" } } },
    ],
    [
      "a destination side written as null or {destination: null} is unset",
      { serviceName: "svc", functionName: "fn", destinationConfig: { onSuccess: null, onFailure: { destination: null } } },
      DEFAULTS,
    ],
    [
      "every field set, bounds included",
      {
        serviceName: "_svc-1",
        functionName: "fn_2",
        qualifier: "12",
        destinationConfig: { onSuccess: { destination: TOPIC }, onFailure: { destination: QUEUE } },
        maxAsyncEventAgeInSeconds: 2592000,
        maxAsyncRetryAttempts: 8,
        statefulInvocation: true,
        adoptExisting: true,
      },
      {
        serviceName: "_svc-1",
        functionName: "fn_2",
        qualifier: "12",
        destinationConfig: { onSuccess: { destination: TOPIC }, onFailure: { destination: QUEUE } },
        maxAsyncEventAgeInSeconds: 2592000,
        maxAsyncRetryAttempts: 8,
        statefulInvocation: true,
        adoptExisting: true,
      },
    ],
    ["lower bounds", { serviceName: "svc", functionName: "fn", maxAsyncEventAgeInSeconds: 1, maxAsyncRetryAttempts: 0 }, { ...DEFAULTS, maxAsyncEventAgeInSeconds: 1, maxAsyncRetryAttempts: 0 }],
    ["an alias qualifier", { serviceName: "svc", functionName: "fn", qualifier: "prod" }, { ...DEFAULTS, qualifier: "prod" }],
    ["the reserved __provider is not an input error", { serviceName: "svc", functionName: "fn", __provider: "exports.handler = ..." }, DEFAULTS],
    [
      "unknowns (preview) are kept as they are, the rest validated and defaulted",
      { serviceName: UNKNOWN, functionName: "fn", maxAsyncRetryAttempts: UNKNOWN, destinationConfig: { onFailure: { destination: UNKNOWN } } },
      { ...DEFAULTS, serviceName: UNKNOWN, maxAsyncRetryAttempts: UNKNOWN, destinationConfig: { onFailure: { destination: UNKNOWN } } },
    ],
    ["a whole unknown destinationConfig", { serviceName: "svc", functionName: "fn", destinationConfig: UNKNOWN }, { ...DEFAULTS, destinationConfig: UNKNOWN }],
  ])("%s", async (_name, news, expected) => {
    expect(await offline.check({}, news)).toEqual({ inputs: expected });
  });

  const NAME = "that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters)";
  const QUALIFIER = `must be "LATEST" (the default), a published version number such as "1", or an alias name ${NAME}`;
  const DESTINATION =
    "must be an Alibaba Cloud resource name of a supported destination, one of: acs:mns:{region}:{accountId}:/queues/{queue}/messages, " +
    "acs:mns:{region}:{accountId}:/topics/{topic}/messages, acs:fc:{region}:{accountId}:services/{service}[.{qualifier}]/functions/{function}, " +
    "acs:eventbridge:{region}:{accountId}:eventbus/{eventBus}, acs:mq:{region}:{accountId}:/instances/{instanceId}/topic/{topic}";
  const ok = { serviceName: "svc", functionName: "fn" };

  test.each<[string, Record<string, unknown>, { property: string; reason: string }[]]>([
    ["serviceName missing", { functionName: "fn" }, [{ property: "serviceName", reason: `must be a service name ${NAME}; got nothing` }]],
    ["serviceName starting with a digit", { ...ok, serviceName: "1svc" }, [{ property: "serviceName", reason: `must be a service name ${NAME}; got "1svc"` }]],
    ["serviceName too long", { ...ok, serviceName: `s${"x".repeat(128)}` }, [{ property: "serviceName", reason: `must be a service name ${NAME}; got ${JSON.stringify(`s${"x".repeat(128)}`).slice(0, 77)}...` }]],
    ["functionName a number", { ...ok, functionName: 42 }, [{ property: "functionName", reason: `must be a function name ${NAME}; got 42` }]],
    ["qualifier with a dot", { ...ok, qualifier: "v1.2" }, [{ property: "qualifier", reason: `${QUALIFIER}; got "v1.2"` }]],
    ["qualifier 0", { ...ok, qualifier: "0" }, [{ property: "qualifier", reason: `${QUALIFIER}; got "0"` }]],
    ["qualifier empty", { ...ok, qualifier: "" }, [{ property: "qualifier", reason: `${QUALIFIER}; got ""` }]],
    ["qualifier latest in lower case (FC's qualifiers are case-sensitive)", { ...ok, qualifier: "latest" }, [{ property: "qualifier", reason: 'must be "LATEST": LATEST is written in capitals (qualifiers are case-sensitive); got "latest"' }]],
    ["qualifier Latest", { ...ok, qualifier: "Latest" }, [{ property: "qualifier", reason: 'must be "LATEST": LATEST is written in capitals (qualifiers are case-sensitive); got "Latest"' }]],
    ["an FC destination on qualifier latest", { ...ok, destinationConfig: { onSuccess: { destination: "acs:fc:cn-hangzhou:123:services/svc.latest/functions/fn" } } }, [{ property: "destinationConfig.onSuccess.destination", reason: `${DESTINATION}; got "acs:fc:cn-hangzhou:123:services/svc.latest/functions/fn"` }]],
    ["retries 9", { ...ok, maxAsyncRetryAttempts: 9 }, [{ property: "maxAsyncRetryAttempts", reason: "must be an integer from 0 to 8 (default 3); got 9" }]],
    ["retries -1", { ...ok, maxAsyncRetryAttempts: -1 }, [{ property: "maxAsyncRetryAttempts", reason: "must be an integer from 0 to 8 (default 3); got -1" }]],
    ["retries 1.5", { ...ok, maxAsyncRetryAttempts: 1.5 }, [{ property: "maxAsyncRetryAttempts", reason: "must be an integer from 0 to 8 (default 3); got 1.5" }]],
    ["retries as a string", { ...ok, maxAsyncRetryAttempts: "3" }, [{ property: "maxAsyncRetryAttempts", reason: 'must be an integer from 0 to 8 (default 3); got "3"' }]],
    ["event age 0", { ...ok, maxAsyncEventAgeInSeconds: 0 }, [{ property: "maxAsyncEventAgeInSeconds", reason: "must be an integer from 1 to 2592000 (default 86400); got 0" }]],
    ["event age 2592001", { ...ok, maxAsyncEventAgeInSeconds: 2592001 }, [{ property: "maxAsyncEventAgeInSeconds", reason: "must be an integer from 1 to 2592000 (default 86400); got 2592001" }]],
    ["statefulInvocation a string", { ...ok, statefulInvocation: "yes" }, [{ property: "statefulInvocation", reason: 'must be true or false (default false); got "yes"' }]],
    ["adoptExisting a number", { ...ok, adoptExisting: 1 }, [{ property: "adoptExisting", reason: "must be true or false (default false); got 1" }]],
    ["a destination that is not a resource name", { ...ok, destinationConfig: { onFailure: { destination: "my-queue" } } }, [{ property: "destinationConfig.onFailure.destination", reason: `${DESTINATION}; got "my-queue"` }]],
    ["an empty destination string", { ...ok, destinationConfig: { onSuccess: { destination: "" } } }, [{ property: "destinationConfig.onSuccess.destination", reason: `${DESTINATION}; got ""` }]],
    ["a destination written as a bare string", { ...ok, destinationConfig: { onFailure: QUEUE } }, [{ property: "destinationConfig.onFailure", reason: `must be an object {destination: "<resource name>"}; got "${QUEUE}"` }]],
    ["destinationConfig a string", { ...ok, destinationConfig: "none" }, [{ property: "destinationConfig", reason: 'must be an object with optional onSuccess and onFailure, each {destination}; got "none"' }]],
    [
      "a misspelt property",
      { ...ok, maxRetryAttempts: 2 },
      [{ property: "maxRetryAttempts", reason: "is not a property of FunctionAsyncInvokeConfig; allowed: serviceName, functionName, qualifier, destinationConfig, maxAsyncEventAgeInSeconds, maxAsyncRetryAttempts, statefulInvocation, adoptExisting" }],
    ],
    ["a misspelt destination side", { ...ok, destinationConfig: { onError: { destination: QUEUE } } }, [{ property: "destinationConfig.onError", reason: "is not a property of destinationConfig; allowed: onSuccess, onFailure" }]],
    ["an extra member in a destination", { ...ok, destinationConfig: { onFailure: { destination: QUEUE, type: "mns" } } }, [{ property: "destinationConfig.onFailure.type", reason: "is not a property of destinationConfig.onFailure; allowed: destination" }]],
    [
      "several failures at once, each named",
      { serviceName: "svc", functionName: "", maxAsyncRetryAttempts: 10, statefulInvocation: 0 },
      [
        { property: "functionName", reason: `must be a function name ${NAME}; got ""` },
        { property: "maxAsyncRetryAttempts", reason: "must be an integer from 0 to 8 (default 3); got 10" },
        { property: "statefulInvocation", reason: "must be true or false (default false); got 0" },
      ],
    ],
  ])("refuses %s", async (_name, news, failures) => {
    const result = await offline.check({}, news);
    expect(result.failures).toEqual(failures);
  });
});

describe("diff", () => {
  const outputs = { ...liveOutputs, __provider: "exports.handler = ..." };
  const inputs = { ...liveInputs, __provider: "exports.handler = ..." };
  const none = { changes: false, replaces: [], deleteBeforeReplace: false };
  // In-place changes answer "unknown", so the engine lists the changed inputs itself (dynamic providers cannot).
  const update = { replaces: [], deleteBeforeReplace: false };
  const replace = (...keys: string[]) => ({ changes: true, replaces: keys, deleteBeforeReplace: false });

  test.each<[string, Record<string, unknown>, Record<string, unknown>, object]>([
    ["same values", outputs, inputs, none],
    ["0 retries on both sides is no change", outputs, { ...inputs, maxAsyncRetryAttempts: 0 }, none],
    [
      "defaults omitted from the new inputs",
      { ...outputs, destinationConfig: {}, maxAsyncRetryAttempts: 3 },
      { serviceName: "svc", functionName: "fn" },
      none,
    ],
    [
      "key order",
      { ...outputs, destinationConfig: { onSuccess: { destination: TOPIC }, onFailure: { destination: QUEUE } } },
      { ...inputs, destinationConfig: { onFailure: { destination: QUEUE }, onSuccess: { destination: TOPIC } } },
      none,
    ],
    ["null versus absent destination side", { ...outputs, destinationConfig: { onSuccess: null, onFailure: { destination: QUEUE } } }, inputs, none],
    ["{destination: null} versus absent", { ...outputs, destinationConfig: { onSuccess: { destination: null }, onFailure: { destination: QUEUE } } }, inputs, none],
    ["adoptExisting alone changes nothing on FC", outputs, { ...inputs, adoptExisting: true }, none],
    ["times in the outputs are not compared", { ...outputs, lastModifiedTime: "2030-01-01T00:00:00Z" }, inputs, none],
    ["state written before schemaVersion", { serviceName: "svc", functionName: "fn", destinationConfig: { onFailure: { destination: QUEUE } }, maxAsyncRetryAttempts: 0 }, inputs, none],
    ["retries 0 → 3", outputs, { ...inputs, maxAsyncRetryAttempts: 3 }, update],
    ["event age", outputs, { ...inputs, maxAsyncEventAgeInSeconds: 60 }, update],
    ["stateful flag", outputs, { ...inputs, statefulInvocation: true }, update],
    ["a destination removed", outputs, { ...inputs, destinationConfig: {} }, update],
    ["a destination added", outputs, { ...inputs, destinationConfig: { onSuccess: { destination: TOPIC }, onFailure: { destination: QUEUE } } }, update],
    ["a destination changed", outputs, { ...inputs, destinationConfig: { onFailure: { destination: FN } } }, update],
    ["qualifier → replace", outputs, { ...inputs, qualifier: "prod" }, replace("qualifier")],
    ["serviceName → replace", outputs, { ...inputs, serviceName: "svc2" }, replace("serviceName")],
    ["functionName and a setting → replace", outputs, { ...inputs, functionName: "fn2", maxAsyncRetryAttempts: 5 }, replace("functionName")],
    ["an unknown name may change: replace", outputs, { ...inputs, serviceName: UNKNOWN }, replace("serviceName")],
    ["an unknown setting may change: update", outputs, { ...inputs, destinationConfig: { onFailure: { destination: UNKNOWN } } }, update],
    ["outputs this release cannot read: update to rewrite them", { schemaVersion: 1, serviceName: 7 }, inputs, { changes: true, replaces: [], deleteBeforeReplace: false }],
  ])("%s", async (_name, olds, news, expected) => {
    expect(await offline.diff("svc:fn:LATEST", olds, news)).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// create / read / update / delete against undici's MockAgent: the exact requests, the exact results.

const ORIGIN = "http://fc.test";
const PATH = "/2016-08-15/services/svc.LATEST/functions/fn/async-invoke-config";
const JSON_HEADERS = { "content-type": "application/json", "x-fc-request-id": "req-1" };
const live = {
  service: "svc",
  function: "fn",
  qualifier: "LATEST",
  createdTime: "2020-09-10T02:45:02Z",
  lastModifiedTime: "2020-09-11T02:45:02Z",
  destinationConfig: { onSuccess: null, onFailure: { destination: QUEUE } },
  maxAsyncEventAgeInSeconds: 86400,
  maxAsyncRetryAttempts: 0,
  statefulInvocation: false,
};
const notFound = (code: string) => ({ ErrorCode: code, ErrorMessage: `${code} message` });

let agents: MockAgent[] = [];
afterEach(async () => {
  for (const agent of agents) await agent.close();
  agents = [];
});

function setup() {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  agents.push(agent);
  const client = new FcClient({
    endpoint: ORIGIN,
    accountId: "123",
    credentials: { accessKeyId: "AKID", accessKeySecret: "secret-value-123456" },
    dispatcher: agent,
    sleep: async () => {},
  });
  return {
    provider: new FunctionAsyncInvokeConfigProvider(() => explainingRefusedCredentials(client)),
    pool: agent.get(ORIGIN),
    calls: () => (agent.getCallHistory()?.calls() ?? []).map((c) => `${c.method} ${c.path}${c.body ? ` ${c.body.toString()}` : ""}`),
  };
}

const PUT_BODY = `{"destinationConfig":{"onSuccess":null,"onFailure":{"destination":"${QUEUE}"}},"maxAsyncEventAgeInSeconds":86400,"maxAsyncRetryAttempts":0,"statefulInvocation":false}`;

describe("create", () => {
  const inputs = { ...liveInputs, __provider: "x" };

  test("no config yet: Get (AsyncConfigNotExists), then Put of the whole config; id service:function:qualifier", async () => {
    const { provider, pool, calls } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(404, notFound("AsyncConfigNotExists"), { headers: JSON_HEADERS });
    pool.intercept({ path: PATH, method: "PUT" }).reply(200, live, { headers: JSON_HEADERS });
    expect(await provider.create(inputs)).toEqual({ id: "svc:fn:LATEST", outs: liveOutputs });
    expect(calls()).toEqual([`GET ${PATH}`, `PUT ${PATH} ${PUT_BODY}`]);
  });

  test("an existing config with other values is refused with the way to adopt it; nothing is written", async () => {
    const { provider, pool, calls } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(200, { ...live, maxAsyncRetryAttempts: 5 }, { headers: JSON_HEADERS });
    const error = await provider.create(inputs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExistingConfigError);
    expect((error as Error).message).toBe(
      'An async invoke config already exists for service "svc", function "fn", qualifier "LATEST" (last modified 2020-09-11T02:45:02Z). ' +
        "It is not overwritten silently: another stack, tool or person may manage it. To take it over on purpose, set `adoptExisting: true` " +
        "on this FunctionAsyncInvokeConfig and run again; this resource will then manage it and delete it on destroy. " +
        "(`pulumi import` cannot adopt it: dynamic resources do not support import.)",
    );
    expect(calls()).toEqual([`GET ${PATH}`]);
  });

  test("an existing config holding exactly the desired values is our own interrupted create: recorded, no Put", async () => {
    const { provider, pool, calls } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(200, live, { headers: JSON_HEADERS });
    expect(await provider.create(inputs)).toEqual({ id: "svc:fn:LATEST", outs: liveOutputs });
    expect(calls()).toEqual([`GET ${PATH}`]);
  });

  test.each<[string, Record<string, unknown>]>([
    ["one more retry", { maxAsyncRetryAttempts: 1 }],
    ["another event age", { maxAsyncEventAgeInSeconds: 3600 }],
    ["the stateful switch", { statefulInvocation: true }],
    ["an extra destination", { destinationConfig: { onSuccess: { destination: TOPIC }, onFailure: { destination: QUEUE } } }],
    ["no destination", { destinationConfig: { onSuccess: null, onFailure: null } }],
  ])("an existing config differing by %s is still refused", async (_name, change) => {
    const { provider, pool, calls } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(200, { ...live, ...change }, { headers: JSON_HEADERS });
    await expect(provider.create(inputs)).rejects.toBeInstanceOf(ExistingConfigError);
    expect(calls()).toEqual([`GET ${PATH}`]);
  });

  test("adoptExisting: the existing config is taken over with a Put of the whole config", async () => {
    const { provider, pool, calls } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(200, { ...live, maxAsyncRetryAttempts: 5 }, { headers: JSON_HEADERS });
    pool.intercept({ path: PATH, method: "PUT" }).reply(200, live, { headers: JSON_HEADERS });
    // The flag is kept in the outputs so that a refresh hands it back among the inputs.
    expect(await provider.create({ ...inputs, adoptExisting: true })).toEqual({ id: "svc:fn:LATEST", outs: { ...liveOutputs, adoptExisting: true } });
    expect(calls()).toEqual([`GET ${PATH}`, `PUT ${PATH} ${PUT_BODY}`]);
  });

  test("a missing function: Get counts it as no config, and the Put's error is reported", async () => {
    const { provider, pool, calls } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(404, notFound("FunctionNotFound"), { headers: JSON_HEADERS });
    pool.intercept({ path: PATH, method: "PUT" }).reply(404, notFound("FunctionNotFound"), { headers: JSON_HEADERS });
    await expect(provider.create(inputs)).rejects.toThrow("PutFunctionAsyncInvokeConfig (HTTP 404) failed: FunctionNotFound: FunctionNotFound message [request id req-1]");
    expect(calls()).toEqual([`GET ${PATH}`, `PUT ${PATH} ${PUT_BODY}`]);
  });

  test("a Put that FC does not apply is a partial failure carrying the live values", async () => {
    const { provider, pool } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(404, notFound("AsyncConfigNotExists"), { headers: JSON_HEADERS });
    pool.intercept({ path: PATH, method: "PUT" }).reply(200, { ...live, maxAsyncRetryAttempts: 3, destinationConfig: { onSuccess: { destination: TOPIC }, onFailure: { destination: QUEUE } } }, { headers: JSON_HEADERS });
    const error = (await provider.create(inputs).catch((e: unknown) => e)) as ConfigNotAppliedError;
    expect(error).toBeInstanceOf(ConfigNotAppliedError);
    expect(error.id).toBe("svc:fn:LATEST");
    expect(error.reasons).toEqual([
      `destinationConfig is {"onSuccess":{"destination":"${TOPIC}"},"onFailure":{"destination":"${QUEUE}"}}, expected {"onFailure":{"destination":"${QUEUE}"}}`,
      "maxAsyncRetryAttempts is 3, expected 0",
    ]);
    expect(error.properties).toMatchObject({ maxAsyncRetryAttempts: 3 });
  });
});

describe("update", () => {
  test("sends every field, so a removed destination is cleared and a removed setting returns to its default", async () => {
    const { provider, pool, calls } = setup();
    const cleared = { ...live, destinationConfig: { onSuccess: { destination: null }, onFailure: { destination: null } }, maxAsyncRetryAttempts: 3 };
    pool.intercept({ path: PATH, method: "PUT" }).reply(200, cleared, { headers: JSON_HEADERS });
    // The program dropped its destination and its retry setting.
    const result = await provider.update("svc:fn:LATEST", liveOutputs, { serviceName: "svc", functionName: "fn" });
    expect(result).toEqual({ outs: { ...liveOutputs, destinationConfig: {}, maxAsyncRetryAttempts: 3 } });
    expect(calls()).toEqual([
      `PUT ${PATH} {"destinationConfig":{"onSuccess":null,"onFailure":null},"maxAsyncEventAgeInSeconds":86400,"maxAsyncRetryAttempts":3,"statefulInvocation":false}`,
    ]);
  });

  test("a service that keeps a destination sent as null is reported as a plain failure, so the next up retries", async () => {
    const { provider, pool } = setup();
    pool.intercept({ path: PATH, method: "PUT" }).reply(200, live, { headers: JSON_HEADERS });
    const error = (await provider.update("svc:fn:LATEST", liveOutputs, { ...DEFAULTS, maxAsyncRetryAttempts: 0 }).catch((e: unknown) => e)) as ConfigNotAppliedError;
    expect(error).toBeInstanceOf(ConfigNotAppliedError);
    expect(error.message).toBe(
      `FC accepted the configuration of svc:fn:LATEST but reports different values: destinationConfig is {"onFailure":{"destination":"${QUEUE}"}}, expected {}`,
    );
    // No id: Pulumi keeps the previous state instead of recording these values as the program's.
    expect([error.id, error.properties]).toEqual([undefined, undefined]);
  });
});

describe("read", () => {
  test("the live values as outputs and as inputs, so refresh shows drift field by field", async () => {
    const { provider, pool, calls } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(200, { ...live, maxAsyncRetryAttempts: 7 }, { headers: JSON_HEADERS });
    expect(await provider.read("svc:fn:LATEST", { ...liveOutputs, __provider: "x" })).toEqual({
      id: "svc:fn:LATEST",
      props: { ...liveOutputs, maxAsyncRetryAttempts: 7 },
      inputs: {
        serviceName: "svc",
        functionName: "fn",
        qualifier: "LATEST",
        destinationConfig: { onFailure: { destination: QUEUE } },
        maxAsyncEventAgeInSeconds: 86400,
        maxAsyncRetryAttempts: 7,
        statefulInvocation: false,
      },
    });
    expect(calls()).toEqual([`GET ${PATH}`]);
  });

  test("an adopted config keeps adoptExisting among the refreshed inputs", async () => {
    const { provider, pool } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(200, live, { headers: JSON_HEADERS });
    expect(await provider.read("svc:fn:LATEST", { ...liveOutputs, adoptExisting: true })).toMatchObject({
      props: { adoptExisting: true },
      inputs: { adoptExisting: true, maxAsyncRetryAttempts: 0 },
    });
  });

  test("an id alone is enough (Resource.get)", async () => {
    const { provider, pool } = setup();
    pool.intercept({ path: "/2016-08-15/services/svc.prod/functions/fn/async-invoke-config", method: "GET" }).reply(200, { ...live, qualifier: "prod" }, { headers: JSON_HEADERS });
    expect(await provider.read("svc:fn:prod", {})).toMatchObject({ id: "svc:fn:prod", props: { qualifier: "prod" } });
  });

  test.each(["AsyncConfigNotExists", "ServiceNotFound", "FunctionNotFound", "VersionNotFound", "AliasNotFound"])("gone (%s): no id, so Pulumi drops it", async (code) => {
    const { provider, pool } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(404, notFound(code), { headers: JSON_HEADERS });
    expect(await provider.read("svc:fn:LATEST", liveOutputs)).toEqual({});
  });

  test("a 404 that does not mean 'gone' (a wrong endpoint) is an error, not a deletion", async () => {
    const { provider, pool } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(404, notFound("PathNotFound"), { headers: JSON_HEADERS });
    await expect(provider.read("svc:fn:LATEST", liveOutputs)).rejects.toMatchObject({ code: "PathNotFound" });
  });
});

describe("delete", () => {
  test("deletes the config the id names", async () => {
    const { provider, pool, calls } = setup();
    pool.intercept({ path: PATH, method: "DELETE" }).reply(204, "");
    await provider.delete("svc:fn:LATEST", liveOutputs);
    expect(calls()).toEqual([`DELETE ${PATH}`]);
  });

  test.each(["AsyncConfigNotExists", "ServiceNotFound", "FunctionNotFound", "VersionNotFound", "AliasNotFound"])("already gone (%s) is success", async (code) => {
    const { provider, pool } = setup();
    pool.intercept({ path: PATH, method: "DELETE" }).reply(404, notFound(code), { headers: JSON_HEADERS });
    await expect(provider.delete("svc:fn:LATEST", liveOutputs)).resolves.toBeUndefined();
  });

  test("other failures are not swallowed", async () => {
    const { provider, pool } = setup();
    pool.intercept({ path: PATH, method: "DELETE" }).reply(403, { ErrorCode: "AccessDenied", ErrorMessage: "no" }, { headers: JSON_HEADERS });
    await expect(provider.delete("svc:fn:LATEST", liveOutputs)).rejects.toMatchObject({ code: "AccessDenied", status: 403, operation: "DeleteFunctionAsyncInvokeConfig" });
  });

  test("an id that is not service:function:qualifier falls back to the outputs", async () => {
    const { provider, pool, calls } = setup();
    pool.intercept({ path: PATH, method: "DELETE" }).reply(204, "");
    await provider.delete("legacy-id", liveOutputs);
    expect(calls()).toEqual([`DELETE ${PATH}`]);
  });
});

describe("configure and createProvider", () => {
  test("configure returns the six methods, bound, and reads nothing yet", async () => {
    let reads = 0;
    const methods = configure({
      get: () => {
        reads++;
        return undefined;
      },
    });
    expect(Object.keys(methods).sort()).toEqual(["check", "create", "delete", "diff", "read", "update"]);
    expect(await methods.check({}, { serviceName: "svc", functionName: "fn" })).toEqual({ inputs: DEFAULTS });
    expect(reads).toBe(0);
  });

  test("a config object that throws on read (nothing sent by the engine) counts as empty", async () => {
    const provider = createProvider(
      {
        get: () => {
          throw new TypeError("Cannot read properties of undefined");
        },
      },
      { env: {} },
    );
    await expect(provider.read("svc:fn:LATEST", liveOutputs)).rejects.toThrow("The Alibaba Cloud account id is not set.");
  });
});

describe("refused credentials", () => {
  test.each([["InvalidAccessKeyID"], ["SignatureNotMatch"]])("403 %s: not retried, and the error says how to use a new key with refresh and destroy", async (code) => {
    const { provider, pool, calls } = setup();
    pool.intercept({ path: PATH, method: "GET" }).reply(403, { ErrorCode: code, ErrorMessage: "refused" }, { headers: JSON_HEADERS });
    const error = (await provider.read("svc:fn:LATEST", liveOutputs).catch((e: unknown) => e)) as CredentialsRefusedError;
    expect(error).toBeInstanceOf(CredentialsRefusedError);
    expect(error.code).toBe(code);
    expect(error.message).toBe(
      `GetFunctionAsyncInvokeConfig (HTTP 403) failed: ${code}: refused [request id req-1]\n` +
        "Function Compute refused the access key. If it is wrong, rotated or revoked, set the current one " +
        "(`pulumi config set --secret alicloud:accessKey <id>`, `pulumi config set --secret alicloud:secretKey <secret>`, and " +
        "alicloud:securityToken for STS; or the ALICLOUD_* environment variables), then run `pulumi refresh --run-program` or " +
        "`pulumi destroy --run-program`: without --run-program, refresh and destroy sign with the stack config saved in state by the " +
        "last `pulumi up` (running `pulumi up` once also saves the new key there).",
    );
    expect(calls()).toHaveLength(1);
  });

  test("403 AccessDenied (a permission, not the key) is left as it is", async () => {
    const { provider, pool } = setup();
    pool.intercept({ path: PATH, method: "DELETE" }).reply(403, { ErrorCode: "AccessDenied", ErrorMessage: "no" }, { headers: JSON_HEADERS });
    const error = await provider.delete("svc:fn:LATEST", liveOutputs).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(CredentialsRefusedError);
    expect(error).toMatchObject({ code: "AccessDenied", status: 403 });
  });
});
