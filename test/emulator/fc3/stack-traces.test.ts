// FC 3.0 through @alicloud/fc20230330: a thrown error's stack trace names the user's files only, never the
// emulator's own runtime (child.mjs/child.mts).
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Emulator } from "../../../emulator";
import { startEmulator } from "../../kit/emulator";
import { fc3For, fc3NodeFunction, invoke, readAll, type Fc3 } from "../../kit/fc3";

const THROWS = "exports.handler = async (event, context) => {\n  helper();\n};\nfunction helper() {\n  throw new RangeError('out of range');\n}\n";

let emulator: Emulator;
let sdk: Fc3;
beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc3For(emulator);
  await sdk.createFunction(fc3NodeFunction("throws", THROWS));
});
afterAll(() => emulator.close());

test("a thrown error's stack trace names the user's file and none of the emulator's runtime", async () => {
  const r = await invoke(sdk, "throws", "{}");
  expect(r.headers?.["x-fc-error-type"]).toBe("UnhandledInvocationError");
  const body = JSON.parse(await readAll(r.body));
  expect(body).toMatchObject({ errorMessage: "out of range", errorType: "RangeError" });
  const stack = body.stackTrace as string[];
  expect(stack[0]).toBe("RangeError: out of range");
  expect(stack[1]).toMatch(/^ {4}at helper \(.*index\.js:5:9\)$/);
  expect(stack[2]).toMatch(/^ {4}at exports\.handler \(.*index\.js:2:3\)$/);
  expect(stack.filter((line) => /child\.m[tj]s|core\/runtime/.test(line))).toEqual([]);
});
