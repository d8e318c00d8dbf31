// FC 3.0 authentication and routing: ACS3-HMAC-SHA256 exactly as @alicloud/fc20230330 signs it (and ROA when it is
// told to), the cloud's refusals with FC 3.0's error body, and the provider's own signer accepted alike.
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../emulator";
import { Fc3Client } from "../../../provider/fc3/client";
import { startEmulator } from "../../kit/emulator";
import { $Fc3, fc3Failure, fc3For, fc3NodeFunction, putConfig, type Fc3 } from "../../kit/fc3";

let emulator: Emulator;
let sdk: Fc3;

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc3For(emulator);
  await sdk.createFunction(fc3NodeFunction("orders"));
});
afterAll(() => emulator.close());

describe("FC 3.0 authentication and routing", () => {
  it("accepts the SDK's ROA signature (signatureAlgorithm v2) as well as ACS3", async () => {
    const roa = fc3For(emulator, emulator.credentials, "v2");
    expect((await putConfig(roa, "orders", { maxAsyncRetryAttempts: 2 })).body?.maxAsyncRetryAttempts).toBe(2);
  });

  it("refuses a wrong secret and an unknown key with the cloud's codes, in FC 3.0's body", async () => {
    const wrong = fc3For(emulator, { ...emulator.credentials, accessKeySecret: "not-the-secret" });
    expect(await fc3Failure(wrong.getFunction("orders", new $Fc3.GetFunctionRequest({})))).toMatchObject({ code: "SignatureNotMatch", status: 403 });
    const unknown = fc3For(emulator, { accessKeyId: "LTAINobody", accessKeySecret: "x" });
    expect(await fc3Failure(unknown.getFunction("orders", new $Fc3.GetFunctionRequest({})))).toMatchObject({ code: "InvalidAccessKeyID", status: 403 });
  });

  it("answers unsigned and unknown paths as FC 3.0 does", async () => {
    const unsigned = await request(`${emulator.url}/2023-03-30/functions/orders`);
    expect([unsigned.statusCode, await unsigned.body.json()]).toEqual([400, { Code: "MissingRequiredHeader", Message: "required HTTP header Authorization was not specified", RequestId: unsigned.headers["x-fc-request-id"] }]);
    const unknown = await request(`${emulator.url}/2023-03-30/nothing-here`);
    expect([unknown.statusCode, ((await unknown.body.json()) as { Code: string }).Code]).toEqual([400, "PathNotSupported"]);
  });

  it("verifies the provider's own ACS3 signer, query and all", async () => {
    const client = new Fc3Client({ endpoint: emulator.url, credentials: emulator.credentials });
    await client.putAsyncInvokeConfig({ functionName: "orders" }, { maxAsyncRetryAttempts: 5, destinationConfig: {} });
    expect((await client.getAsyncInvokeConfig({ functionName: "orders", qualifier: "LATEST" })).maxAsyncRetryAttempts).toBe(5);
    const page = await client.listAsyncInvokeConfigs({ functionName: "orders", limit: 1 });
    expect(page.configs.map((c) => [c.functionName, c.qualifier])).toEqual([["orders", "LATEST"]]);
  });
});
