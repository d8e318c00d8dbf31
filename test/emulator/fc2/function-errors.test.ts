// How a Node.js function's errors reach the caller through @alicloud/fc2: a thrown error's stack names the user's
// files only (never the emulator's runtime, child.mjs/child.mts), an error thrown outside the handler's call ends
// the process ("Process exited unexpectedly …"), and under nodejs4.4/nodejs6 so does a throw out of the handler.
import { beforeEach, describe, expect, test } from "vitest";
import { handlerZipBase64, useEmulator } from "../../kit/emulator";

const t = useEmulator();
type Invoked = { headers: Record<string, string>; data: any };
const invoke = (fn: string) =>
  (t.fc2 as unknown as { invokeFunction(s: string, f: string, e: string): Promise<Invoked> }).invokeFunction("svc", fn, "event");

const THROWS = "exports.handler = (event, context, callback) => {\n  helper();\n};\nfunction helper() {\n  throw new TypeError('bad input');\n}\n";
const THROWS_LATER = "exports.handler = (event, context, callback) => {\n  setTimeout(() => { throw new Error('late'); }, 1);\n};\n";
const PROCESS_EXITED = /^Process exited unexpectedly before completing request \(duration: \d+ms, maxMemoryUsage: [\d.]+MB\)$/;

beforeEach(async () => {
  await t.fc2.createService("svc");
});

describe("function errors", () => {
  test("a thrown error's stack trace names the user's file and none of the emulator's runtime", async () => {
    await t.fc2.createFunction("svc", { functionName: "throws", runtime: "nodejs20", handler: "index.handler", code: { zipFile: handlerZipBase64(THROWS) } });
    const r = await invoke("throws");
    expect(r.headers["x-fc-error-type"]).toBe("UnhandledInvocationError");
    expect(r.data).toMatchObject({ errorMessage: "bad input", errorType: "TypeError" });
    const stack = r.data.stackTrace as string[];
    expect(stack[0]).toBe("TypeError: bad input");
    expect(stack[1]).toMatch(/^ {4}at helper \(.*index\.js:5:9\)$/);
    expect(stack[2]).toMatch(/^ {4}at exports\.handler \(.*index\.js:2:3\)$/);
    expect(stack.filter((line) => /child\.m[tj]s|core\/runtime/.test(line))).toEqual([]);
  });

  test("an error thrown outside the handler's call ends the process: 'Process exited unexpectedly'", async () => {
    await t.fc2.createFunction("svc", { functionName: "later", runtime: "nodejs20", handler: "index.handler", code: { zipFile: handlerZipBase64(THROWS_LATER) } });
    const r = await invoke("later");
    expect(r.headers["x-fc-error-type"]).toBe("UnhandledInvocationError");
    expect(r.data).toEqual({ errorMessage: expect.stringMatching(PROCESS_EXITED) });
  });

  test.each(["nodejs4.4", "nodejs6"])("under %s a throw out of the handler ends the process", async (runtime) => {
    await t.fc2.createFunction("svc", { functionName: "old", runtime, handler: "index.handler", code: { zipFile: handlerZipBase64(THROWS) } });
    const r = await invoke("old");
    expect(r.headers["x-fc-error-type"]).toBe("UnhandledInvocationError");
    expect(r.data).toEqual({ errorMessage: expect.stringMatching(PROCESS_EXITED) });
  });
});
