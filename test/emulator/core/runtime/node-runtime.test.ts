import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { VirtualClock } from "../../../../emulator/core/clock";
import type { FunctionCode } from "../../../../emulator/core/runtime/code-cache";
import { NodeRuntime, UnsupportedRuntimeError, type FunctionSpec, type InvocationResult } from "../../../../emulator/core/runtime/node-runtime";
import { fcErrorType, type FcFunction } from "../../../../contracts/alicloud";
import { fcFunctionSpec } from "../../../../emulator/fc2/runnable";
import { functionZip } from "../../../kit/function-zip";

/**
 * The runtime runs real Node.js code in child processes. Timeouts are driven by a VirtualClock given
 * to the runtime, so the timeout test waits for nothing but the child's own start-up.
 */

function code(files: Record<string, string>): FunctionCode {
  const zip = functionZip(files);
  return { checksum: createHash("sha256").update(zip).digest("hex"), zip: () => zip };
}

/** An FC 2.0 function's spec: its context and FC_* variables are what the FC tests below expect. */
function spec(overrides: Partial<FcFunction> = {}): FunctionSpec {
  return fcFunctionSpec({
    accountId: "1234567890",
    region: "cn-hangzhou",
    serviceName: "svc",
    functionName: "fn",
    qualifier: "LATEST",
    versionId: "",
    runtime: "nodejs18",
    handler: "index.handler",
    memorySize: 128,
    timeout: 3,
    environmentVariables: {},
    ...overrides,
  });
}

const clock = new VirtualClock();
const runtime = new NodeRuntime({ clock });
let seq = 0;

async function invoke(fnSpec: FunctionSpec, fnCode: FunctionCode, event = "{}", extra: { signal?: AbortSignal; onStarted?: () => void } = {}): Promise<InvocationResult> {
  return runtime.invoke(fnSpec, fnCode, { requestId: `req-${++seq}`, event: Buffer.from(event), ...extra });
}

function text(result: InvocationResult): string {
  if (result.kind === "aborted") throw new Error("aborted");
  return result.payload.toString("utf8");
}

const secretName = "ALICLOUD_SECRET_KEY";
let savedSecret: string | undefined;
beforeAll(() => {
  savedSecret = process.env[secretName];
  process.env[secretName] = "operator-secret-must-not-leak";
});
afterAll(async () => {
  if (savedSecret === undefined) delete process.env[secretName];
  else process.env[secretName] = savedSecret;
  await runtime.close();
});

describe("successful invocations", () => {
  test("callback handler gets the event as a Buffer and FC 2.0's context", async () => {
    const fnCode = code({
      "index.js": `exports.handler = (event, context, callback) => {
        const { logger, ...rest } = context;
        callback(null, { isBuffer: Buffer.isBuffer(event), event: event.toString(), context: rest, loggerType: typeof logger.info });
      };`,
    });
    const result = await runtime.invoke(spec({ qualifier: "prod", versionId: "2" }), fnCode, { requestId: "req-ctx", event: Buffer.from("hello") });
    expect(result.kind).toBe("success");
    expect(JSON.parse(text(result))).toEqual({
      isBuffer: true,
      event: "hello",
      context: {
        requestId: "req-ctx",
        credentials: { accessKeyId: "", accessKeySecret: "", securityToken: "" },
        function: { name: "fn", handler: "index.handler", memory: 128, timeout: 3 },
        service: { name: "svc", logProject: "", logStore: "", qualifier: "prod", versionId: "2" },
        region: "cn-hangzhou",
        accountId: "1234567890",
      },
      loggerType: "function",
    });
  });

  test.each([
    ["a string result is returned as it is", `callback(null, "plain")`, "plain"],
    ["an object result is returned as JSON", `callback(null, { a: 1 })`, `{"a":1}`],
    ["a Buffer result is returned as bytes", `callback(null, Buffer.from("raw"))`, "raw"],
    ["no result is an empty body", `callback()`, ""],
  ])("%s", async (_name, body, expected) => {
    const fnCode = code({ "index.js": `exports.handler = (event, context, callback) => { ${body}; };` });
    expect(text(await invoke(spec(), fnCode))).toBe(expected);
  });

  test("an async handler's resolved value is the result", async () => {
    const fnCode = code({ "index.js": `exports.handler = async (event) => ({ got: JSON.parse(event.toString()).n + 1 });` });
    expect(text(await invoke(spec(), fnCode, `{"n":41}`))).toBe(`{"got":42}`);
  });

  test("an ES module handler (index.mjs) is loaded", async () => {
    const fnCode = code({ "index.mjs": `export const handler = async () => "from esm";` });
    expect(text(await invoke(spec(), fnCode))).toBe("from esm");
  });

  test("a handler in a sub-directory is found by 'dir/file.export'", async () => {
    const fnCode = code({ "src/main.js": `exports.run = (e, c, cb) => cb(null, "nested");` });
    expect(text(await invoke(spec({ handler: "src/main.run" }), fnCode))).toBe("nested");
  });

  test("the instance stays warm: module state survives between invocations", async () => {
    const fnCode = code({ "index.js": `let count = 0; exports.handler = (e, c, cb) => cb(null, String(++count));` });
    const fnSpec = spec({ functionName: "warm" });
    const first = await invoke(fnSpec, fnCode);
    const second = await invoke(fnSpec, fnCode);
    expect([text(first), text(second)]).toEqual(["1", "2"]);
    expect(first.instanceId).toBe(second.instanceId);
  });

  test("new code retires the warm instance", async () => {
    const fnSpec = spec({ functionName: "redeployed" });
    const v1 = await invoke(fnSpec, code({ "index.js": `exports.handler = (e, c, cb) => cb(null, "v1");` }));
    const v2 = await invoke(fnSpec, code({ "index.js": `exports.handler = (e, c, cb) => cb(null, "v2");` }));
    expect([text(v1), text(v2)]).toEqual(["v1", "v2"]);
    expect(v2.instanceId).not.toBe(v1.instanceId);
  });

  test("what the function prints is captured per invocation", async () => {
    const fnCode = code({
      "index.js": `exports.handler = (e, context, cb) => { console.log("to stdout"); console.error("to stderr"); context.logger.info("via logger", 7); cb(null, "ok"); };`,
    });
    const result = await runtime.invoke(spec({ functionName: "logs" }), fnCode, { requestId: "req-logs", event: Buffer.from("") });
    expect(result.logs).toMatch(/^to stdout\nto stderr\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z req-logs \[INFO\] via logger 7\n$/);
  });

  test("the function sees its own environment variables and never the emulator's", async () => {
    const fnCode = code({
      "index.js": `exports.handler = (e, c, cb) => cb(null, { mine: process.env.GREETING ?? null, leaked: process.env.${secretName} ?? null, fc: process.env.FC_FUNCTION_NAME });`,
    });
    const result = await invoke(spec({ functionName: "env", environmentVariables: { GREETING: "hi" } }), fnCode);
    expect(JSON.parse(text(result))).toEqual({ mine: "hi", leaked: null, fc: "env" });
  });
});

describe("function errors", () => {
  test("callback(error) is a HandledInvocationError with FC's error body", async () => {
    const fnCode = code({ "index.js": `exports.handler = (e, c, cb) => { cb(new Error("oops")); };` });
    const result = await invoke(spec(), fnCode);
    if (result.kind !== "functionError") throw new Error(`expected a function error, got ${result.kind}`);
    expect(fcErrorType(result.cause)).toBe("HandledInvocationError");
    expect(result.body.errorMessage).toBe("oops");
    expect(result.body.errorType).toBe("Error");
    expect(result.body.stackTrace?.[0]).toBe("Error: oops");
    expect(JSON.parse(result.payload.toString())).toEqual(result.body);
  });

  test("callback with a string reports the string as the message", async () => {
    const fnCode = code({ "index.js": `exports.handler = (e, c, cb) => cb("some error type");` });
    const result = await invoke(spec(), fnCode);
    expect(result.kind === "functionError" && [fcErrorType(result.cause), result.body]).toEqual(["HandledInvocationError", { errorMessage: "some error type" }]);
  });

  test.each([
    ["a thrown error", `exports.handler = () => { throw new TypeError("bad input"); };`, "TypeError", "bad input"],
    ["a rejected promise", `exports.handler = async () => { throw new RangeError("too far"); };`, "RangeError", "too far"],
    ["a module that fails to load", `throw new SyntaxError("broken module");`, "SyntaxError", "broken module"],
  ])("%s is an UnhandledInvocationError", async (_name, source, errorType, message) => {
    const result = await invoke(spec({ functionName: `unhandled-${errorType}-${message.length}` }), code({ "index.js": source }));
    if (result.kind !== "functionError") throw new Error(`expected a function error, got ${result.kind}`);
    expect([fcErrorType(result.cause), result.body.errorType, result.body.errorMessage]).toEqual(["UnhandledInvocationError", errorType, message]);
  });

  test("an error thrown later, from a timer, ends the process as Node.js does: a crash, its error in the log", async () => {
    const source = `exports.handler = (e, c, cb) => { setImmediate(() => { throw new Error("late"); }); };`;
    const result = await invoke(spec({ functionName: "throws-later" }), code({ "index.js": source }));
    if (result.kind !== "functionError") throw new Error(`expected a function error, got ${result.kind}`);
    expect([result.cause, fcErrorType(result.cause)]).toEqual(["crash", "UnhandledInvocationError"]);
    expect(result.body).toEqual({ errorMessage: expect.stringMatching(/^Process exited unexpectedly before completing request \(duration: \d+ms, maxMemoryUsage: [\d.]+MB\)$/) });
    expect(result.logs).toContain("Error: late");
  });

  test("a thrown error's stack keeps the user's frames and drops the runtime's own", async () => {
    const source = "exports.handler = () => {\n  inner();\n};\nfunction inner() { throw new Error('deep'); }\n";
    const result = await invoke(spec({ functionName: "stack" }), code({ "index.js": source }));
    if (result.kind !== "functionError") throw new Error(`expected a function error, got ${result.kind}`);
    const stack = result.body.stackTrace ?? [];
    expect(stack.slice(0, 3).map((line) => line.replace(/\(.*[\\/]/, "("))).toEqual(["Error: deep", "    at inner (index.js:4:26)", "    at exports.handler (index.js:2:3)"]);
    expect(stack.filter((line) => line.includes("child.m"))).toEqual([]);
  });

  test("under FC's nodejs6 (thrownErrors: exit) a throw out of the handler is a crash", async () => {
    const result = await invoke(spec({ functionName: "legacy", runtime: "nodejs6" }), code({ "index.js": `exports.handler = () => { throw new TypeError("bad"); };` }));
    expect(result.kind === "functionError" && [result.cause, result.body.errorMessage.startsWith("Process exited unexpectedly before completing request")]).toEqual(["crash", true]);
  });

  test("a missing export names the handler", async () => {
    const result = await invoke(spec({ handler: "index.nope" }), code({ "index.js": `exports.handler = () => {};` }));
    expect(result.kind === "functionError" && result.body.errorMessage).toBe("Handler 'nope' is missing on module 'index'");
  });

  test("process.exit is a crash of that instance only; the next invocation gets a fresh one", async () => {
    const fnSpec = spec({ functionName: "exits" });
    const fnCode = code({ "index.js": `exports.handler = (e, c, cb) => { if (e.toString() === "exit") process.exit(3); cb(null, "alive"); };` });
    const crashed = await invoke(fnSpec, fnCode, "exit");
    if (crashed.kind !== "functionError") throw new Error(`expected a function error, got ${crashed.kind}`);
    expect([crashed.cause, fcErrorType(crashed.cause)]).toEqual(["crash", "UnhandledInvocationError"]);
    expect(crashed.body.errorMessage).toMatch(/^Process exited unexpectedly before completing request \(duration: \d+ms, maxMemoryUsage: \d+\.\d\dMB\)$/);
    const next = await invoke(fnSpec, fnCode, "ok");
    expect(text(next)).toBe("alive");
    expect(next.instanceId).not.toBe(crashed.instanceId);
  });

  test("a handler that outlives its timeout is killed with FC's timeout message", async () => {
    const fnSpec = spec({ functionName: "hangs", timeout: 2 });
    const fnCode = code({ "index.js": `exports.handler = () => new Promise(() => {});` });
    const before = runtime.instanceCount();
    let started!: () => void;
    const startedPromise = new Promise<void>((resolve) => (started = resolve));
    const pending = invoke(fnSpec, fnCode, "{}", { onStarted: () => started() });
    await startedPromise;
    await clock.advance(1999);
    expect(clock.pending()).toBe(1);
    await clock.advance(1);
    const result = await pending;
    if (result.kind !== "functionError") throw new Error(`expected a function error, got ${result.kind}`);
    expect([result.cause, fcErrorType(result.cause)]).toEqual(["timeout", "UnhandledInvocationError"]);
    expect(result.body.errorMessage).toMatch(/^Function timed out after 2 seconds \(maxMemoryUsage: \d+\.\d\dMB\)$/);
    // Its instance was started for this invocation and is gone again.
    expect(runtime.instanceCount()).toBe(before);
  });

  test("aborting an invocation kills its instance and reports it aborted", async () => {
    const controller = new AbortController();
    const fnCode = code({ "index.js": `exports.handler = () => new Promise(() => {});` });
    let started!: () => void;
    const startedPromise = new Promise<void>((resolve) => (started = resolve));
    const pending = invoke(spec({ functionName: "stopped" }), fnCode, "{}", { signal: controller.signal, onStarted: () => started() });
    await startedPromise;
    controller.abort();
    expect((await pending).kind).toBe("aborted");
    expect(clock.pending()).toBe(0);
  });
});

describe("what the emulator refuses", () => {
  test("a non-Node.js runtime is not supported", async () => {
    const attempt = invoke(spec({ runtime: "python3.10" }), code({ "index.py": "def handler(e, c): return 1" }));
    await expect(attempt).rejects.toBeInstanceOf(UnsupportedRuntimeError);
    await expect(attempt).rejects.toThrow("runtime 'python3.10' is not supported by the emulator: only Node.js runtimes (nodejs*) run function code");
  });

  test("code that is not a zip is a function error, not an emulator crash", async () => {
    const result = await invoke(spec({ functionName: "notzip" }), { checksum: "bad", zip: () => Buffer.from("not a zip") });
    expect(result.kind === "functionError" && [fcErrorType(result.cause), result.body.errorType]).toEqual(["UnhandledInvocationError", "CodeUnpackError"]);
  });

  test("a zip entry that escapes the code directory is refused", async () => {
    const result = await invoke(spec({ functionName: "slip" }), code({ "../evil.js": "exports.handler = () => {};", "index.js": "" }));
    expect(result.kind === "functionError" && result.body.errorMessage).toBe("the function's code zip holds an entry outside its root: '../evil.js'");
  });
});
