// InvokeFunction (sync, async, async tasks) and GetAsyncTask / ListAsyncTasks / StopAsyncTask through
// @alicloud/fc20230330, with FC 3.0's engine on a VirtualClock: retries, destinations and stops cost no real time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock, type Emulator } from "../../../emulator";
import { startEmulator } from "../../kit/emulator";
import { $Fc3, fc3Failure, fc3For, fc3NodeFunction, invoke, putConfig, readAll, type Fc3 } from "../../kit/fc3";

const ACCOUNT = "1234567890123456";
const QUEUE = `acs:mns:cn-hangzhou:${ACCOUNT}:/queues/failed/messages`;
const SOURCE = `exports.handler = (event, context, callback) => {
  const input = JSON.parse(event.toString() || "{}");
  if (input.fail) return callback(new Error("refused " + input.id));
  callback(null, JSON.stringify({ id: input.id, requestId: context.requestId }));
};
`;

const clock = new VirtualClock();
let emulator: Emulator;
let sdk: Fc3;

beforeAll(async () => {
  emulator = await startEmulator({ asyncScheduler: clock });
  sdk = fc3For(emulator);
  for (const fn of ["worker", "audit"]) await sdk.createFunction(fc3NodeFunction(fn, SOURCE));
  await putConfig(sdk, "worker", {
    asyncTask: true,
    maxAsyncRetryAttempts: 1,
    destinationConfig: new $Fc3.DestinationConfig({
      onSuccess: new $Fc3.Destination({ destination: `acs:fc:cn-hangzhou:${ACCOUNT}:functions/audit` }),
      onFailure: new $Fc3.Destination({ destination: QUEUE }),
    }),
  });
  await putConfig(sdk, "audit", { asyncTask: true });
}, 60_000);
afterAll(() => emulator.close());

const getTask = (fn: string, taskId: string) => sdk.getAsyncTask(fn, taskId, new $Fc3.GetAsyncTaskRequest({}));
const statuses = (task: { events?: { status?: string }[] } | undefined) => (task?.events ?? []).map((e) => e.status);

describe("FC 3.0 invocations and async tasks through @alicloud/fc20230330", () => {
  it("runs a sync invocation and answers the function's result", async () => {
    const result = await invoke(sdk, "worker", `{"id":"s1"}`);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(await readAll(result.body))).toEqual({ id: "s1", requestId: result.headers?.["x-fc-request-id"] });
    const failed = await invoke(sdk, "worker", `{"id":"s2","fail":true}`);
    expect([failed.statusCode, failed.headers?.["x-fc-error-type"]]).toEqual([200, "HandledInvocationError"]);
  });

  it("queues an async invocation as a task named by x-fc-async-task-id and runs it to success", async () => {
    const accepted = await invoke(sdk, "worker", `{"id":"a1"}`, { type: "Async", taskId: "task-ok" });
    expect([accepted.statusCode, accepted.headers?.["x-fc-async-task-id"]]).toEqual([202, "task-ok"]);
    expect((await getTask("worker", "task-ok")).body?.status).toBe("Enqueued");
    await clock.runUntilIdle();
    const task = (await getTask("worker", "task-ok")).body;
    expect(task?.toMap()).toMatchObject({
      taskId: "task-ok",
      status: "Succeeded",
      qualifier: "LATEST",
      functionArn: `acs:fc:cn-hangzhou:${ACCOUNT}:functions/worker`,
      alreadyRetriedTimes: 0,
      destinationStatus: "Succeeded",
      requestId: accepted.headers?.["x-fc-request-id"],
    });
    expect(statuses(task)).toEqual(["Enqueued", "Running", "Succeeded"]);
    // The onSuccess destination is an FC 3.0 function: it was invoked with the destination record, as a task of its own.
    const audits = await sdk.listAsyncTasks("audit", new $Fc3.ListAsyncTasksRequest({ includePayload: true }));
    const record = JSON.parse(audits.body?.tasks?.[0]?.taskPayload ?? "{}") as { requestContext?: { functionArn?: string; condition?: string } };
    expect(record.requestContext).toMatchObject({ functionArn: `acs:fc:cn-hangzhou:${ACCOUNT}:functions/worker`, condition: "" });
  });

  it("retries a failing task as configured, then fails it to the onFailure queue", async () => {
    await invoke(sdk, "worker", `{"id":"a2","fail":true}`, { type: "Async", taskId: "task-bad" });
    await clock.runUntilIdle();
    const task = (await getTask("worker", "task-bad")).body;
    expect([task?.status, task?.alreadyRetriedTimes, task?.taskErrorMessage, task?.destinationStatus]).toEqual(["Failed", 1, "HandledInvocationError", "Succeeded"]);
    expect(statuses(task)).toEqual(["Enqueued", "Running", "Retrying", "Running", "Failed"]);
  });

  it("stops a waiting task with PUT …/stop; stopping again changes nothing", async () => {
    await invoke(sdk, "worker", `{"id":"a3"}`, { type: "Async", taskId: "task-stop" });
    const stopped = await sdk.stopAsyncTask("worker", "task-stop", new $Fc3.StopAsyncTaskRequest({}));
    expect(stopped.statusCode).toBe(200);
    await sdk.stopAsyncTask("worker", "task-stop", new $Fc3.StopAsyncTaskRequest({}));
    await clock.runUntilIdle();
    const task = (await getTask("worker", "task-stop")).body;
    expect([task?.status, statuses(task)]).toEqual(["Stopped", ["Enqueued", "Stopping", "Stopped"]]);
  });

  it("lists tasks with filters, newest first by default, payloads on request", async () => {
    const list = (request: ConstructorParameters<typeof $Fc3.ListAsyncTasksRequest>[0]) => sdk.listAsyncTasks("worker", new $Fc3.ListAsyncTasksRequest(request));
    expect((await list({})).body?.tasks?.map((t) => t.taskId)).toEqual(["task-stop", "task-bad", "task-ok"]);
    expect((await list({ sortOrderByTime: "asc" })).body?.tasks?.map((t) => t.taskId)).toEqual(["task-ok", "task-bad", "task-stop"]);
    expect((await list({ status: "Failed" })).body?.tasks?.map((t) => t.taskId)).toEqual(["task-bad"]);
    expect((await list({ status: "Dequeued" })).body?.tasks).toEqual([]);
    expect((await list({ prefix: "task-s" })).body?.tasks?.map((t) => t.taskId)).toEqual(["task-stop"]);
    expect((await list({})).body?.tasks?.[0]?.taskPayload).toBeUndefined();
    expect((await list({ prefix: "task-ok", includePayload: true })).body?.tasks?.[0]?.taskPayload).toBe(`{"id":"a1"}`);
    const first = await list({ limit: 2 });
    expect(first.body?.tasks).toHaveLength(2);
    expect((await list({ limit: 2, nextToken: first.body?.nextToken })).body?.tasks?.map((t) => t.taskId)).toEqual(["task-ok"]);
    expect(await fc3Failure(list({ status: "Sleeping" }))).toMatchObject({ code: "InvalidArgument", status: 400 });
  });

  it("answers the cloud's codes for unknown and duplicate tasks", async () => {
    expect(await fc3Failure(getTask("worker", "nope"))).toMatchObject({ code: "AsyncTaskNotFound", status: 404, message: "async task 'nope' of function 'worker' does not exist" });
    expect(await fc3Failure(sdk.stopAsyncTask("worker", "nope", new $Fc3.StopAsyncTaskRequest({})))).toMatchObject({ code: "AsyncTaskNotFound", status: 404 });
    expect(await fc3Failure(getTask("missing", "task-ok"))).toMatchObject({ code: "FunctionNotFound", status: 404 });
    expect(await fc3Failure(invoke(sdk, "worker", "{}", { type: "Async", taskId: "task-ok" }))).toMatchObject({ code: "AsyncTaskAlreadyExists", status: 409 });
    expect(await fc3Failure(invoke(sdk, "worker", "{}", { type: "Async", taskId: "9-starts-with-digit" }))).toMatchObject({ code: "InvalidArgument", status: 400 });
  });

  it("runs a plain async invocation (no asyncTask) without making it a task", async () => {
    const accepted = await invoke(sdk, "audit", "{}", { type: "Async", qualifier: "LATEST" });
    expect(accepted.statusCode).toBe(202);
    await putConfig(sdk, "audit", { asyncTask: false });
    const plain = await invoke(sdk, "audit", "{}", { type: "Async" });
    expect([plain.statusCode, plain.headers?.["x-fc-async-task-id"]]).toEqual([202, undefined]);
  });

  it("shares the one engine's control surface: fc3 destination messages kept, functions on the dashboard, reset forgets fc3", async () => {
    await invoke(sdk, "worker", `{"id":"d1","fail":true}`, { type: "Async", taskId: "task-dest" });
    await clock.runUntilIdle();
    const kept = (await emulator.control.destinations()).find((d) => d.destination === QUEUE);
    const record = JSON.parse(kept?.messages.at(-1)?.body ?? "{}");
    expect(record.requestContext).toMatchObject({ functionArn: `acs:fc:cn-hangzhou:${ACCOUNT}:functions/worker`, condition: "HandledInvocationError", approximateInvokeCount: 2 });
    expect(record.requestPayload).toBe(`{"id":"d1","fail":true}`);

    const state = (await (await fetch(`${emulator.url}/_emulator/ui/state`)).json()) as { apis: Array<{ api: string; title: string; accounts: Array<{ functions: Array<{ key: string[]; qualifiers: string[] }> }> }> };
    const fc3 = state.apis.find((a) => a.api === "fc3");
    expect(fc3?.title).toBe("Function Compute 3.0");
    expect(fc3?.accounts[0]?.functions.map((f) => [f.key, f.qualifiers])).toEqual([
      [["audit"], ["LATEST"]],
      [["worker"], ["LATEST"]],
    ]);

    await emulator.control.reset();
    expect(await fc3Failure(sdk.getFunction("worker", new $Fc3.GetFunctionRequest({})))).toMatchObject({ code: "FunctionNotFound", status: 404 });
    expect(await fc3Failure(getTask("worker", "task-dest"))).toMatchObject({ code: "FunctionNotFound", status: 404 });
  });
});
