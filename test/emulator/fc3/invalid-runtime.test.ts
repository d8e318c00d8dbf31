// FC 3.0 through @alicloud/fc20230330: an unknown runtime is refused in FC's own words, as FC 2.0 answers it
// ("Runtime is set to an invalid value", what the official Node.js SDK suite matches on).
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Emulator } from "../../../emulator";
import { startEmulator } from "../../kit/emulator";
import { $Fc3, fc3Failure, fc3For, fc3NodeFunction, type Fc3 } from "../../kit/fc3";

let emulator: Emulator;
let sdk: Fc3;
beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc3For(emulator);
});
afterAll(() => emulator.close());

test("CreateFunction and UpdateFunction with an unknown runtime: 'Runtime is set to an invalid value'", async () => {
  const create = fc3NodeFunction("fn");
  create.body!.runtime = "cobol";
  const failure = await fc3Failure(sdk.createFunction(create));
  expect(failure).toMatchObject({ code: "InvalidArgument", status: 400 });
  expect(failure.message).toMatch(/^Runtime is set to an invalid value: "cobol"; it must be one of nodejs4\.4, nodejs6, /);
  await sdk.createFunction(fc3NodeFunction("fn"));
  const update = sdk.updateFunction("fn", new $Fc3.UpdateFunctionRequest({ body: new $Fc3.UpdateFunctionInput({ runtime: "cobol" }) }));
  expect((await fc3Failure(update)).message).toMatch(/^Runtime is set to an invalid value: "cobol"/);
});
