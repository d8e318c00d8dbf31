// PutAsyncInvokeConfig / GetAsyncInvokeConfig / DeleteAsyncInvokeConfig / ListAsyncInvokeConfigs, judged by
// @alicloud/fc20230330 unchanged: shapes, qualifiers, the merge on Put, the empty-destination refusal, exact codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../emulator";
import { startEmulator } from "../../kit/emulator";
import { $Fc3, fc3Failure, fc3For, fc3NodeFunction, putConfig, type Fc3 } from "../../kit/fc3";

const ACCOUNT = "1234567890123456";
const QUEUE = `acs:mns:cn-hangzhou:${ACCOUNT}:/queues/failed/messages`;
const AUDIT = `acs:fc:cn-hangzhou:${ACCOUNT}:functions/audit`;

let emulator: Emulator;
let sdk: Fc3;

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc3For(emulator);
  for (const fn of ["orders", "billing", "audit"]) await sdk.createFunction(fc3NodeFunction(fn));
  await sdk.publishFunctionVersion("orders", new $Fc3.PublishFunctionVersionRequest({ body: new $Fc3.PublishVersionInput({}) }));
  await sdk.createAlias("orders", new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: "prod", versionId: "1" }) }));
});
afterAll(() => emulator.close());

const get = (fn: string, qualifier?: string) => sdk.getAsyncInvokeConfig(fn, new $Fc3.GetAsyncInvokeConfigRequest(qualifier === undefined ? {} : { qualifier }));
const del = (fn: string, qualifier?: string) => sdk.deleteAsyncInvokeConfig(fn, new $Fc3.DeleteAsyncInvokeConfigRequest(qualifier === undefined ? {} : { qualifier }));

describe("FC 3.0 async invoke configs through @alicloud/fc20230330", () => {
  it("puts a config with onFailure only and answers the SDK's AsyncConfig model", async () => {
    const put = await putConfig(sdk, "orders", { maxAsyncRetryAttempts: 0, destinationConfig: new $Fc3.DestinationConfig({ onFailure: new $Fc3.Destination({ destination: QUEUE }) }) });
    expect(put.statusCode).toBe(200);
    expect(put.body?.toMap()).toEqual({
      asyncTask: false,
      createdTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      lastModifiedTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      destinationConfig: { onFailure: { destination: QUEUE } },
      functionArn: `acs:fc:cn-hangzhou:${ACCOUNT}:functions/orders`,
      maxAsyncEventAgeInSeconds: 86400,
      maxAsyncRetryAttempts: 0,
    });
    expect((await get("orders")).body?.maxAsyncRetryAttempts).toBe(0);
  });

  it("keeps one config per qualifier: LATEST, a version and an alias are distinct", async () => {
    await putConfig(sdk, "orders", { asyncTask: true, destinationConfig: new $Fc3.DestinationConfig({ onSuccess: new $Fc3.Destination({ destination: AUDIT }) }) }, "prod");
    await putConfig(sdk, "orders", { maxAsyncEventAgeInSeconds: 60 }, "1");
    expect((await get("orders", "prod")).body?.toMap()).toMatchObject({
      asyncTask: true,
      destinationConfig: { onSuccess: { destination: AUDIT } },
      functionArn: `acs:fc:cn-hangzhou:${ACCOUNT}:functions/orders/prod`,
      maxAsyncRetryAttempts: 3,
    });
    expect((await get("orders", "1")).body?.maxAsyncEventAgeInSeconds).toBe(60);
    expect((await get("orders", "LATEST")).body?.maxAsyncEventAgeInSeconds).toBe(86400);
  });

  it("merges a Put into the existing config: absent fields keep their values, destinationConfig is replaced whole", async () => {
    await putConfig(sdk, "orders", { maxAsyncEventAgeInSeconds: 3600 });
    expect((await get("orders")).body?.toMap()).toMatchObject({ maxAsyncRetryAttempts: 0, maxAsyncEventAgeInSeconds: 3600, destinationConfig: { onFailure: { destination: QUEUE } } });
    await putConfig(sdk, "orders", { destinationConfig: new $Fc3.DestinationConfig({}) });
    expect((await get("orders")).body?.toMap()).toMatchObject({ maxAsyncRetryAttempts: 0, destinationConfig: {} });
  });

  it("refuses an empty destination side with InvalidDestinationResources (the onSuccess: {} bug)", async () => {
    const empty = await fc3Failure(
      putConfig(sdk, "billing", { destinationConfig: new $Fc3.DestinationConfig({ onSuccess: new $Fc3.Destination({}), onFailure: new $Fc3.Destination({ destination: QUEUE }) }) }),
    );
    expect(empty).toMatchObject({ code: "InvalidDestinationResources", status: 400, message: "The destination resource is invalid: destination can't be empty." });
    expect(empty.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const foreign = await fc3Failure(putConfig(sdk, "billing", { destinationConfig: new $Fc3.DestinationConfig({ onFailure: new $Fc3.Destination({ destination: "acs:fc:cn-hangzhou:1:services/s/functions/f" }) }) }));
    expect(foreign).toMatchObject({ code: "InvalidDestinationResources", status: 400 });
    expect((await fc3Failure(get("billing"))).code).toBe("AsyncConfigNotExists");
  });

  it("refuses values out of range with InvalidArgument naming the field", async () => {
    expect(await fc3Failure(putConfig(sdk, "billing", { maxAsyncRetryAttempts: 9 }))).toMatchObject({
      code: "InvalidArgument",
      status: 400,
      message: "maxAsyncRetryAttempts must be an integer from 0 to 8 (default 3), got 9",
    });
    expect(await fc3Failure(putConfig(sdk, "billing", { maxAsyncEventAgeInSeconds: 86401 }))).toMatchObject({
      code: "InvalidArgument",
      message: "maxAsyncEventAgeInSeconds must be an integer from 1 to 86400 (default 86400), got 86401",
    });
  });

  it("answers the not-found codes a caller branches on", async () => {
    expect(await fc3Failure(get("billing"))).toMatchObject({ code: "AsyncConfigNotExists", status: 404, message: "AsyncConfig for billing:LATEST does not exist." });
    expect(await fc3Failure(get("nope"))).toMatchObject({ code: "FunctionNotFound", status: 404 });
    expect(await fc3Failure(get("orders", "7"))).toMatchObject({ code: "VersionNotFound", status: 404 });
    expect(await fc3Failure(get("orders", "staging"))).toMatchObject({ code: "AliasNotFound", status: 404 });
    expect(await fc3Failure(get("orders", "-bad"))).toMatchObject({ code: "InvalidArgument", status: 400 });
    expect(await fc3Failure(del("billing"))).toMatchObject({ code: "AsyncConfigNotExists", status: 404 });
  });

  it("lists configs of one function, or of the account, page by page", async () => {
    await putConfig(sdk, "audit", { maxAsyncRetryAttempts: 1 });
    const one = await sdk.listAsyncInvokeConfigs(new $Fc3.ListAsyncInvokeConfigsRequest({ functionName: "orders" }));
    expect(one.body?.configs?.map((c) => c.functionArn)).toEqual([
      `acs:fc:cn-hangzhou:${ACCOUNT}:functions/orders/1`,
      `acs:fc:cn-hangzhou:${ACCOUNT}:functions/orders`,
      `acs:fc:cn-hangzhou:${ACCOUNT}:functions/orders/prod`,
    ]);
    const first = await sdk.listAsyncInvokeConfigs(new $Fc3.ListAsyncInvokeConfigsRequest({ limit: 2 }));
    expect(first.body?.configs).toHaveLength(2);
    expect(first.body?.nextToken).toEqual(expect.any(String));
    const second = await sdk.listAsyncInvokeConfigs(new $Fc3.ListAsyncInvokeConfigsRequest({ limit: 2, nextToken: first.body?.nextToken }));
    expect(second.body?.configs?.map((c) => c.functionArn)).toEqual([`acs:fc:cn-hangzhou:${ACCOUNT}:functions/orders`, `acs:fc:cn-hangzhou:${ACCOUNT}:functions/orders/prod`]);
    expect(second.body?.nextToken).toBeUndefined();
    expect(await fc3Failure(sdk.listAsyncInvokeConfigs(new $Fc3.ListAsyncInvokeConfigsRequest({ limit: 2, nextToken: "forged.token" })))).toMatchObject({ code: "InvalidArgument", status: 400 });
    expect(await fc3Failure(sdk.listAsyncInvokeConfigs(new $Fc3.ListAsyncInvokeConfigsRequest({ functionName: "nope" })))).toMatchObject({ code: "FunctionNotFound", status: 404 });
  });

  it("deletes one qualifier's config and leaves the others", async () => {
    expect((await del("orders", "1")).statusCode).toBe(204);
    expect(await fc3Failure(get("orders", "1"))).toMatchObject({ code: "AsyncConfigNotExists", status: 404 });
    expect((await get("orders", "prod")).statusCode).toBe(200);
  });

  it("removes an alias's config with the alias, and every config with the function", async () => {
    await sdk.deleteAlias("orders", "prod");
    expect(await fc3Failure(get("orders", "prod"))).toMatchObject({ code: "AliasNotFound", status: 404 });
    await sdk.createAlias("orders", new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: "prod", versionId: "1" }) }));
    expect(await fc3Failure(get("orders", "prod"))).toMatchObject({ code: "AsyncConfigNotExists", status: 404 });
    await sdk.deleteFunction("audit");
    const all = await sdk.listAsyncInvokeConfigs(new $Fc3.ListAsyncInvokeConfigsRequest({}));
    expect(all.body?.configs?.map((c) => c.functionArn)).toEqual([`acs:fc:cn-hangzhou:${ACCOUNT}:functions/orders`]);
  });
});
