// The FunctionGraph client against the emulator, over real HTTP: configs updated, shown, listed and deleted with exact
// values; a missing config as a NotFoundError with FunctionGraph's code; a wrong secret key refused by the signature
// check and not retried; a throttled write retried (the backoff recorded, never slept) and the request counts exact.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Emulator } from "../../../emulator";
import { FunctionGraphClient, type FgClientOptions } from "../../../provider/functiongraph/client";
import { ApiError, NotFoundError } from "../../../provider/shared/errors";
import { functionGraphSdk, urnOf } from "../../../scripts/lib/huawei-sdk";
import { recordedBackoff } from "../../kit/backoff";
import { requestsMade, startEmulator } from "../../kit/emulator";
import { fgNodeFunction } from "../../kit/functiongraph";

let emulator: Emulator;
const urn = (name: string, qualifier = "latest") => urnOf(emulator, name, qualifier);

beforeAll(async () => {
  emulator = await startEmulator();
  const sdk = functionGraphSdk(emulator);
  for (const name of ["orders", "billing"]) await sdk.createFunction(fgNodeFunction(name));
});
afterAll(() => emulator?.close());
beforeEach(async () => {
  await emulator.control.clearFaults();
  for (const name of ["orders", "billing"]) await client().deleteAsyncInvokeConfig(urn(name)).catch(() => undefined);
  await emulator.control.resetRequestCounts();
});

function client(overrides: Partial<FgClientOptions> = {}, delays: number[] = []): FunctionGraphClient {
  return new FunctionGraphClient({
    endpoint: emulator.url,
    projectId: emulator.projectId,
    credentials: { accessKey: emulator.credentials.accessKeyId, secretKey: emulator.credentials.accessKeySecret },
    ...recordedBackoff(delays),
    ...overrides,
  });
}

const counts = () => requestsMade(emulator);

describe("async invoke configs", () => {
  test("update, show, list and delete with exact values", async () => {
    const fg = client();
    const topic = `urn:smn:cn-north-4:${emulator.projectId}:failed`;
    const updated = await fg.updateAsyncInvokeConfig(urn("orders"), {
      max_async_retry_attempts: 2,
      max_async_event_age_in_seconds: 600,
      enable_async_status_log: true,
      destination_config: { on_failure: { destination: "SMN", param: JSON.stringify({ topic_urn: topic }) } },
    });
    expect(updated).toMatchObject({
      functionUrn: urn("orders"),
      maxAsyncRetryAttempts: 2,
      maxAsyncEventAgeInSeconds: 600,
      enableAsyncStatusLog: true,
      destinationConfig: { onFailure: { type: "SMN", topicUrn: topic } },
    });
    expect(await fg.showAsyncInvokeConfig(urn("orders"))).toEqual(updated);
    const page = await fg.listAsyncInvokeConfigs(urn("orders"), {});
    expect(page.count).toBe(1);
    expect(page.nextMarker).toBeUndefined();
    expect(page.configs.map((c) => [c.functionUrn, c.maxAsyncRetryAttempts])).toEqual([[urn("orders"), 2]]);
    await fg.deleteAsyncInvokeConfig(urn("orders"));
    expect(await fg.listAsyncInvokeConfigs(urn("orders"), {})).toEqual({ configs: [], count: 0, nextMarker: undefined });
    expect(await counts()).toEqual({
      "functiongraph:UpdateFunctionAsyncInvokeConfig": 1,
      "functiongraph:ShowFunctionAsyncInvokeConfig": 1,
      "functiongraph:ListFunctionAsyncInvokeConfig": 2,
      "functiongraph:DeleteFunctionAsyncInvokeConfig": 1,
    });
  });

  test("an update replaces the whole config: a member it does not send is back at its default", async () => {
    const fg = client();
    await fg.updateAsyncInvokeConfig(urn("billing"), { max_async_retry_attempts: 3, max_async_event_age_in_seconds: 100 });
    const again = await fg.updateAsyncInvokeConfig(urn("billing"), { max_async_retry_attempts: 0 });
    expect([again.maxAsyncRetryAttempts, again.maxAsyncEventAgeInSeconds]).toEqual([0, 3600]);
  });
});

describe("errors", () => {
  test("a missing config is a NotFoundError with FSS.0404, status and operation, asked once", async () => {
    const error = await client()
      .showAsyncInvokeConfig(urn("orders"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "FSS.0404", status: 404, operation: "ShowFunctionAsyncInvokeConfig" });
    expect(await counts()).toEqual({ "functiongraph:ShowFunctionAsyncInvokeConfig": 1 });
  });

  test("a missing function is a NotFoundError with FSS.1051", async () => {
    await expect(client().showAsyncInvokeConfig(urn("nosuch"))).rejects.toMatchObject({ name: "NotFoundError", code: "FSS.1051", status: 404 });
  });

  test("a wrong secret key is refused by the signature check, not retried, and the key is not in the error", async () => {
    const wrong = "Wrong-secret-that-must-not-leak-0002";
    const delays: number[] = [];
    const error = await client({ credentials: { accessKey: emulator.credentials.accessKeyId, secretKey: wrong } }, delays)
      .showAsyncInvokeConfig(urn("orders"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "APIG.0301", status: 401, operation: "ShowFunctionAsyncInvokeConfig" });
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(wrong);
    expect(delays).toEqual([]);
    expect(await counts()).toEqual({ "functiongraph:ShowFunctionAsyncInvokeConfig": 1 });
  });
});

describe("retries", () => {
  test("a throttled update is retried after the Retry-After the service sent, and succeeds", async () => {
    await emulator.control.setFaults({ seed: 1, rates: { "429": 1 }, operations: ["functiongraph:UpdateFunctionAsyncInvokeConfig"], limit: 2, retryAfterSeconds: 1 });
    const delays: number[] = [];
    const updated = await client({}, delays).updateAsyncInvokeConfig(urn("orders"), { max_async_retry_attempts: 3 });
    expect(updated.maxAsyncRetryAttempts).toBe(3);
    expect(delays).toEqual([1000, 1000]);
    expect(await counts()).toEqual({ "functiongraph:UpdateFunctionAsyncInvokeConfig": 3 });
  });

  test("a connection reset on a read is retried with backoff; the config is read once it answers", async () => {
    await client().updateAsyncInvokeConfig(urn("billing"), { max_async_retry_attempts: 1 });
    await emulator.control.resetRequestCounts();
    await emulator.control.setFaults({ seed: 1, rates: { reset: 1 }, operations: ["functiongraph:ShowFunctionAsyncInvokeConfig"], limit: 1 });
    const delays: number[] = [];
    expect((await client({}, delays).showAsyncInvokeConfig(urn("billing"))).maxAsyncRetryAttempts).toBe(1);
    expect(delays).toEqual([100]);
    expect(await counts()).toEqual({ "functiongraph:ShowFunctionAsyncInvokeConfig": 2 });
  });

  test("throttling past the attempts surfaces FunctionGraph's 429", async () => {
    await emulator.control.setFaults({ seed: 1, rates: { "429": 1 }, operations: ["functiongraph:DeleteFunctionAsyncInvokeConfig"] });
    const delays: number[] = [];
    await expect(client({ retry: { maxAttempts: 3 } }, delays).deleteAsyncInvokeConfig(urn("orders"))).rejects.toMatchObject({ status: 429 });
    expect(delays).toEqual([100, 200]);
    expect(await counts()).toEqual({ "functiongraph:DeleteFunctionAsyncInvokeConfig": 3 });
  });
});
