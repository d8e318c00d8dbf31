// The FC 3.0 client against the emulator, over real HTTP: configs written, read, listed and deleted with exact values;
// a missing config as a NotFoundError with FC's code; a wrong secret refused by the signature check and not retried;
// a throttled write retried (the backoff recorded, never slept) and the request counts exact.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Emulator } from "../../../emulator";
import { Fc3Client, type Fc3ClientOptions } from "../../../provider/fc3/client";
import { ApiError, NotFoundError } from "../../../provider/shared/errors";
import { recordedBackoff } from "../../kit/backoff";
import { requestsMade, startEmulator } from "../../kit/emulator";
import { fc3For, fc3NodeFunction } from "../../kit/fc3";

const QUEUE = (account: string) => `acs:mns:cn-hangzhou:${account}:/queues/failed/messages`;

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
  const sdk = fc3For(emulator);
  for (const name of ["orders", "billing"]) await sdk.createFunction(fc3NodeFunction(name));
});
afterAll(() => emulator?.close());
beforeEach(async () => {
  await emulator.control.clearFaults();
  for (const name of ["orders", "billing"]) await client().deleteAsyncInvokeConfig({ functionName: name }).catch(() => undefined);
  await emulator.control.resetRequestCounts();
});

function client(overrides: Partial<Fc3ClientOptions> = {}, delays: number[] = []): Fc3Client {
  return new Fc3Client({
    endpoint: emulator.url,
    credentials: { accessKeyId: emulator.credentials.accessKeyId, accessKeySecret: emulator.credentials.accessKeySecret },
    ...recordedBackoff(delays),
    ...overrides,
  });
}

const counts = () => requestsMade(emulator);

describe("async invoke configs", () => {
  test("put, get, list and delete with exact values", async () => {
    const fc = client();
    const account = emulator.credentials.accountId;
    const put = await fc.putAsyncInvokeConfig(
      { functionName: "orders" },
      { maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 600, destinationConfig: { onFailure: { destination: QUEUE(account) } } },
    );
    expect(put).toMatchObject({
      functionName: "orders",
      qualifier: "LATEST",
      maxAsyncRetryAttempts: 2,
      maxAsyncEventAgeInSeconds: 600,
      destinationConfig: { onFailure: { destination: QUEUE(account) } },
      functionArn: `acs:fc:cn-hangzhou:${account}:functions/orders`,
    });
    const got = await fc.getAsyncInvokeConfig({ functionName: "orders", qualifier: "LATEST" });
    expect(got).toEqual(put);
    await fc.putAsyncInvokeConfig({ functionName: "billing" }, { maxAsyncRetryAttempts: 0 });
    const all = await fc.listAsyncInvokeConfigs({});
    expect(all.nextToken).toBeUndefined();
    expect(all.configs.map((c) => [c.functionName, c.qualifier, c.maxAsyncRetryAttempts]).sort()).toEqual([
      ["billing", "LATEST", 0],
      ["orders", "LATEST", 2],
    ]);
    const one = await fc.listAsyncInvokeConfigs({ functionName: "billing" });
    expect(one.configs.map((c) => [c.functionName, c.maxAsyncRetryAttempts])).toEqual([["billing", 0]]);
    await fc.deleteAsyncInvokeConfig({ functionName: "orders" });
    expect((await fc.listAsyncInvokeConfigs({ functionName: "orders" })).configs).toEqual([]);
    expect(await counts()).toEqual({
      "fc3:PutAsyncInvokeConfig": 2,
      "fc3:GetAsyncInvokeConfig": 1,
      "fc3:ListAsyncInvokeConfigs": 3,
      "fc3:DeleteAsyncInvokeConfig": 1,
    });
  });

  test("list pages with a limit and follows nextToken", async () => {
    const fc = client();
    await fc.putAsyncInvokeConfig({ functionName: "orders" }, { maxAsyncRetryAttempts: 1 });
    await fc.putAsyncInvokeConfig({ functionName: "billing" }, { maxAsyncRetryAttempts: 1 });
    const first = await fc.listAsyncInvokeConfigs({ limit: 1 });
    expect(first.configs).toHaveLength(1);
    expect(typeof first.nextToken).toBe("string");
    const second = await fc.listAsyncInvokeConfigs({ limit: 1, nextToken: first.nextToken });
    expect(second.configs).toHaveLength(1);
    expect(second.nextToken).toBeUndefined();
    expect([first.configs[0]?.functionName, second.configs[0]?.functionName].sort()).toEqual(["billing", "orders"]);
  });
});

describe("errors", () => {
  test("a missing config is a NotFoundError with FC's code, status and operation, asked once", async () => {
    const error = await client()
      .getAsyncInvokeConfig({ functionName: "orders" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "AsyncConfigNotExists", status: 404, operation: "GetAsyncInvokeConfig" });
    expect(await counts()).toEqual({ "fc3:GetAsyncInvokeConfig": 1 });
  });

  test("a missing function is a NotFoundError with FunctionNotFound", async () => {
    await expect(client().getAsyncInvokeConfig({ functionName: "nosuch" })).rejects.toMatchObject({ name: "NotFoundError", code: "FunctionNotFound", status: 404 });
  });

  test("a wrong secret is refused by the signature check, not retried, and the secret is not in the error", async () => {
    const wrong = "Wrong-secret-that-must-not-leak-0001";
    const delays: number[] = [];
    const error = await client({ credentials: { accessKeyId: emulator.credentials.accessKeyId, accessKeySecret: wrong } }, delays)
      .getAsyncInvokeConfig({ functionName: "orders" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "SignatureNotMatch", status: 403, operation: "GetAsyncInvokeConfig" });
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(wrong);
    expect(delays).toEqual([]);
    expect(await counts()).toEqual({ "fc3:GetAsyncInvokeConfig": 1 });
  });

  test("an unknown access key id is refused with InvalidAccessKeyID", async () => {
    const error = await client({ credentials: { accessKeyId: "LTAINoSuchKeyInThisEmulator", accessKeySecret: "x" } })
      .getAsyncInvokeConfig({ functionName: "orders" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "InvalidAccessKeyID", status: 403 });
  });

  test("a bad name is refused before any request", async () => {
    await expect(client().getAsyncInvokeConfig({ functionName: "a/b" })).rejects.toThrow(/functionName must start/);
    expect(await counts()).toEqual({});
  });
});

describe("retries", () => {
  test("a throttled put is retried after the Retry-After the service sent, and succeeds", async () => {
    await emulator.control.setFaults({ seed: 1, rates: { "429": 1 }, operations: ["fc3:PutAsyncInvokeConfig"], limit: 2, retryAfterSeconds: 1 });
    const delays: number[] = [];
    const put = await client({}, delays).putAsyncInvokeConfig({ functionName: "orders" }, { maxAsyncRetryAttempts: 4 });
    expect(put.maxAsyncRetryAttempts).toBe(4);
    expect(delays).toEqual([1000, 1000]);
    expect(await counts()).toEqual({ "fc3:PutAsyncInvokeConfig": 3 });
  });

  test("a 503 on a read is retried with backoff; the config is read once it answers", async () => {
    await client().putAsyncInvokeConfig({ functionName: "billing" }, { maxAsyncRetryAttempts: 5 });
    await emulator.control.resetRequestCounts();
    await emulator.control.setFaults({ seed: 1, rates: { "503": 1 }, operations: ["fc3:GetAsyncInvokeConfig"], limit: 1 });
    const delays: number[] = [];
    expect((await client({}, delays).getAsyncInvokeConfig({ functionName: "billing" })).maxAsyncRetryAttempts).toBe(5);
    expect(delays).toEqual([100]);
    expect(await counts()).toEqual({ "fc3:GetAsyncInvokeConfig": 2 });
  });

  test("throttling past the attempts surfaces the service's 429", async () => {
    await emulator.control.setFaults({ seed: 1, rates: { "429": 1 }, operations: ["fc3:DeleteAsyncInvokeConfig"] });
    const delays: number[] = [];
    await expect(client({ retry: { maxAttempts: 3 } }, delays).deleteAsyncInvokeConfig({ functionName: "orders" })).rejects.toMatchObject({ status: 429 });
    expect(delays).toEqual([100, 200]);
    expect(await counts()).toEqual({ "fc3:DeleteAsyncInvokeConfig": 3 });
  });
});
