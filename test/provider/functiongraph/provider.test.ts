// The provider's check/diff (no API), its calls against the emulator (create records its own interrupted create and
// refuses any other takeover, read gives live inputs, delete of a gone config succeeds), the client's error shape,
// and credential resolution.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../emulator";
import { FunctionGraphClient } from "../../../provider/functiongraph/client";
import { ConfigurationError, resolveConnection } from "../../../provider/functiongraph/credentials";
import { listAsyncInvokeConfigs } from "../../../provider/functiongraph/functions";
import { AsyncInvokeConfigProvider, updateBody, UNKNOWN } from "../../../provider/functiongraph/provider";
import { fromWireDestination, parseInputs, toWireDestination } from "../../../provider/functiongraph/schema";
import { functionGraphSdk, urnOf } from "../../../scripts/lib/huawei-sdk";
import { functionZip } from "../../kit/function-zip";
import { startEmulator } from "../../kit/emulator";

const P = "0123456789abcdef0123456789abcdef";
const URN = `urn:fss:cn-north-4:${P}:function:default:orders:!prod`;
const offline = new AsyncInvokeConfigProvider(() => {
  throw new Error("check and diff must not call the API");
});

describe("check", () => {
  it("fills defaults and normalizes the URN", async () => {
    const { inputs, failures } = await offline.check({}, { functionUrn: `urn:fss:cn-north-4:${P}:function:default:orders` });
    expect(failures).toBeUndefined();
    expect(inputs).toEqual({
      functionUrn: `urn:fss:cn-north-4:${P}:function:default:orders:latest`,
      maxAsyncRetryAttempts: 1,
      maxAsyncEventAgeInSeconds: 3600,
      enableAsyncStatusLog: false,
      destinationConfig: {},
    });
  });

  it.each([
    [{ functionUrn: URN, maxAsyncRetryAttempts: 4 }, [{ property: "maxAsyncRetryAttempts", reason: "maxAsyncRetryAttempts must be an integer from 0 to 3 (default 1); got 4" }]],
    [{ functionUrn: URN, maxAsyncEventAgeInSeconds: 0 }, [{ property: "maxAsyncEventAgeInSeconds", reason: "maxAsyncEventAgeInSeconds must be an integer from 1 to 86400 (default 3600); got 0" }]],
    [{ functionName: "orders", functionUrn: URN }, [{ property: "functionName", reason: "give either functionUrn or functionName (+ qualifier, package), not both" }]],
    [{ functionName: "orders", qualifier: "!9" }, [{ property: "qualifier", reason: "qualifier alias \"9\" must start with a letter, contain only letters, digits, '_' and '-', end with a letter or digit, and be at most 63 characters" }]],
    [{ functionUrn: "orders" }, [{ property: "functionUrn", reason: "functionUrn must be a full URN, urn:fss:{region}:{projectId}:function:{package}:{name}[:{version}|:!{alias}]; for a short name use functionName (+ package, qualifier)" }]],
    [
      { functionUrn: URN, destinationConfig: { onFailure: { type: "OBS", bucket: "b", expires: 400 } } },
      [
        { property: "destinationConfig.onFailure.bucket", reason: "bucket must be an OBS bucket name: 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit" },
        { property: "destinationConfig.onFailure.expires", reason: "expires must be a whole number of days from 0 to 365 (0 = never)" },
      ],
    ],
    [{ functionUrn: URN, destinationConfig: { onSuccess: { type: "Kafka", topic: "x" } } }, [{ property: "destinationConfig.onSuccess.type", reason: "type must be one of OBS, SMN, DIS, FunctionGraph" }]],
    [{ functionUrn: URN, retries: 1 }, [{ property: "retries", reason: expect.stringContaining("is not a property of functiongraph.AsyncInvokeConfig; allowed: functionUrn, functionName") }]],
  ])("refuses %j naming the field", async (news, failures) => {
    expect((await offline.check({}, news)).failures).toEqual(failures);
  });

  it("keeps unknowns during preview and still checks the rest", async () => {
    const { inputs, failures } = await offline.check({}, { functionUrn: UNKNOWN, maxAsyncRetryAttempts: 2 });
    expect(failures).toBeUndefined();
    expect(inputs).toMatchObject({ functionUrn: UNKNOWN, maxAsyncRetryAttempts: 2 });
  });
});

describe("destinations ↔ wire", () => {
  it("round-trips each type; a reordered param is the same destination", () => {
    const d = { type: "OBS" as const, bucket: "orders-failed", prefix: "x/", expires: 3 };
    expect(toWireDestination(d)).toEqual({ destination: "OBS", param: '{"bucket":"orders-failed","prefix":"x/","expires":3}' });
    expect(fromWireDestination({ destination: "OBS", param: '{"expires":3,"prefix":"x/","bucket":"orders-failed"}' })).toEqual(d);
    expect(fromWireDestination({ destination: "SMN", param: '{"topic_urn":"t"}' })).toEqual({ type: "SMN", topicUrn: "t" });
    expect(fromWireDestination({ destination: "DIS", param: '{"stream_name":"s"}' })).toEqual({ type: "DIS", streamName: "s" });
    expect(fromWireDestination({ destination: "FunctionGraph", param: '{"func_urn":"u"}' })).toEqual({ type: "FunctionGraph", functionUrn: "u" });
  });

  it("always sends 0 retries and a removed side as null", () => {
    const parsed = parseInputs({ functionName: "orders", maxAsyncRetryAttempts: 0 });
    expect(parsed.success && updateBody(parsed.data)).toEqual({
      max_async_event_age_in_seconds: 3600,
      max_async_retry_attempts: 0,
      enable_async_status_log: false,
      destination_config: { on_success: null, on_failure: null },
    });
  });
});

describe("diff", () => {
  const olds = {
    schemaVersion: 1,
    addressedBy: "functionUrn",
    functionUrn: URN,
    package: "default",
    functionName: "orders",
    qualifier: "!prod",
    maxAsyncRetryAttempts: 1,
    maxAsyncEventAgeInSeconds: 3600,
    enableAsyncStatusLog: false,
    destinationConfig: { onSuccess: { type: "SMN", topicUrn: `urn:smn:cn-north-4:${P}:t` } },
    createdTime: "2026-12-01T15:00:00Z",
    lastModifiedTime: "2026-12-01T15:00:00Z",
  };
  it("sees no change when only the form or key order differs", async () => {
    expect((await offline.diff("id", olds, { functionName: "orders", qualifier: "!prod", destinationConfig: { onSuccess: { topicUrn: `urn:smn:cn-north-4:${P}:t`, type: "SMN" } } })).changes).toBe(false);
  });
  it("replaces on a URN change and updates on a setting", async () => {
    expect(await offline.diff("id", olds, { functionUrn: URN.replace("!prod", "!staging") })).toEqual({ changes: true, replaces: ["functionUrn"], deleteBeforeReplace: false });
    expect(await offline.diff("id", olds, { functionName: "orders", qualifier: "1", destinationConfig: olds.destinationConfig })).toEqual({ changes: true, replaces: ["qualifier"], deleteBeforeReplace: false });
    expect(await offline.diff("id", olds, { functionUrn: URN, maxAsyncRetryAttempts: 0, destinationConfig: olds.destinationConfig })).toEqual({ replaces: [], deleteBeforeReplace: false });
  });
});

describe("credentials", () => {
  it("reads stack config, then HW_*, then HUAWEICLOUD_SDK_*; keys as a set", () => {
    const env = { HW_REGION_NAME: "cn-north-4", HW_PROJECT_ID: P, HUAWEICLOUD_SDK_AK: "SDKAK", HUAWEICLOUD_SDK_SK: "SDKSK" };
    expect(resolveConnection({ env })).toMatchObject({ endpoint: "https://functiongraph.cn-north-4.myhuaweicloud.com", projectId: P, credentialSource: "environment (HUAWEICLOUD_SDK_*)", credentials: { accessKey: "SDKAK", secretKey: "SDKSK" } });
    const config = { get: (k: string) => ({ "huaweicloud:access_key": "CFGAK", "huaweicloud:secret_key": "CFGSK", "huaweicloud:security_token": "TOKEN", "pulumi-async-invoke:functiongraphEndpoint": "http://127.0.0.1:1" })[k] };
    expect(resolveConnection({ config, env: { ...env, HW_ACCESS_KEY: "HWAK", HW_SECRET_KEY: "HWSK" } })).toMatchObject({
      endpoint: "http://127.0.0.1:1",
      credentialSource: "stack config",
      credentials: { accessKey: "CFGAK", secretKey: "CFGSK", securityToken: "TOKEN" },
    });
  });
  it("names the settings, never a value", () => {
    expect(() => resolveConnection({ env: { HW_REGION_NAME: "cn-north-4", HW_PROJECT_ID: P, HW_ACCESS_KEY: "SECRETISH-AK" } })).toThrow(
      new ConfigurationError("HW_ACCESS_KEY is set but HW_SECRET_KEY is not; set both (in the stack config, the secret with --secret)"),
    );
    expect(() => resolveConnection({ env: { HW_REGION_NAME: "cn-north-4" } })).toThrow(/^no project id: set huaweicloud:project_id, HW_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID/);
  });
});

describe("against the emulator", () => {
  let emu: Emulator;
  let client: FunctionGraphClient;
  let provider: AsyncInvokeConfigProvider;
  beforeAll(async () => {
    emu = await startEmulator();
    const sdk = functionGraphSdk(emu);
    const zip = Buffer.from(functionZip({ "index.js": "exports.handler = async () => 1;" })).toString("base64");
    await sdk.createFunction({ body: { func_name: "orders", runtime: "Node.js18.15", handler: "index.handler", timeout: 30, memory_size: 128, code_type: "zip", func_code: { file: zip } } });
    for (const v of ["1", "2", "3"]) await sdk.createFunctionVersion({ function_urn: urnOf(emu, "orders"), body: { version: v } });
    client = new FunctionGraphClient({ endpoint: emu.url, projectId: emu.projectId, credentials: { accessKey: emu.credentials.accessKeyId, secretKey: emu.credentials.accessKeySecret } });
    provider = new AsyncInvokeConfigProvider(() => Object.assign(client, { region: "cn-north-4" }));
  });
  afterAll(async () => {
    await emu.close();
  });

  it("creates by name, refuses takeover, reads live inputs, deletes twice", async () => {
    const { inputs } = await provider.check({}, { functionName: "orders", qualifier: "1", maxAsyncRetryAttempts: 0 });
    const created = await provider.create(inputs ?? {});
    const outs = created.outs as unknown as Record<string, unknown>;
    expect(created.id).toBe(urnOf(emu, "orders", "1"));
    expect(created.outs).toMatchObject({ addressedBy: "functionName", qualifier: "1", maxAsyncRetryAttempts: 0 });
    // Exactly the values again: our own create, killed before Pulumi recorded it. Recorded as it is, with no write.
    const again = await provider.create(inputs ?? {});
    expect(again).toEqual({ id: created.id, outs: created.outs });
    // Any other value is someone else's config: refused.
    const other = await provider.check({}, { functionName: "orders", qualifier: "1", maxAsyncRetryAttempts: 3 });
    await expect(provider.create(other.inputs ?? {})).rejects.toThrow(`An async invoke config already exists for ${urnOf(emu, "orders", "1")}`);
    await client.updateAsyncInvokeConfig(urnOf(emu, "orders", "1"), { max_async_retry_attempts: 2 });
    const read = await provider.read(created.id, outs);
    expect(read.inputs).toEqual({ functionName: "orders", qualifier: "1", package: "default", maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 3600, enableAsyncStatusLog: false, destinationConfig: {} });
    await provider.delete(created.id, outs);
    await provider.delete(created.id, outs);
    expect(await provider.read(created.id, outs)).toEqual({});
  });

  it("lists every version's config following marker to the end", async () => {
    for (const q of ["latest", "1", "2", "3"]) await client.updateAsyncInvokeConfig(urnOf(emu, "orders", q), { max_async_retry_attempts: 0 });
    const result = await listAsyncInvokeConfigs({ functionUrn: urnOf(emu, "orders"), pageSize: 3 }, { client });
    expect(result.configs.map((c) => c.functionUrn)).toEqual(["latest", "1", "2", "3"].map((q) => urnOf(emu, "orders", q)));
    const counts = await emu.control.requestCounts();
    expect(counts["functiongraph:ListFunctionAsyncInvokeConfig"]).toBe(2);
  });

  it("reports FunctionGraph's error code and request id, never the secret", async () => {
    const bad = new FunctionGraphClient({ endpoint: emu.url, projectId: emu.projectId, credentials: { accessKey: emu.credentials.accessKeyId, secretKey: "wrong-secret-value" } });
    const error = (await bad.showAsyncInvokeConfig(urnOf(emu, "orders")).catch((e: unknown) => e)) as Error & { code: string; status: number };
    expect(error).toMatchObject({ code: "APIG.0301", status: 401 });
    expect(error.message).toMatch(/^ShowFunctionAsyncInvokeConfig \(HTTP 401\) failed: APIG\.0301: Incorrect IAM authentication information: verify aksk signature fail \[request id [0-9a-f-]{36}\]$/);
    expect(error.message).not.toContain("wrong-secret-value");
  });
});
