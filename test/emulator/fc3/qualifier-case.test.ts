// FC 3.0 through @alicloud/fc20230330: qualifiers are case-sensitive, as in FC 2.0 (contracts/alicloud/qualifiers.ts):
// `latest` is refused by name, and no alias may be named LATEST in any case.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Emulator } from "../../../emulator";
import { startEmulator } from "../../kit/emulator";
import { $Fc3, fc3Failure, fc3For, fc3NodeFunction, putConfig, type Fc3 } from "../../kit/fc3";

describe("FC 3.0", () => {
  let emulator: Emulator;
  let sdk: Fc3;
  beforeAll(async () => {
    emulator = await startEmulator();
    sdk = fc3For(emulator);
    await sdk.createFunction(fc3NodeFunction("fn"));
  });
  afterAll(() => emulator.close());

  test("qualifier latest is InvalidArgument", async () => {
    expect(await fc3Failure(putConfig(sdk, "fn", { maxAsyncRetryAttempts: 1 }, "latest"))).toMatchObject({
      code: "InvalidArgument", status: 400, message: 'qualifier must be LATEST: LATEST is written in capitals (qualifiers are case-sensitive), got "latest"',
    });
  });

  test("no alias may be named LATEST in any case", async () => {
    await sdk.publishFunctionVersion("fn", new $Fc3.PublishFunctionVersionRequest({ body: new $Fc3.PublishVersionInput({}) }));
    const created = sdk.createAlias("fn", new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: "Latest", versionId: "1" }) }));
    expect(await fc3Failure(created)).toMatchObject({ code: "InvalidArgument", status: 400, message: 'aliasName must not be LATEST in any case: it names the unpublished code, got "Latest"' });
  });
});
