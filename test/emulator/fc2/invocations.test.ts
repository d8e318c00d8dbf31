// Asynchronous tasks end to end: real function code deployed through the official SDK, its async
// config set with PutFunctionAsyncInvokeConfig, invoked asynchronously, and its task read back — once
// through @alicloud/fc-open20210406 and once through our own client (provider/fc2/client.ts), from the
// same scenario tables. The engine's time is a VirtualClock: retries, ages and timestamps are exact,
// and nothing sleeps; only the function's real child process takes real (short) time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { VirtualClock } from "../../../emulator";
import { FcClient } from "../../../provider/fc2/client";
import { getStatefulAsyncInvocation, listStatefulAsyncInvocations } from "../../../provider/fc2/functions";
import { functionZip } from "../../kit/function-zip";
import { failure, $FcOpen, type FcOpen, useEmulator } from "../../kit/emulator";

/**
 * The function under test. `failTimes` makes it fail that many attempts first (the attempt count is kept
 * in a file, so it does not depend on which warm instance runs the retry); `fail: "always"` never succeeds.
 */
const WORKER = `
const fs = require("node:fs");
exports.handler = (event, context, callback) => {
  const e = JSON.parse(event.toString() || "{}");
  let attempt = 1;
  if (e.stateFile) {
    try { attempt = Number(fs.readFileSync(e.stateFile, "utf8")) + 1; } catch {}
    fs.writeFileSync(e.stateFile, String(attempt));
  }
  if (e.fail === "always" || attempt <= (e.failTimes ?? 0)) throw new Error("attempt " + attempt + " failed");
  callback(null, { attempt, requestId: context.requestId });
};
`;
const WORKER_ZIP = Buffer.from(functionZip({ "index.js": WORKER })).toString("base64");

const clock = new VirtualClock();
const t = useEmulator({ asyncScheduler: clock }, { resetEach: false });
let sdk: FcOpen;
let client: FcClient;
let stateDir: string;
let account: string;

beforeAll(() => {
  sdk = t.open;
  client = new FcClient({ endpoint: t.fc.url, accountId: t.fc.credentials.accountId, credentials: t.fc.credentials });
  account = t.fc.credentials.accountId;
  stateDir = mkdtempSync(path.join(tmpdir(), "fc-tasks-"));
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

interface TaskView {
  status: string;
  alreadyRetriedTimes: number;
  startedTime: number;
  endTime?: number;
  invocationErrorMessage?: string;
  destinationStatus?: string;
  returnPayload?: string;
  invocationPayload?: string;
  requestId: string;
  events: Array<{ eventId: number; status: string; timestamp: number; eventDetail?: string }>;
}

/** The same operations, through the official SDK or through our client. */
interface Driver {
  readonly name: string;
  invokeAsync(service: string, fn: string, payload: string, invocationId?: string): Promise<{ status: number; invocationId: string | undefined; requestId: string | undefined }>;
  get(service: string, fn: string, invocationId: string): Promise<TaskView>;
  list(service: string, fn: string, query: { status?: string; invocationIdPrefix?: string; sortOrderByTime?: "asc" | "desc"; limit?: number; nextToken?: string }): Promise<{ ids: string[]; nextToken: string | undefined }>;
  stop(service: string, fn: string, invocationId: string): Promise<void>;
}

/** Plain data from an SDK model (drops the fields it left undefined). */
const plain = <T>(model: unknown): T => JSON.parse(JSON.stringify(model)) as T;

const sdkDriver: Driver = {
  name: "fc-open20210406",
  async invokeAsync(service, fn, payload, invocationId) {
    const response = await sdk.invokeFunctionWithOptions(
      service,
      fn,
      new $FcOpen.InvokeFunctionRequest({ body: Buffer.from(payload) }),
      new $FcOpen.InvokeFunctionHeaders({ xFcInvocationType: "Async", ...(invocationId !== undefined && { xFcStatefulAsyncInvocationId: invocationId }) }),
      new (require("@alicloud/tea-util").RuntimeOptions)({}),
    );
    return { status: response.statusCode, invocationId: response.headers["x-fc-stateful-async-invocation-id"], requestId: response.headers["x-fc-request-id"] };
  },
  async get(service, fn, invocationId) {
    return plain((await sdk.getStatefulAsyncInvocation(service, fn, invocationId, new $FcOpen.GetStatefulAsyncInvocationRequest({}))).body);
  },
  async list(service, fn, query) {
    const { body } = await sdk.listStatefulAsyncInvocations(service, fn, new $FcOpen.ListStatefulAsyncInvocationsRequest(query));
    return { ids: (body.invocations ?? []).map((t) => t.invocationId ?? ""), nextToken: body.nextToken };
  },
  async stop(service, fn, invocationId) {
    await sdk.stopStatefulAsyncInvocation(service, fn, invocationId, new $FcOpen.StopStatefulAsyncInvocationRequest({}));
  },
};

const clientDriver: Driver = {
  name: "provider client",
  async invokeAsync(serviceName, functionName, payload, invocationId) {
    const result = await client.invokeFunction({ serviceName, functionName, payload, invocationType: "Async", statefulAsyncInvocationId: invocationId });
    return { status: result.status, invocationId: result.statefulAsyncInvocationId, requestId: result.requestId };
  },
  async get(serviceName, functionName, invocationId) {
    return plain(await client.getStatefulAsyncInvocation({ serviceName, functionName, invocationId }));
  },
  async list(serviceName, functionName, query) {
    const page = await client.listStatefulAsyncInvocations({ serviceName, functionName, ...query });
    return { ids: page.invocations.map((t) => t.invocationId), nextToken: page.nextToken };
  },
  async stop(serviceName, functionName, invocationId) {
    await client.stopStatefulAsyncInvocation({ serviceName, functionName, invocationId });
  },
};

/** Creates a function running WORKER and sets its LATEST async config through the official SDK. */
async function deploy(service: string, fn: string, config: { retries?: number; maxAgeSeconds?: number; onSuccess?: string; onFailure?: string; stateful?: boolean }) {
  await sdk.createFunction(
    service,
    new $FcOpen.CreateFunctionRequest({ functionName: fn, runtime: "nodejs18", handler: "index.handler", timeout: 30, code: new $FcOpen.Code({ zipFile: WORKER_ZIP }) }),
  );
  const destinationConfig = new $FcOpen.DestinationConfig({
    ...(config.onSuccess !== undefined && { onSuccess: new $FcOpen.Destination({ destination: config.onSuccess }) }),
    ...(config.onFailure !== undefined && { onFailure: new $FcOpen.Destination({ destination: config.onFailure }) }),
  });
  await sdk.putFunctionAsyncInvokeConfig(
    service,
    fn,
    new $FcOpen.PutFunctionAsyncInvokeConfigRequest({
      statefulInvocation: config.stateful ?? true,
      ...(config.retries !== undefined && { maxAsyncRetryAttempts: config.retries }),
      ...(config.maxAgeSeconds !== undefined && { maxAsyncEventAgeInSeconds: config.maxAgeSeconds }),
      destinationConfig,
    }),
  );
}

/** A task's timeline as [status, ms after it was enqueued, detail]. */
function timeline(task: TaskView): Array<[string, number, string | undefined]> {
  return task.events.map((e) => [e.status, e.timestamp - task.startedTime, e.eventDetail]);
}

const FN_ERROR = `{"Error":"UnhandledInvocationError"}`;
const AGE_ERROR = `{"Error":"EventAgeExceeded"}`;

describe.each([sdkDriver, clientDriver])("asynchronous tasks through $name", (driver) => {
  const service = driver === sdkDriver ? "tasks-sdk" : "tasks-client";
  let fnCount = 0;
  const fresh = () => `w${++fnCount}`;
  const stateFile = () => path.join(stateDir, `${service}-${++fnCount}`);

  beforeAll(async () => {
    await sdk.createService(new $FcOpen.CreateServiceRequest({ serviceName: service }));
  });

  test("succeeds at once", async () => {
    const fn = fresh();
    await deploy(service, fn, { retries: 3 });
    const invoked = await driver.invokeAsync(service, fn, `{"echo":1}`, "at-once");
    expect([invoked.status, invoked.invocationId]).toEqual([202, "at-once"]);
    expect((await driver.get(service, fn, "at-once")).status).toBe("Enqueued");
    await clock.runUntilIdle();
    const task = await driver.get(service, fn, "at-once");
    expect(timeline(task)).toEqual([
      ["Enqueued", 0, undefined],
      ["Running", 0, undefined],
      ["Succeeded", 0, undefined],
    ]);
    expect([task.alreadyRetriedTimes, task.requestId, task.invocationPayload, JSON.parse(task.returnPayload ?? "")]).toEqual([
      0,
      invoked.requestId,
      `{"echo":1}`,
      { attempt: 1, requestId: invoked.requestId },
    ]);
  });

  test("fails twice, then succeeds, with 3 retries allowed", async () => {
    const fn = fresh();
    await deploy(service, fn, { retries: 3 });
    await driver.invokeAsync(service, fn, JSON.stringify({ failTimes: 2, stateFile: stateFile() }), "twice");
    await clock.runUntilIdle();
    const task = await driver.get(service, fn, "twice");
    expect(timeline(task)).toEqual([
      ["Enqueued", 0, undefined],
      ["Running", 0, undefined],
      ["Retrying", 0, FN_ERROR],
      ["Running", 500, undefined],
      ["Retrying", 500, FN_ERROR],
      ["Running", 1500, undefined],
      ["Succeeded", 1500, undefined],
    ]);
    expect([task.status, task.alreadyRetriedTimes, JSON.parse(task.returnPayload ?? "").attempt, task.endTime]).toEqual(["Succeeded", 2, 3, task.startedTime + 1500]);
  });

  test.each([
    { retries: 0, attempts: 1, endsAfterMs: 0 },
    { retries: 1, attempts: 2, endsAfterMs: 500 },
    { retries: 8, attempts: 9, endsAfterMs: 127_500 },
  ])("always fails with $retries retries: $attempts attempts", async ({ retries, attempts, endsAfterMs }) => {
    const fn = fresh();
    await deploy(service, fn, { retries });
    await driver.invokeAsync(service, fn, JSON.stringify({ fail: "always", stateFile: stateFile() }), "always");
    await clock.runUntilIdle();
    const task = await driver.get(service, fn, "always");
    const expected: string[] = ["Enqueued"];
    for (let i = 1; i < attempts; i++) expected.push("Running", "Retrying");
    expected.push("Running", "Failed");
    expect(task.events.map((e) => e.status)).toEqual(expected);
    expect([task.status, task.alreadyRetriedTimes, task.endTime, task.invocationErrorMessage, task.events.at(-1)?.eventDetail]).toEqual([
      "Failed",
      retries,
      task.startedTime + endsAfterMs,
      "UnhandledInvocationError",
      FN_ERROR,
    ]);
    const body = JSON.parse(task.returnPayload ?? "") as { errorMessage: string; errorType: string };
    expect([body.errorMessage, body.errorType]).toEqual([`attempt ${attempts} failed`, "Error"]);
  });

  test("expires before its first run; onFailure gets the record", async () => {
    const fn = fresh();
    const queue = `acs:mns:${t.fc.region}:${account}:/queues/${service}-expired/messages`;
    await deploy(service, fn, { maxAgeSeconds: 60, onFailure: queue });
    const invoked = await driver.invokeAsync(service, fn, `{"echo":"late"}`, "too-late");
    // The queue stalls past the event's maximum age (driven through the control surface).
    await t.fc.control.jumpClock(60_001);
    await t.fc.control.runUntilIdle();
    const task = await driver.get(service, fn, "too-late");
    expect(timeline(task)).toEqual([
      ["Enqueued", 0, undefined],
      ["Expired", 60_001, AGE_ERROR],
    ]);
    expect([task.alreadyRetriedTimes, task.invocationErrorMessage, task.destinationStatus]).toEqual([0, "EventAgeExceeded", "Succeeded"]);
    const kept = (await t.fc.control.destinations()).filter((d) => d.destination === queue);
    expect(kept.map((d) => [d.accountId, d.messages.map((m) => JSON.parse(m.body))])).toEqual([
      [
        account,
        [
          {
            timestamp: new Date(task.startedTime).toISOString(),
            requestContext: {
              requestId: invoked.requestId,
              functionArn: `acs:fc:${t.fc.region}:${account}:services/${service}.LATEST/functions/${fn}`,
              condition: "EventAgeExceeded",
              approximateInvokeCount: 0,
            },
            requestPayload: `{"echo":"late"}`,
            responseContext: { statusCode: null, functionError: "" },
            responsePayload: "",
          },
        ],
      ],
    ]);
  });

  test("stopped while retrying: Stopping, Stopped, and no further attempt", async () => {
    const fn = fresh();
    const file = stateFile();
    await deploy(service, fn, { retries: 3 });
    await driver.invokeAsync(service, fn, JSON.stringify({ fail: "always", stateFile: file }), "stop-me");
    await clock.runDue();
    expect((await driver.get(service, fn, "stop-me")).status).toBe("Retrying");
    await driver.stop(service, fn, "stop-me");
    await clock.runUntilIdle();
    const task = await driver.get(service, fn, "stop-me");
    expect(timeline(task)).toEqual([
      ["Enqueued", 0, undefined],
      ["Running", 0, undefined],
      ["Retrying", 0, FN_ERROR],
      ["Stopping", 0, undefined],
      ["Stopped", 0, undefined],
    ]);
    expect([task.status, task.alreadyRetriedTimes]).toEqual(["Stopped", 0]);
    // The function ran exactly once: its attempt counter file says so.
    expect(require("node:fs").readFileSync(file, "utf8")).toBe("1");
  });

  test("each destination receives the right record: a function on success, an MNS topic on failure", async () => {
    const sink = fresh();
    await deploy(service, sink, { retries: 0 });
    const fn = fresh();
    const topic = `acs:mns:${t.fc.region}:${account}:/topics/${service}-failed/messages`;
    await deploy(service, fn, { retries: 1, onSuccess: `acs:fc:${t.fc.region}:${account}:services/${service}.LATEST/functions/${sink}`, onFailure: topic });

    const ok = await driver.invokeAsync(service, fn, `{"echo":"fine"}`, "goes-well");
    const bad = await driver.invokeAsync(service, fn, `{"fail":"always"}`, "goes-badly");
    await clock.runUntilIdle();

    const good = await driver.get(service, fn, "goes-well");
    const failed = await driver.get(service, fn, "goes-badly");
    expect([good.status, good.destinationStatus, failed.status, failed.destinationStatus]).toEqual(["Succeeded", "Succeeded", "Failed", "Succeeded"]);

    // The sink function was invoked asynchronously with the success record as its event: its own task keeps it.
    const [sinkTaskId, ...others] = (await driver.list(service, sink, {})).ids;
    expect(others).toEqual([]);
    // Named by the emulator, and still a valid id whatever the request id starts with.
    expect(sinkTaskId).toMatch(/^[A-Za-z_][A-Za-z0-9_-]{0,127}$/);
    const sinkTask = await driver.get(service, sink, sinkTaskId ?? "");
    expect(sinkTask.status).toBe("Succeeded");
    expect(JSON.parse(sinkTask.invocationPayload ?? "")).toEqual({
      timestamp: new Date(good.startedTime).toISOString(),
      requestContext: { requestId: ok.requestId, functionArn: `acs:fc:${t.fc.region}:${account}:services/${service}.LATEST/functions/${fn}`, condition: "", approximateInvokeCount: 1 },
      requestPayload: `{"echo":"fine"}`,
      responseContext: { statusCode: 200, functionError: "" },
      responsePayload: good.returnPayload,
    });

    const [message, ...more] = (await t.fc.control.destinations()).find((d) => d.destination === topic)?.messages ?? [];
    expect(more).toEqual([]);
    expect(JSON.parse(message?.body ?? "")).toEqual({
      timestamp: new Date(failed.startedTime + 500).toISOString(),
      requestContext: { requestId: bad.requestId, functionArn: `acs:fc:${t.fc.region}:${account}:services/${service}.LATEST/functions/${fn}`, condition: "UnhandledInvocationError", approximateInvokeCount: 2 },
      requestPayload: `{"fail":"always"}`,
      responseContext: { statusCode: 200, functionError: "UnhandledInvocationError" },
      responsePayload: failed.returnPayload,
    });
  });

  test("list filters, sorts and pages", async () => {
    const fn = fresh();
    await deploy(service, fn, { retries: 0 });
    for (const [id, payload] of [["job-1", "{}"], ["job-2", `{"fail":"always"}`], ["other-3", "{}"]] as const) {
      await driver.invokeAsync(service, fn, payload, id);
      await clock.advance(1000);
    }
    expect((await driver.list(service, fn, {})).ids).toEqual(["other-3", "job-2", "job-1"]);
    expect((await driver.list(service, fn, { sortOrderByTime: "asc" })).ids).toEqual(["job-1", "job-2", "other-3"]);
    expect((await driver.list(service, fn, { status: "Failed" })).ids).toEqual(["job-2"]);
    expect((await driver.list(service, fn, { invocationIdPrefix: "job-" })).ids).toEqual(["job-2", "job-1"]);
    const first = await driver.list(service, fn, { limit: 2, sortOrderByTime: "asc" });
    expect(first.ids).toEqual(["job-1", "job-2"]);
    const second = await driver.list(service, fn, { limit: 2, sortOrderByTime: "asc", ...(first.nextToken !== undefined && { nextToken: first.nextToken }) });
    expect([second.ids, second.nextToken]).toEqual([["other-3"], undefined]);
  });
});

describe("invocation errors through the official SDK", () => {
  const service = "errors";
  beforeAll(async () => {
    await sdk.createService(new $FcOpen.CreateServiceRequest({ serviceName: service }));
    await deploy(service, "fn", { retries: 0 });
    await sdk.createFunction(
      service,
      new $FcOpen.CreateFunctionRequest({ functionName: "py", runtime: "python3.10", handler: "index.handler", code: new $FcOpen.Code({ zipFile: WORKER_ZIP }) }),
    );
  });

  const asyncHeaders = (id: string) => new $FcOpen.InvokeFunctionHeaders({ xFcInvocationType: "Async", xFcStatefulAsyncInvocationId: id });
  const invoke = (fn: string, headers: $FcOpen.InvokeFunctionHeaders) =>
    sdk.invokeFunctionWithOptions(service, fn, new $FcOpen.InvokeFunctionRequest({ body: Buffer.from("{}") }), headers, new (require("@alicloud/tea-util").RuntimeOptions)({}));

  test("a duplicate task id is 409 StatefulAsyncInvocationAlreadyExists", async () => {
    await invoke("fn", asyncHeaders("once"));
    expect(await failure(invoke("fn", asyncHeaders("once")))).toEqual({
      code: "StatefulAsyncInvocationAlreadyExists",
      status: 409,
      message: "stateful async invocation 'once' of function 'fn' already exists",
    });
  });

  test.each([["9-starts-with-a-digit"], ["has.dot"], ["x".repeat(129)]])("task id %j is 400 InvalidArgument", async (id) => {
    expect((await failure(invoke("fn", asyncHeaders(id)))).code).toBe("InvalidArgument");
  });

  test("an unknown task is 404 StatefulAsyncInvocationNotFound", async () => {
    const attempt = sdk.getStatefulAsyncInvocation(service, "fn", "never-invoked", new $FcOpen.GetStatefulAsyncInvocationRequest({}));
    expect(await failure(attempt)).toEqual({ code: "StatefulAsyncInvocationNotFound", status: 404, message: "stateful async invocation 'never-invoked' of function 'fn' does not exist" });
  });

  test("a task asked for under another qualifier is not found", async () => {
    await invoke("fn", asyncHeaders("on-latest"));
    const attempt = sdk.getStatefulAsyncInvocation(service, "fn", "on-latest", new $FcOpen.GetStatefulAsyncInvocationRequest({ qualifier: "1" }));
    expect((await failure(attempt)).code).toBe("StatefulAsyncInvocationNotFound");
  });

  test("a function that does not exist is 404 FunctionNotFound", async () => {
    expect((await failure(invoke("missing", asyncHeaders("x")))).code).toBe("FunctionNotFound");
  });

  test("a Python function is 400 NotSupportedByEmulator, sync or async", async () => {
    const sync = await failure(invoke("py", new $FcOpen.InvokeFunctionHeaders({})));
    expect(sync).toEqual({
      code: "NotSupportedByEmulator",
      status: 400,
      message: "not supported by the emulator: function 'py' has runtime 'python3.10'; the emulator runs only Node.js (nodejs*) functions",
    });
    expect((await failure(invoke("py", asyncHeaders("py-task")))).code).toBe("NotSupportedByEmulator");
  });

  test("an unknown invocation type is 400 InvalidArgument naming the header", async () => {
    const result = await failure(invoke("fn", new $FcOpen.InvokeFunctionHeaders({ xFcInvocationType: "Later" })));
    expect([result.code, result.message]).toEqual(["InvalidArgument", `x-fc-invocation-type must be Sync or Async, got "Later"`]);
  });

  test("the enable header makes a single invocation a task even when the config says no", async () => {
    await deploy(service, "plain", { stateful: false });
    const headers = new $FcOpen.InvokeFunctionHeaders({ xFcInvocationType: "Async", xFcStatefulAsyncInvocationId: "forced", xFcStatefulAsyncInvocationEnable: "true" });
    const response = await invoke("plain", headers);
    expect([response.statusCode, response.headers["x-fc-stateful-async-invocation-id"]]).toEqual([202, "forced"]);
    const notATask = await invoke("plain", asyncHeaders("ignored"));
    expect([notATask.statusCode, notATask.headers["x-fc-stateful-async-invocation-id"]]).toEqual([202, undefined]);
  });
});

describe("synchronous invocation through the official SDK", () => {
  const service = "sync";
  beforeAll(async () => {
    await sdk.createService(new $FcOpen.CreateServiceRequest({ serviceName: service }));
    await deploy(service, "fn", {});
  });
  const invokeSync = (payload: string, logType?: "Tail") =>
    sdk.invokeFunctionWithOptions(
      service,
      "fn",
      new $FcOpen.InvokeFunctionRequest({ body: Buffer.from(payload) }),
      new $FcOpen.InvokeFunctionHeaders(logType === undefined ? {} : { xFcLogType: logType }),
      new (require("@alicloud/tea-util").RuntimeOptions)({}),
    );

  test("answers 200 with the function's result", async () => {
    const response = await invokeSync("{}");
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ attempt: 1, requestId: response.headers["x-fc-request-id"] });
    expect(response.headers["x-fc-error-type"]).toBeUndefined();
  });

  test("a function error is 200 with X-Fc-Error-Type and FC's error body", async () => {
    const response = await invokeSync(`{"fail":"always"}`);
    expect([response.statusCode, response.headers["x-fc-error-type"]]).toEqual([200, "UnhandledInvocationError"]);
    const body = JSON.parse(response.body.toString()) as { errorMessage: string; errorType: string; stackTrace: string[] };
    expect([body.errorMessage, body.errorType, body.stackTrace[0]]).toEqual(["attempt 1 failed", "Error", "Error: attempt 1 failed"]);
  });

  test("X-Fc-Log-Type: Tail returns the invocation's log, base64", async () => {
    const response = await invokeSync("{}", "Tail");
    const requestId = response.headers["x-fc-request-id"];
    expect(Buffer.from(response.headers["x-fc-log-result"] ?? "", "base64").toString()).toBe(`FC Invoke Start RequestId: ${requestId}\nFC Invoke End RequestId: ${requestId}\n`);
  });
});

describe("the package's functions for programs", () => {
  test("getStatefulAsyncInvocation and listStatefulAsyncInvocations (following every page)", async () => {
    const service = "program";
    await sdk.createService(new $FcOpen.CreateServiceRequest({ serviceName: service }));
    await deploy(service, "fn", {});
    for (let i = 1; i <= 5; i++) await client.invokeFunction({ serviceName: service, functionName: "fn", payload: "{}", invocationType: "Async", statefulAsyncInvocationId: `task-${i}` });
    await clock.runUntilIdle();
    const one = await getStatefulAsyncInvocation({ serviceName: service, functionName: "fn", invocationId: "task-3" }, { client });
    expect([one.invocationId, one.status, one.alreadyRetriedTimes]).toEqual(["task-3", "Succeeded", 0]);
    const all = await listStatefulAsyncInvocations({ serviceName: service, functionName: "fn", sortOrderByTime: "asc", pageSize: 2 }, { client });
    expect(all.invocations.map((t) => [t.invocationId, t.status])).toEqual([1, 2, 3, 4, 5].map((i) => [`task-${i}`, "Succeeded"]));
  });
});
