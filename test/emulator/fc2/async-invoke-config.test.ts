// PutFunctionAsyncInvokeConfig, Get, Delete and List through both official SDKs: defaults on create,
// unspecified fields kept on update, the cloud's ranges, destinations, qualifiers and paging.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { VirtualClock, type Emulator } from "../../../emulator";
import { $FcOpen, failure, fc2For, fcOpenFor, nodeFunction, startEmulator, type Fc2Client, type FcOpen } from "../../support/emulator";
import { changeAndPublish } from "../../support/publish";

// The SDKs sign with the real time and the emulator refuses 15 minutes of skew, so the pinned clock
// starts at the current second; timestamps are then asserted relative to it.
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (offsetSeconds = 0) => new Date(T0.getTime() + offsetSeconds * 1000).toISOString().replace(".000Z", "Z");
const clock = new VirtualClock(T0);
let fc: Emulator;
let fc2: Fc2Client;
let open: FcOpen;

const QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/failures/messages";
const TOPIC = "acs:mns:cn-hangzhou:1234567890123456:/topics/done/messages";
const FUNCTION_ARN = "acs:fc:cn-hangzhou:1234567890123456:services/svc.LATEST/functions/on-done";

beforeAll(async () => {
  fc = await startEmulator({ clock });
  fc2 = fc2For(fc);
  open = fcOpenFor(fc);
});
afterAll(() => fc.close());

beforeEach(async () => {
  await fc.control.reset();
  clock.set(T0);
  await fc2.createService("svc");
  await fc2.createFunction("svc", nodeFunction("fn"));
});

const put = (body: Record<string, unknown>, qualifier?: string) =>
  open.putFunctionAsyncInvokeConfig("svc", "fn", new $FcOpen.PutFunctionAsyncInvokeConfigRequest({ ...body, ...(qualifier && { qualifier }) }));
const get = (qualifier?: string) =>
  open.getFunctionAsyncInvokeConfig("svc", "fn", new $FcOpen.GetFunctionAsyncInvokeConfigRequest(qualifier ? { qualifier } : {}));

describe("Put", () => {
  test("creates with the defaults: 3 retries, 86400 s, not stateful, no destinations", async () => {
    const { data } = await fc2.putFunctionAsyncConfig("svc", "fn", undefined, {});
    expect(data).toEqual({
      service: "svc",
      serviceName: "svc",
      function: "fn",
      functionName: "fn",
      qualifier: "LATEST",
      createdTime: at(0),
      lastModifiedTime: at(0),
      destinationConfig: { onSuccess: null, onFailure: null },
      maxAsyncEventAgeInSeconds: 86400,
      maxAsyncRetryAttempts: 3,
      statefulInvocation: false,
    });
  });

  test("keeps a 0 retry count (the value Terraform used to drop)", async () => {
    const response = await put({ maxAsyncRetryAttempts: 0 });
    expect(response.statusCode).toBe(200);
    expect(response.body.maxAsyncRetryAttempts).toBe(0);
    expect((await get()).body.maxAsyncRetryAttempts).toBe(0);
  });

  test("an update leaves unspecified (or null) fields as they were and moves only lastModifiedTime", async () => {
    await put({
      maxAsyncRetryAttempts: 5,
      maxAsyncEventAgeInSeconds: 600,
      statefulInvocation: true,
      destinationConfig: new $FcOpen.DestinationConfig({ onFailure: new $FcOpen.Destination({ destination: QUEUE }) }),
    });
    clock.advance(90_000);
    // null counts as absent, as the cloud's JSON decoding treats it.
    const { data } = await fc2.putFunctionAsyncConfig("svc", "fn", undefined, { maxAsyncRetryAttempts: 1, maxAsyncEventAgeInSeconds: null });
    expect(data).toMatchObject({
      createdTime: at(0),
      lastModifiedTime: at(90),
      maxAsyncRetryAttempts: 1,
      maxAsyncEventAgeInSeconds: 600,
      statefulInvocation: true,
      destinationConfig: { onSuccess: null, onFailure: { destination: QUEUE } },
    });
  });

  test("a given destinationConfig replaces both destinations; null clears them", async () => {
    await fc2.putFunctionAsyncConfig("svc", "fn", undefined, {
      destinationConfig: { onSuccess: { destination: TOPIC }, onFailure: { destination: QUEUE } },
    });
    const replaced = await fc2.putFunctionAsyncConfig("svc", "fn", undefined, { destinationConfig: { onSuccess: { destination: FUNCTION_ARN } } });
    expect(replaced.data["destinationConfig"]).toEqual({ onSuccess: { destination: FUNCTION_ARN }, onFailure: null });
    const cleared = await fc2.putFunctionAsyncConfig("svc", "fn", undefined, { destinationConfig: null });
    expect(cleared.data["destinationConfig"]).toEqual({ onSuccess: null, onFailure: null });
  });

  test("accepts every destination kind FC documents", async () => {
    for (const destination of [
      QUEUE,
      TOPIC,
      FUNCTION_ARN,
      "acs:fc:cn-hangzhou:1234567890123456:services/svc/functions/other",
      "acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/default",
      "acs:mq:cn-hangzhou:1234567890123456:/instances/MQ_INST_1_abc/topic/orders",
    ]) {
      const { data } = await fc2.putFunctionAsyncConfig("svc", "fn", undefined, { destinationConfig: { onSuccess: { destination } } });
      expect(data["destinationConfig"]).toEqual({ onSuccess: { destination }, onFailure: null });
    }
  });

  test.each([
    [{ maxAsyncRetryAttempts: 9 }, "maxAsyncRetryAttempts must be an integer from 0 to 8, got 9"],
    [{ maxAsyncRetryAttempts: -1 }, "maxAsyncRetryAttempts must be an integer from 0 to 8, got -1"],
    [{ maxAsyncRetryAttempts: 1.5 }, "maxAsyncRetryAttempts must be an integer from 0 to 8, got 1.5"],
    [{ maxAsyncEventAgeInSeconds: 0 }, "maxAsyncEventAgeInSeconds must be an integer from 1 to 2592000, got 0"],
    [{ maxAsyncEventAgeInSeconds: 2592001 }, "maxAsyncEventAgeInSeconds must be an integer from 1 to 2592000, got 2592001"],
    [{ maxAsyncEventAgeInSeconds: "60" }, 'maxAsyncEventAgeInSeconds must be an integer from 1 to 2592000, got "60"'],
    [{ statefulInvocation: "yes" }, 'statefulInvocation must be true or false, got "yes"'],
    [{ destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:1:q" } } }, "destinationConfig.onFailure.destination must be an MNS queue/topic"],
    [{ destinationConfig: { onSucess: { destination: QUEUE } } }, "destinationConfig has field(s) 'onSucess' that the FC API does not define"],
    [{ maxAsyncRetryAttempt: 2 }, "the request body has field(s) 'maxAsyncRetryAttempt' that the FC API does not define"],
  ])("refuses %j with InvalidArgument naming the field", async (body, message) => {
    const error = await failure(fc2.putFunctionAsyncConfig("svc", "fn", undefined, body));
    expect(error.code).toBe("InvalidArgument");
    expect(error.status).toBe(400);
    expect(error.message.startsWith(message)).toBe(true);
  });

  test("accepts the range bounds exactly", async () => {
    const low = await put({ maxAsyncRetryAttempts: 0, maxAsyncEventAgeInSeconds: 1 });
    expect([low.body.maxAsyncRetryAttempts, low.body.maxAsyncEventAgeInSeconds]).toEqual([0, 1]);
    const high = await put({ maxAsyncRetryAttempts: 8, maxAsyncEventAgeInSeconds: 2592000 });
    expect([high.body.maxAsyncRetryAttempts, high.body.maxAsyncEventAgeInSeconds]).toEqual([8, 2592000]);
  });
});

describe("qualifiers", () => {
  beforeEach(async () => {
    await changeAndPublish(fc2, "svc", "v1");
    await fc2.createAlias("svc", "prod", "1");
  });

  test("LATEST, a version and an alias each hold their own config, both path and query style", async () => {
    await fc2.putFunctionAsyncConfig("svc", "fn", "LATEST", { maxAsyncRetryAttempts: 0 });
    await fc2.putFunctionAsyncConfig("svc", "fn", "1", { maxAsyncRetryAttempts: 1 });
    await put({ maxAsyncRetryAttempts: 2 }, "prod");
    expect((await get()).body.maxAsyncRetryAttempts).toBe(0);
    expect((await get("1")).body.maxAsyncRetryAttempts).toBe(1);
    expect((await fc2.getFunctionAsyncConfig("svc", "fn", "prod")).data["maxAsyncRetryAttempts"]).toBe(2);
    expect((await fc2.getFunctionAsyncConfig("svc", "fn", "prod")).data["qualifier"]).toBe("prod");
  });

  test("a qualifier that names nothing is VersionNotFound or AliasNotFound", async () => {
    expect(await failure(fc2.putFunctionAsyncConfig("svc", "fn", "7", {}))).toEqual({
      code: "VersionNotFound",
      status: 404,
      message: "version '7' of service 'svc' does not exist",
    });
    expect(await failure(put({}, "staging"))).toEqual({
      code: "AliasNotFound",
      status: 404,
      message: "alias 'staging' of service 'svc' does not exist",
    });
  });

  test("a function created after the version does not exist at that version", async () => {
    await fc2.createFunction("svc", nodeFunction("later"));
    const error = await failure(fc2.putFunctionAsyncConfig("svc", "later", "1", {}));
    expect(error).toEqual({ code: "FunctionNotFound", status: 404, message: "function 'later' does not exist in service 'svc'" });
    expect((await fc2.putFunctionAsyncConfig("svc", "later", undefined, {})).data["qualifier"]).toBe("LATEST");
  });

  test("a malformed qualifier is InvalidArgument", async () => {
    const error = await failure(put({}, "no.dots"));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("qualifier must be LATEST, a published version number or an alias name");
  });
});

describe("Get and Delete", () => {
  test("Get of a config never put is AsyncConfigNotExists", async () => {
    expect(await failure(get())).toEqual({ code: "AsyncConfigNotExists", status: 404, message: "AsyncConfig for svc.LATEST:fn does not exist." });
  });

  test("missing service and function are ServiceNotFound and FunctionNotFound", async () => {
    expect((await failure(fc2.getFunctionAsyncConfig("ghost", "fn"))).code).toBe("ServiceNotFound");
    expect((await failure(fc2.getFunctionAsyncConfig("svc", "ghost"))).code).toBe("FunctionNotFound");
  });

  test("Delete answers 204, after which Get and a second Delete are AsyncConfigNotExists", async () => {
    await put({ maxAsyncRetryAttempts: 4 });
    const deleted = await open.deleteFunctionAsyncInvokeConfig("svc", "fn", new $FcOpen.DeleteFunctionAsyncInvokeConfigRequest({}));
    expect(deleted.statusCode).toBe(204);
    expect((await failure(get())).code).toBe("AsyncConfigNotExists");
    expect(await failure(fc2.deleteFunctionAsyncConfig("svc", "fn"))).toMatchObject({ code: "AsyncConfigNotExists", status: 404 });
  });

  test("deleting the function removes its configs on every qualifier", async () => {
    await changeAndPublish(fc2, "svc");
    await put({});
    await put({}, "1");
    await fc2.deleteFunction("svc", "fn");
    await fc2.createFunction("svc", nodeFunction("fn"));
    const listed = await fc2.listFunctionAsyncConfigs("svc", "fn");
    expect(listed.data).toEqual({ configs: [], nextToken: "" });
  });
});

describe("List", () => {
  beforeEach(async () => {
    for (let i = 0; i < 5; i++) await changeAndPublish(fc2, "svc");
    for (const q of ["LATEST", "1", "2", "3", "4", "5"]) await fc2.putFunctionAsyncConfig("svc", "fn", q, { maxAsyncRetryAttempts: 1 });
  });

  test("pages through every qualifier with limit and nextToken, each config once", async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await open.listFunctionAsyncInvokeConfigs(
        "svc",
        "fn",
        new $FcOpen.ListFunctionAsyncInvokeConfigsRequest({ limit: 4, ...(nextToken && { nextToken }) }),
      );
      seen.push(...(page.body.configs ?? []).map((c) => c.qualifier ?? ""));
      nextToken = page.body.nextToken;
      pages++;
    } while (nextToken);
    expect(pages).toBe(2);
    expect(seen).toEqual(["1", "2", "3", "4", "5", "LATEST"]);
  });

  test("limit defaults to 20 and a full last page has no nextToken", async () => {
    const { data } = await fc2.listFunctionAsyncConfigs("svc", "fn");
    expect((data["configs"] as unknown[]).length).toBe(6);
    expect(data["nextToken"]).toBe("");
  });

  test.each([["0"], ["101"], ["abc"]])("limit %s is InvalidArgument", async (limit) => {
    const error = await failure(fc2.listFunctionAsyncConfigs("svc", "fn", { limit }));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("limit must be an integer from 1 to 100");
  });

  test("a forged, edited or foreign nextToken is InvalidArgument", async () => {
    const first = await fc2.listFunctionAsyncConfigs("svc", "fn", { limit: "2" });
    const token = first.data["nextToken"] as string;
    expect(typeof token).toBe("string");
    await fc2.createFunction("svc", nodeFunction("other"));
    await fc2.putFunctionAsyncConfig("svc", "other", undefined, {});
    const [position, mac] = token.split(".") as [string, string];
    const edited = `${Buffer.from("0", "utf8").toString("base64url")}.${mac}`;
    for (const [fn, nextToken] of [
      ["fn", "not-a-token"],
      ["fn", edited],
      ["fn", `${position}.${Buffer.alloc(16).toString("base64url")}`],
      ["other", token],
    ] as const) {
      expect(await failure(fc2.listFunctionAsyncConfigs("svc", fn, { limit: "2", nextToken }))).toEqual({
        code: "InvalidArgument",
        status: 400,
        message: "nextToken is invalid: it was not issued for this request",
      });
    }
  });

  test("the 2016 reference spelling Limit/NextToken works too", async () => {
    const first = await fc2.listFunctionAsyncConfigs("svc", "fn", { Limit: "5" });
    const second = await fc2.listFunctionAsyncConfigs("svc", "fn", { Limit: "5", NextToken: first.data["nextToken"] as string });
    expect((second.data["configs"] as Array<{ qualifier: string }>).map((c) => c.qualifier)).toEqual(["LATEST"]);
  });
});
