// The qualifier's own async config applies (an alias with 0 retries beside LATEST with 3), invoked the
// 2016-08-15 way (`services/{svc}.{qualifier}`, @alicloud/fc2); and queued events survive a restart of
// an emulator with a data directory, as every acknowledged write must.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { VirtualClock, type Emulator } from "../../../emulator";
import { functionZip } from "../../kit/function-zip";
import { $FcOpen, fc2For, fcOpenFor, startEmulator, type Fc2Client, type FcOpen } from "../../kit/emulator";

const ALWAYS_FAILS = Buffer.from(functionZip({ "index.js": `exports.handler = () => { throw new Error("no"); };` })).toString("base64");
const SUCCEEDS = Buffer.from(functionZip({ "index.js": `exports.handler = async (event) => "done:" + event.toString();` })).toString("base64");

type Fc2WithInvoke = Fc2Client & {
  invokeFunction(service: string, fn: string, event: string, headers?: Record<string, string>, qualifier?: string): Promise<{ headers: Record<string, string>; data: unknown }>;
};

describe("the invoked qualifier's config", () => {
  const clock = new VirtualClock();
  let fc: Emulator;
  let fc2: Fc2WithInvoke;
  let sdk: FcOpen;

  beforeAll(async () => {
    fc = await startEmulator({ asyncScheduler: clock });
    fc2 = fc2For(fc) as Fc2WithInvoke;
    sdk = fcOpenFor(fc);
    await fc2.createService("svc");
    await fc2.createFunction("svc", { functionName: "fn", runtime: "nodejs20", handler: "index.handler", code: { zipFile: ALWAYS_FAILS } });
    await fc2.publishVersion("svc");
    await fc2.createAlias("svc", "prod", "1");
    await fc2.putFunctionAsyncConfig("svc", "fn", undefined, { maxAsyncRetryAttempts: 3, statefulInvocation: true });
    await fc2.putFunctionAsyncConfig("svc", "fn", "prod", { maxAsyncRetryAttempts: 0, statefulInvocation: true });
  });
  afterAll(() => fc.close());

  test.each([
    { qualifier: "prod", attempts: 1 },
    { qualifier: "LATEST", attempts: 4 },
  ])("invoked on $qualifier through fc2: $attempts attempts", async ({ qualifier, attempts }) => {
    const id = `on-${qualifier}`;
    const response = await fc2.invokeFunction("svc", "fn", "{}", { "X-Fc-Invocation-Type": "Async", "X-Fc-Stateful-Async-Invocation-Id": id }, qualifier);
    expect(response.headers["x-fc-stateful-async-invocation-id"]).toBe(id);
    await clock.runUntilIdle();
    const { body } = await sdk.getStatefulAsyncInvocation("svc", "fn", id, new $FcOpen.GetStatefulAsyncInvocationRequest({ qualifier }));
    expect([body.qualifier, body.status, body.alreadyRetriedTimes, body.events?.filter((e) => e.status === "Running").length]).toEqual([qualifier, "Failed", attempts - 1, attempts]);
  });
});

describe("durability", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "fc-async-durable-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test("an accepted async event runs after the emulator restarts, and its task is still there", async () => {
    const first = await startEmulator({ dataDir, asyncScheduler: new VirtualClock() });
    const sdk1 = fcOpenFor(first);
    await sdk1.createService(new $FcOpen.CreateServiceRequest({ serviceName: "svc" }));
    await sdk1.createFunction("svc", new $FcOpen.CreateFunctionRequest({ functionName: "fn", runtime: "nodejs18", handler: "index.handler", code: new $FcOpen.Code({ zipFile: SUCCEEDS }) }));
    await sdk1.putFunctionAsyncInvokeConfig("svc", "fn", new $FcOpen.PutFunctionAsyncInvokeConfigRequest({ statefulInvocation: true }));
    const invoked = await sdk1.invokeFunctionWithOptions(
      "svc",
      "fn",
      new $FcOpen.InvokeFunctionRequest({ body: Buffer.from("payload") }),
      new $FcOpen.InvokeFunctionHeaders({ xFcInvocationType: "Async", xFcStatefulAsyncInvocationId: "survivor" }),
      new (require("@alicloud/tea-util").RuntimeOptions)({}),
    );
    expect(invoked.statusCode).toBe(202);
    // Closed before the engine's (virtual) time ever moved: the event never ran.
    await first.close();

    const clock = new VirtualClock();
    const second = await startEmulator({ dataDir, asyncScheduler: clock });
    try {
      const sdk2 = fcOpenFor(second);
      const before = await sdk2.getStatefulAsyncInvocation("svc", "fn", "survivor", new $FcOpen.GetStatefulAsyncInvocationRequest({}));
      expect(before.body.status).toBe("Enqueued");
      await clock.runUntilIdle();
      const after = await sdk2.getStatefulAsyncInvocation("svc", "fn", "survivor", new $FcOpen.GetStatefulAsyncInvocationRequest({}));
      expect([after.body.status, after.body.returnPayload, after.body.events?.map((e) => e.status)]).toEqual([
        "Succeeded",
        "done:payload",
        ["Enqueued", "Running", "Succeeded"],
      ]);
    } finally {
      await second.close();
    }
  });
});
