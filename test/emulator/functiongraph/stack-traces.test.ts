// FunctionGraph through @huaweicloud/huaweicloud-sdk-functiongraph, zip code: a thrown error's stack trace names
// the user's files only, never the emulator's own runtime (child.mjs/child.mts), which all three APIs share.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Emulator } from "../../../emulator";
import { functionGraphSdk, urnOf, type HuaweiFgClient } from "../../../scripts/lib/huawei-sdk";
import { startEmulator } from "../../kit/emulator";
import { fgNodeFunction } from "../../kit/functiongraph";

const THROWS = "exports.handler = async (event, context) => {\n  helper();\n};\nfunction helper() {\n  throw new SyntaxError('cannot parse');\n}\n";

let emu: Emulator;
let sdk: HuaweiFgClient;
beforeAll(async () => {
  emu = await startEmulator();
  sdk = functionGraphSdk(emu);
  expect((await sdk.createFunction(fgNodeFunction("throws", THROWS))).httpStatusCode).toBe(200);
});
afterAll(() => emu.close());

test("a thrown error's stack trace names the user's file and none of the emulator's runtime", async () => {
  const r = await sdk.invokeFunction({ function_urn: urnOf(emu, "throws"), body: {} });
  const result = JSON.parse((r as unknown as { result: string }).result);
  expect(result).toMatchObject({ errorMessage: "cannot parse", errorType: "SyntaxError" });
  const stack = result.stackTrace as string[];
  expect(stack[0]).toBe("SyntaxError: cannot parse");
  expect(stack[1]).toMatch(/^ {4}at helper \(.*index\.js:5:9\)$/);
  expect(stack[2]).toMatch(/^ {4}at exports\.handler \(.*index\.js:2:3\)$/);
  expect(stack.filter((line) => /child\.m[tj]s|core\/runtime/.test(line))).toEqual([]);
});
