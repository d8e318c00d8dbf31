import { describe, expect, test } from "vitest";
import type { AsyncEngineOptions } from "../../../../emulator/core/engine/engine";
import { MemoryEventStore } from "../../../../emulator/core/engine/ports";
import { VIRTUAL_EPOCH, VirtualClock } from "../../../../emulator/core/clock";
import type { FcAsyncSettings } from "../../../../emulator/fc2/async/engine-api";
import type { DestinationRecord, TaskStatus } from "../../../../emulator/fc2/async/model";
import { FcError } from "../../../../emulator/fc2/errors";
import { ACCOUNT, ERROR_BODY, FakeDirectory, fcEngine, REGION, ScriptedRunner, target, type FcEngine, type Step } from "./fakes";

/**
 * The engine against a scripted function and a virtual clock: every timestamp below is exact, and a
 * schedule that spans hours runs in microseconds.
 */

const T0 = Date.parse(VIRTUAL_EPOCH);
const SCOPE = { accountId: ACCOUNT, serviceName: "svc", functionName: "fn" };
const QUEUE = `acs:mns:${REGION}:${ACCOUNT}:/queues/results/messages`;
const TOPIC = `acs:mns:${REGION}:${ACCOUNT}:/topics/failures/messages`;

function setup(policy: Partial<FcAsyncSettings> = {}, steps: Step[] = ["ok"], options: Partial<Omit<AsyncEngineOptions, "apis">> = {}) {
  const clock = new VirtualClock();
  const runner = new ScriptedRunner().script("fn", steps);
  const directory = new FakeDirectory().config("fn", { statefulInvocation: true, ...policy });
  const engine = fcEngine(directory, runner, { clock, ...options });
  return { clock, runner, directory, engine };
}

function statuses(engine: FcEngine, id: string): Array<[TaskStatus, number, string | undefined]> {
  return engine.getTask(SCOPE, id).events.map((e) => [e.status, e.timestamp - T0, e.eventDetail]);
}

const FN_ERROR = `{"Error":"UnhandledInvocationError"}`;

function thrown(work: () => unknown): FcError {
  try {
    work();
  } catch (error) {
    if (error instanceof FcError) return error;
    throw error;
  }
  throw new Error("expected an FcError");
}

describe("scenario table: retries on function errors", () => {
  test("succeeds at once", async () => {
    const { clock, runner, engine } = setup({}, ["ok"]);
    engine.enqueue({ target: target(), payload: Buffer.from(`{"n":1}`), requestId: "req-1", invocationId: "task-1" });
    expect(engine.getTask(SCOPE, "task-1").status).toBe("Enqueued");
    await clock.runDue();
    expect(runner.calls.length).toBe(1);
    expect(engine.getTask(SCOPE, "task-1")).toEqual({
      functionName: "fn",
      serviceName: "svc",
      qualifier: "LATEST",
      invocationId: "task-1",
      status: "Succeeded",
      startedTime: T0,
      endTime: T0,
      alreadyRetriedTimes: 0,
      requestId: "req-1",
      instanceId: "c-fake",
      events: [
        { eventId: 1, status: "Enqueued", timestamp: T0 },
        { eventId: 2, status: "Running", timestamp: T0 },
        { eventId: 3, status: "Succeeded", timestamp: T0 },
      ],
      durationMs: 10,
      invocationPayload: `{"n":1}`,
      returnPayload: "ok",
    });
    expect(clock.pending()).toBe(0);
  });

  test("fails twice, then succeeds, with 3 retries allowed", async () => {
    const { clock, runner, engine } = setup({ maxAsyncRetryAttempts: 3 }, ["error", "error", "ok"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "task-2" });
    await clock.runDue();
    expect(engine.getTask(SCOPE, "task-2").status).toBe("Retrying");
    await clock.runUntilIdle();
    expect(runner.calls.map((c) => [c.attempt, c.payload])).toEqual([[1, "{}"], [2, "{}"], [3, "{}"]]);
    expect(statuses(engine, "task-2")).toEqual([
      ["Enqueued", 0, undefined],
      ["Running", 0, undefined],
      ["Retrying", 0, FN_ERROR],
      ["Running", 500, undefined],
      ["Retrying", 500, FN_ERROR],
      ["Running", 1500, undefined],
      ["Succeeded", 1500, undefined],
    ]);
    const task = engine.getTask(SCOPE, "task-2");
    expect([task.status, task.alreadyRetriedTimes, task.endTime, task.durationMs, task.invocationErrorMessage]).toEqual(["Succeeded", 2, T0 + 1500, 30, undefined]);
  });

  test.each([
    { retries: 0, attempts: 1, endsAfterMs: 0 },
    { retries: 1, attempts: 2, endsAfterMs: 500 },
    { retries: 8, attempts: 9, endsAfterMs: 127_500 },
  ])("always fails with $retries retries: $attempts attempts, Failed after $endsAfterMs ms", async ({ retries, attempts, endsAfterMs }) => {
    const { clock, runner, engine } = setup({ maxAsyncRetryAttempts: retries }, ["error"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "always-fails" });
    await clock.runUntilIdle();
    expect(runner.calls.length).toBe(attempts);
    const task = engine.getTask(SCOPE, "always-fails");
    expect([task.status, task.alreadyRetriedTimes, task.endTime, task.invocationErrorMessage, task.returnPayload]).toEqual([
      "Failed",
      retries,
      T0 + endsAfterMs,
      "UnhandledInvocationError",
      ERROR_BODY,
    ]);
    const expected: TaskStatus[] = ["Enqueued"];
    for (let i = 1; i < attempts; i++) expected.push("Running", "Retrying");
    expected.push("Running", "Failed");
    expect(task.events.map((e) => e.status)).toEqual(expected);
    expect(task.events.at(-1)?.eventDetail).toBe(FN_ERROR);
  });

  test("a callback error keeps its own type: HandledInvocationError", async () => {
    const { clock, engine } = setup({ maxAsyncRetryAttempts: 0 }, ["handled"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "handled" });
    await clock.runUntilIdle();
    const task = engine.getTask(SCOPE, "handled");
    expect([task.status, task.invocationErrorMessage, task.events.at(-1)?.eventDetail]).toEqual(["Failed", "HandledInvocationError", `{"Error":"HandledInvocationError"}`]);
  });

  test("the config of the invoked qualifier applies, not LATEST's", async () => {
    const { clock, runner, directory, engine } = setup({ maxAsyncRetryAttempts: 3 }, ["error"]);
    directory.config("fn", { maxAsyncRetryAttempts: 0, statefulInvocation: true }, "prod");
    engine.enqueue({ target: target("fn", "prod"), payload: Buffer.from("{}"), invocationId: "on-prod" });
    await clock.runUntilIdle();
    expect(runner.calls.length).toBe(1);
    expect(engine.getTask(SCOPE, "on-prod", "prod").status).toBe("Failed");
  });

  test("a qualifier without a config gets the defaults: 3 retries, not a task", async () => {
    const { clock, runner, engine } = setup({}, ["error"]);
    const { invocationId } = engine.enqueue({ target: target("fn", "7"), payload: Buffer.from("{}"), invocationId: "ignored" });
    expect(invocationId).toBeUndefined();
    await clock.runUntilIdle();
    expect(runner.calls.map((c) => c.attempt)).toEqual([1, 2, 3, 4]);
    expect(engine.listTasks(SCOPE).invocations).toEqual([]);
  });
});

describe("scenario table: event age", () => {
  test("expires before its first run", async () => {
    const { clock, runner, engine } = setup({ maxAsyncEventAgeInSeconds: 60, onFailure: QUEUE }, ["ok"]);
    engine.enqueue({ target: target(), payload: Buffer.from("late"), requestId: "req-late", invocationId: "late" });
    // The emulator was stopped (or its queue stuck) for longer than the event may live.
    clock.jump(60_001);
    await clock.runDue();
    expect(runner.calls.length).toBe(0);
    expect(statuses(engine, "late")).toEqual([
      ["Enqueued", 0, undefined],
      ["Expired", 60_001, `{"Error":"EventAgeExceeded"}`],
    ]);
    const task = engine.getTask(SCOPE, "late");
    expect([task.alreadyRetriedTimes, task.invocationErrorMessage, task.destinationStatus, task.durationMs]).toEqual([0, "EventAgeExceeded", "Succeeded", 0]);
    expect(engine.messages.messages(ACCOUNT, QUEUE).map((m) => m.record)).toEqual([
      {
        timestamp: "2026-01-01T00:00:00.000Z",
        requestContext: { requestId: "req-late", functionArn: `acs:fc:${REGION}:${ACCOUNT}:services/svc.LATEST/functions/fn`, condition: "EventAgeExceeded", approximateInvokeCount: 0 },
        requestPayload: "late",
        responseContext: { statusCode: null, functionError: "" },
        responsePayload: "",
      } satisfies DestinationRecord,
    ]);
  });

  test("an event exactly as old as its maximum age still runs", async () => {
    const { clock, runner, engine } = setup({ maxAsyncEventAgeInSeconds: 60 }, ["ok"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "just-in-time" });
    clock.jump(60_000);
    await clock.runDue();
    expect([runner.calls.length, engine.getTask(SCOPE, "just-in-time").status]).toEqual([1, "Succeeded"]);
  });

  test("look-ahead: a retry that would start after the maximum age is not waited for", async () => {
    // Age 1 s: the retry due at 0.5 s fits, the next one (due at 1.5 s) would not.
    const { clock, runner, engine } = setup({ maxAsyncEventAgeInSeconds: 1, maxAsyncRetryAttempts: 3 }, ["error"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "ages" });
    await clock.runUntilIdle();
    expect(runner.calls.length).toBe(2);
    expect(statuses(engine, "ages")).toEqual([
      ["Enqueued", 0, undefined],
      ["Running", 0, undefined],
      ["Retrying", 0, FN_ERROR],
      ["Running", 500, undefined],
      ["Expired", 500, `{"Error":"EventAgeExceeded"}`],
    ]);
    expect(engine.getTask(SCOPE, "ages").alreadyRetriedTimes).toBe(1);
  });
});

describe("scenario table: throttling", () => {
  test("throttled attempts back off 0.5 s, 1 s, 2 s and use up no retries", async () => {
    const { clock, runner, engine } = setup({ maxAsyncRetryAttempts: 0 }, ["throttle", "throttle", "throttle", "ok"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "busy" });
    await clock.runUntilIdle();
    expect(runner.calls.length).toBe(1);
    expect(statuses(engine, "busy")).toEqual([
      ["Enqueued", 0, undefined],
      ["Running", 3500, undefined],
      ["Succeeded", 3500, undefined],
    ]);
  });

  test("throttling that outlasts the 5-hour budget fails the event", async () => {
    const { clock, runner, engine } = setup({ onFailure: TOPIC }, ["throttle"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "starved" });
    await clock.runUntilIdle();
    expect(runner.calls.length).toBe(0);
    // The 16th throttle comes at 0.5 s × (2^15 − 1); the next retry (at 0.5 s × (2^16 − 1)) is past 5 h.
    expect(statuses(engine, "starved")).toEqual([
      ["Enqueued", 0, undefined],
      ["Failed", 16_383_500, `{"Error":"ResourceThrottled"}`],
    ]);
    const [message] = engine.messages.messages(ACCOUNT, TOPIC);
    expect(message?.record.requestContext.condition).toBe("ResourceThrottled");
    expect(message?.record.responseContext).toEqual({ statusCode: 429, functionError: "" });
  });

  test("throttling within a short maximum age expires the event instead", async () => {
    const { clock, engine } = setup({ maxAsyncEventAgeInSeconds: 2 }, ["throttle"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "short-lived" });
    await clock.runUntilIdle();
    // Throttled at 0 and 0.5 s; the next retry would be at 1.5 s + 2 s = 3.5 s > 2 s.
    expect(statuses(engine, "short-lived")).toEqual([
      ["Enqueued", 0, undefined],
      ["Expired", 1500, `{"Error":"EventAgeExceeded"}`],
    ]);
  });
});

describe("scenario table: stopping", () => {
  test("stopped while retrying: no further attempt, no destination", async () => {
    const { clock, runner, engine } = setup({ maxAsyncRetryAttempts: 3, onFailure: QUEUE }, ["error"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "stop-me" });
    await clock.runDue();
    expect(engine.getTask(SCOPE, "stop-me").status).toBe("Retrying");
    await clock.advance(100);
    engine.stopTask(SCOPE, "stop-me");
    await clock.runUntilIdle();
    expect(runner.calls.length).toBe(1);
    expect(statuses(engine, "stop-me")).toEqual([
      ["Enqueued", 0, undefined],
      ["Running", 0, undefined],
      ["Retrying", 0, FN_ERROR],
      ["Stopping", 100, undefined],
      ["Stopped", 100, undefined],
    ]);
    const task = engine.getTask(SCOPE, "stop-me");
    expect([task.endTime, task.alreadyRetriedTimes, task.destinationStatus]).toEqual([T0 + 100, 0, undefined]);
    expect(engine.messages.all(ACCOUNT)).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  test("stopped while running: Stopping until the aborted attempt returns, then Stopped", async () => {
    const { clock, runner, engine } = setup({}, ["block"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "long-job" });
    const started = runner.started();
    const running = clock.runDue();
    await started;
    expect(engine.getTask(SCOPE, "long-job").status).toBe("Running");
    engine.stopTask(SCOPE, "long-job");
    expect(engine.getTask(SCOPE, "long-job").status).toBe("Stopping");
    await running;
    expect(engine.getTask(SCOPE, "long-job").events.map((e) => e.status)).toEqual(["Enqueued", "Running", "Stopping", "Stopped"]);
  });

  test("stopping a task that already ended changes nothing", async () => {
    const { clock, engine } = setup({}, ["ok"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "done" });
    await clock.runDue();
    const before = engine.getTask(SCOPE, "done");
    engine.stopTask(SCOPE, "done");
    expect(engine.getTask(SCOPE, "done")).toEqual(before);
  });

  test("stopping an unknown task is StatefulAsyncInvocationNotFound", () => {
    const { engine } = setup();
    const error = thrown(() => engine.stopTask(SCOPE, "nope"));
    expect([error.status, error.code, error.message]).toEqual([404, "StatefulAsyncInvocationNotFound", "stateful async invocation 'nope' of function 'fn' does not exist"]);
  });
});

describe("scenario table: destinations", () => {
  test("onSuccess receives the success record", async () => {
    const { clock, engine } = setup({ onSuccess: QUEUE, onFailure: TOPIC }, ["ok"]);
    engine.enqueue({ target: target(), payload: Buffer.from(`{"n":1}`), requestId: "req-ok", invocationId: "to-queue" });
    await clock.runUntilIdle();
    expect(engine.getTask(SCOPE, "to-queue").destinationStatus).toBe("Succeeded");
    const kept = engine.messages.messages(ACCOUNT, QUEUE);
    expect(kept.map((m) => [m.destination, m.publishedTime - T0, JSON.parse(m.body)])).toEqual([
      [
        QUEUE,
        0,
        {
          timestamp: "2026-01-01T00:00:00.000Z",
          requestContext: { requestId: "req-ok", functionArn: `acs:fc:${REGION}:${ACCOUNT}:services/svc.LATEST/functions/fn`, condition: "", approximateInvokeCount: 1 },
          requestPayload: `{"n":1}`,
          responseContext: { statusCode: 200, functionError: "" },
          responsePayload: "ok",
        },
      ],
    ]);
    expect(kept[0]?.messageId).toMatch(/^[0-9A-F]{32}$/);
    expect(engine.messages.messages(ACCOUNT, TOPIC)).toEqual([]);
  });

  test("onFailure receives the failure record once retries are exhausted", async () => {
    const { clock, engine } = setup({ maxAsyncRetryAttempts: 1, onSuccess: QUEUE, onFailure: TOPIC }, ["error"]);
    engine.enqueue({ target: target(), payload: Buffer.from("in"), requestId: "req-bad", invocationId: "to-topic" });
    await clock.runUntilIdle();
    expect(engine.messages.messages(ACCOUNT, TOPIC).map((m) => m.record)).toEqual([
      {
        timestamp: "2026-01-01T00:00:00.500Z",
        requestContext: { requestId: "req-bad", functionArn: `acs:fc:${REGION}:${ACCOUNT}:services/svc.LATEST/functions/fn`, condition: "UnhandledInvocationError", approximateInvokeCount: 2 },
        requestPayload: "in",
        responseContext: { statusCode: 200, functionError: "UnhandledInvocationError" },
        responsePayload: ERROR_BODY,
      },
    ]);
    expect(engine.messages.messages(ACCOUNT, QUEUE)).toEqual([]);
  });

  test("a function destination is invoked asynchronously with the record as its event", async () => {
    const destArn = `acs:fc:${REGION}:${ACCOUNT}:services/svc.LATEST/functions/dest`;
    const { clock, runner, engine } = setup({ onSuccess: destArn }, ["ok"]);
    engine.enqueue({ target: target(), payload: Buffer.from("x"), requestId: "req-src", invocationId: "chained" });
    await clock.runUntilIdle();
    expect(engine.getTask(SCOPE, "chained").destinationStatus).toBe("Succeeded");
    const destCalls = runner.calls.filter((c) => c.target.functionName === "dest");
    expect(destCalls.length).toBe(1);
    expect(destCalls[0]?.target).toEqual(target("dest", "LATEST"));
    expect(JSON.parse(destCalls[0]?.payload ?? "")).toEqual({
      timestamp: "2026-01-01T00:00:00.000Z",
      requestContext: { requestId: "req-src", functionArn: `acs:fc:${REGION}:${ACCOUNT}:services/svc.LATEST/functions/fn`, condition: "", approximateInvokeCount: 1 },
      requestPayload: "x",
      responseContext: { statusCode: 200, functionError: "" },
      responsePayload: "ok",
    });
  });

  test.each([
    ["a function that does not exist", `acs:fc:${REGION}:${ACCOUNT}:services/svc/functions/missing`],
    ["another account's queue", `acs:mns:${REGION}:999:/queues/q/messages`],
    ["another region's queue", `acs:mns:cn-beijing:${ACCOUNT}:/queues/q/messages`],
    ["an unsupported product", `acs:oss:${REGION}:${ACCOUNT}:bucket/x`],
    ["something that is not an ARN", "https://example.com/hook"],
  ])("delivery to %s fails and the task says so", async (_name, destination) => {
    const { clock, engine } = setup({ onSuccess: destination }, ["ok"]);
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "undeliverable" });
    await clock.runUntilIdle();
    const task = engine.getTask(SCOPE, "undeliverable");
    expect([task.status, task.destinationStatus]).toEqual(["Succeeded", "Failed"]);
    expect(engine.messages.all(ACCOUNT)).toEqual([]);
  });

  test("plain (not stateful) events feed destinations too, and leave no task behind", async () => {
    const { clock, engine } = setup({ statefulInvocation: false, onSuccess: QUEUE }, ["ok"]);
    const { requestId, invocationId } = engine.enqueue({ target: target(), payload: Buffer.from("{}") });
    expect(invocationId).toBeUndefined();
    await clock.runUntilIdle();
    expect(engine.messages.messages(ACCOUNT, QUEUE).map((m) => m.record.requestContext.requestId)).toEqual([requestId]);
    expect(engine.listTasks(SCOPE).invocations).toEqual([]);
  });
});

describe("task ids", () => {
  test("a duplicate id is StatefulAsyncInvocationAlreadyExists (409)", () => {
    const { engine } = setup();
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "dup" });
    const error = thrown(() => engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "dup" }));
    expect([error.status, error.code]).toEqual([409, "StatefulAsyncInvocationAlreadyExists"]);
  });

  test.each([["1starts-with-digit"], ["has space"], ["dot.ted"], ["a".repeat(129)], [""]])("id %j is InvalidArgument", (id) => {
    const { engine } = setup();
    const error = thrown(() => engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: id }));
    expect([error.status, error.code]).toEqual([400, "InvalidArgument"]);
  });

  test.each([["_underscore"], ["A-b_9"], ["a".repeat(128)]])("id %j is accepted", (id) => {
    const { engine } = setup();
    expect(engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: id }).invocationId).toBe(id);
  });

  test.each([
    ["req-auto", "req-auto"],
    ["0c3e5a9e-2f0b-4f7e-9d55-1b2a3c4d5e6f", "_0c3e5a9e-2f0b-4f7e-9d55-1b2a3c4d5e6f"],
  ])("without an id, request %s names its task %s (always a valid id)", (requestId, expected) => {
    const { engine } = setup();
    expect(engine.enqueue({ target: target(), payload: Buffer.from("{}"), requestId }).invocationId).toBe(expected);
    expect(engine.getTask(SCOPE, expected).requestId).toBe(requestId);
  });

  test("the per-request enable flag overrides the config both ways", () => {
    const { engine, directory } = setup({ statefulInvocation: false });
    expect(engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "forced", stateful: true }).invocationId).toBe("forced");
    directory.config("fn", { statefulInvocation: true });
    expect(engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "suppressed", stateful: false }).invocationId).toBeUndefined();
  });

  test("a task is found only under its own qualifier when one is given", () => {
    const { engine } = setup();
    engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "on-latest" });
    expect(engine.getTask(SCOPE, "on-latest", "LATEST").qualifier).toBe("LATEST");
    expect(thrown(() => engine.getTask(SCOPE, "on-latest", "prod")).code).toBe("StatefulAsyncInvocationNotFound");
    expect(thrown(() => engine.getTask({ ...SCOPE, functionName: "other" }, "on-latest")).code).toBe("StatefulAsyncInvocationNotFound");
  });
});

describe("listing tasks", () => {
  async function fiveTasks() {
    const fixture = setup({ maxAsyncRetryAttempts: 0 }, ["ok", "error", "ok", "error", "ok"]);
    for (const id of ["job-a", "job-b", "job-c", "other-d", "other-e"]) {
      fixture.engine.enqueue({ target: target(), payload: Buffer.from(id), invocationId: id });
      await fixture.clock.advance(1000);
    }
    return fixture;
  }
  const ids = (list: { invocations: Array<{ invocationId: string }> }) => list.invocations.map((t) => t.invocationId);

  test("newest first by default; asc on request", async () => {
    const { engine } = await fiveTasks();
    expect(ids(engine.listTasks(SCOPE))).toEqual(["other-e", "other-d", "job-c", "job-b", "job-a"]);
    expect(ids(engine.listTasks(SCOPE, { sortOrderByTime: "asc" }))).toEqual(["job-a", "job-b", "job-c", "other-d", "other-e"]);
  });

  test.each([
    [{ status: "Failed" as const }, ["other-d", "job-b"]],
    [{ invocationIdPrefix: "job-" }, ["job-c", "job-b", "job-a"]],
    [{ startedTimeBegin: T0 + 1000, startedTimeEnd: T0 + 3000 }, ["other-d", "job-c", "job-b"]],
    [{ status: "Succeeded" as const, invocationIdPrefix: "other" }, ["other-e"]],
    [{ qualifier: "prod" }, []],
  ])("filter %j", async (query, expected) => {
    const { engine } = await fiveTasks();
    expect(ids(engine.listTasks(SCOPE, query))).toEqual(expected);
  });

  test("payloads only with includePayload", async () => {
    const { engine } = await fiveTasks();
    const [plain] = engine.listTasks(SCOPE, { limit: 1 }).invocations;
    const [full] = engine.listTasks(SCOPE, { limit: 1, includePayload: true }).invocations;
    expect([plain?.invocationPayload, plain?.returnPayload]).toEqual([undefined, undefined]);
    expect([full?.invocationPayload, full?.returnPayload]).toEqual(["other-e", "ok"]);
  });

  test("pages follow nextToken to the end, in order", async () => {
    const { engine } = await fiveTasks();
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const page = engine.listTasks(SCOPE, { limit: 2, sortOrderByTime: "asc", nextToken });
      pages.push(ids(page));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    expect(pages).toEqual([["job-a", "job-b"], ["job-c", "other-d"], ["other-e"]]);
  });

  test("a token is refused for another query or when forged", async () => {
    const { engine } = await fiveTasks();
    const { nextToken } = engine.listTasks(SCOPE, { limit: 2, invocationIdPrefix: "job-" });
    expect(nextToken).toBeDefined();
    const refusal = { problem: { kind: "InvalidArgument", message: "nextToken is invalid: it was not issued for this request" } };
    expect(() => engine.listTasks(SCOPE, { limit: 2, nextToken })).toThrow(expect.objectContaining(refusal));
    expect(() => engine.listTasks(SCOPE, { nextToken: "Zm9yZ2Vk.AAAA" })).toThrow(expect.objectContaining(refusal));
  });
});

describe("restart", () => {
  test("a queued event survives the engine and runs after recover()", async () => {
    const store = new MemoryEventStore();
    const first = setup({}, ["ok"], { store });
    first.engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "survivor" });
    first.engine.close();
    const second = setup({}, ["ok"], { store });
    second.engine.recover();
    expect(second.engine.getTask(SCOPE, "survivor").status).toBe("Enqueued");
    await second.clock.runUntilIdle();
    expect([second.runner.calls.length, second.engine.getTask(SCOPE, "survivor").status]).toEqual([1, "Succeeded"]);
    expect(thrown(() => second.engine.enqueue({ target: target(), payload: Buffer.from("{}"), invocationId: "survivor" })).code).toBe(
      "StatefulAsyncInvocationAlreadyExists",
    );
  });
});
