import { describe, expect, test } from "vitest";
import { VirtualClock } from "../../../../emulator/core/clock";
import { AsyncEngine } from "../../../../emulator/core/engine/engine";
import type { AsyncPolicy, EventRecord, EventTarget } from "../../../../emulator/core/engine/model";
import { MemoryEventStore, type AttemptOutcome, type EngineApi } from "../../../../emulator/core/engine/ports";

/**
 * The engine with two APIs that share nothing but the engine: one keys functions by one name, the
 * other by two; each has its own policy, task ids and destination record. Statuses are the engine's
 * own; presenting them is each API's business (see test/emulator/fc2 for FC 2.0's words).
 */

const ACCOUNT = "1234567890";

function fakeApi(name: string, policy: AsyncPolicy, outcome: AttemptOutcome["kind"]): EngineApi & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    policy: () => policy,
    functionExists: (t) => t.functionKey.join("/") !== "gone",
    run: async (request) => {
      runs.push(`${request.target.functionKey.join("/")}#${request.attempt}`);
      request.onStarted();
      if (outcome === "success") return { kind: "success", payload: Buffer.from("done"), durationMs: 1 };
      return { kind: "functionError", handled: false, errorType: "Boom", payload: Buffer.from("{}"), durationMs: 1 };
    },
    taskId: (requestId) => `${name}-${requestId}`,
    destinationRecord: (record: Readonly<EventRecord>) => ({ api: name, request: record.requestId, cause: record.failureCause ?? null }),
  };
}

const target = (api: string, ...functionKey: string[]): EventTarget => ({ api, accountId: ACCOUNT, region: "r1", functionKey, qualifier: "latest" });

describe("one engine, several APIs", () => {
  test("each API's events run under its own policy and feed its own destination record", async () => {
    const clock = new VirtualClock();
    const store = new MemoryEventStore();
    const one = fakeApi("one", { maxRetries: 0, maxEventAgeSeconds: 60, keepAsTask: true, onSuccess: undefined, onFailure: { kind: "sink", name: "failures" } }, "functionError");
    const two = fakeApi("two", { maxRetries: 2, maxEventAgeSeconds: 60, keepAsTask: false, onSuccess: { kind: "sink", name: "done" }, onFailure: undefined }, "success");
    const engine = new AsyncEngine({ clock, apis: { one, two }, store });

    const a = engine.enqueue({ target: target("one", "fn"), payload: Buffer.from("a"), requestId: "r-a" });
    const b = engine.enqueue({ target: target("two", "svc", "fn"), payload: Buffer.from("b"), requestId: "r-b" });
    expect([a.taskId, b.taskId]).toEqual(["one-r-a", undefined]);
    await clock.runUntilIdle();

    expect([one.runs, two.runs]).toEqual([["fn#1"], ["svc/fn#1"]]);
    expect(engine.getTask({ api: "one", accountId: ACCOUNT, functionKey: ["fn"] }, "one-r-a")?.timeline.map((e) => [e.status, e.detail])).toEqual([
      ["queued", undefined],
      ["running", undefined],
      ["failed", "unhandledFunctionError"],
    ]);
    // The same task id under the other API, or another function key, is another task.
    expect(engine.getTask({ api: "two", accountId: ACCOUNT, functionKey: ["fn"] }, "one-r-a")).toBeUndefined();
    expect(engine.messages.messages(ACCOUNT, "failures").map((m) => m.record)).toEqual([{ api: "one", request: "r-a", cause: "unhandledFunctionError" }]);
    expect(engine.messages.messages(ACCOUNT, "done").map((m) => m.record)).toEqual([{ api: "two", request: "r-b", cause: null }]);
    // Only the task is kept; the plain event was dropped when it ended.
    expect(store.load().map((r) => r.requestId)).toEqual(["r-a"]);
  });

  test("an event for an API that is not registered is refused at once", () => {
    const engine = new AsyncEngine({ clock: new VirtualClock(), apis: {} });
    expect(() => engine.enqueue({ target: target("fc9", "fn"), payload: Buffer.from("") })).toThrow("no API 'fc9' is registered with the async engine");
  });
});
