// The plugin's gRPC server, spoken to over gRPC as the engine does: CheckConfig refuses credentials given as plain
// text and unknown keys; Configure hands its arguments (secrets unwrapped) to the resources, so two provider
// instances write to two accounts; the resource methods are the dynamic resources' (check failures, import by id,
// gone on read); invokes check their arguments before any call.
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../../emulator";
import { PluginProvider } from "../../../provider/plugin/provider";
import { serve } from "../../../provider/plugin/server";
import { secretValue } from "../../../provider/plugin/values";
import { fc2For, nodeFunction, SECOND_ACCOUNT, startEmulator } from "../../kit/emulator";

const URN = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const FC2 = "asyncinvoke:fc:FunctionAsyncInvokeConfig";

type Client = InstanceType<typeof provrpc.ResourceProviderClient>;

let emulator: Emulator;
const servers: grpc.Server[] = [];

async function plugin(): Promise<Client> {
  const { server, port } = await serve(new PluginProvider(), { version: "0.1.0", schema: '{"name":"asyncinvoke"}' });
  servers.push(server);
  return new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}

function call<Req, Res>(client: Client, method: string, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    (client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, v: Res) => void) => void>)[method]!.call(client, request, (error, value) =>
      error ? reject(error) : resolve(value),
    );
  });
}

const struct = (value: Record<string, unknown>) => structproto.Struct.fromJavaScript(value as Record<string, structproto.JavaScriptValue>);

async function checkConfig(client: Client, news: Record<string, unknown>) {
  const request = new provproto.CheckRequest().setUrn(URN("pulumi:providers:asyncinvoke", "p")).setNews(struct(news)).setOlds(struct({}));
  const response = await call<provproto.CheckRequest, provproto.CheckResponse>(client, "checkConfig", request);
  return { inputs: response.getInputs()?.toJavaScript(), failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
}

async function configure(client: Client, args: Record<string, unknown>) {
  return call<provproto.ConfigureRequest, provproto.ConfigureResponse>(client, "configure", new provproto.ConfigureRequest().setArgs(struct(args)).setAcceptsecrets(true));
}

const forAccount = (account: { accountId: string; accessKeyId: string; accessKeySecret: string }) => ({
  fcEndpoint: emulator.url,
  accountId: account.accountId,
  accessKey: secretValue(account.accessKeyId),
  secretKey: secretValue(account.accessKeySecret),
});

async function create(client: Client, name: string, inputs: Record<string, unknown>) {
  const checked = await call<provproto.CheckRequest, provproto.CheckResponse>(
    client,
    "check",
    new provproto.CheckRequest().setUrn(URN(FC2, name)).setOlds(struct({})).setNews(struct(inputs)),
  );
  expect(checked.getFailuresList()).toEqual([]);
  const created = await call<provproto.CreateRequest, provproto.CreateResponse>(client, "create", new provproto.CreateRequest().setUrn(URN(FC2, name)).setProperties(checked.getInputs()));
  return { id: created.getId(), outs: created.getProperties()?.toJavaScript() };
}

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [{ accountId: "1234567890123456", accessKeyId: "LTAIFirstAccountKey", accessKeySecret: "FirstAccountSecretForTests" }, SECOND_ACCOUNT] });
});
beforeEach(async () => {
  await emulator.control.reset();
  for (const account of emulator.accounts) {
    const sdk = fc2For(emulator, account, account.accountId);
    await sdk.createService("shop");
    await sdk.createFunction("shop", nodeFunction("orders"));
  }
});
afterAll(async () => {
  for (const server of servers) server.forceShutdown();
  await emulator?.close();
});

describe("CheckConfig", () => {
  it("accepts credentials given as secrets and hands the inputs back with their secrets still marked", async () => {
    const client = await plugin();
    const news = forAccount(emulator.accounts[0]!);
    expect(await checkConfig(client, news)).toEqual({ inputs: news, failures: [] });
  });

  it("refuses keys it does not know and values that are not strings", async () => {
    const client = await plugin();
    const result = await checkConfig(client, { acessKey: "x", accountId: 12, region: true, huaweicloudProjectId: null, retryBudgetSeconds: 1.5, version: "0.1.0" });
    expect(result.failures).toEqual([
      // An integer id (a YAML program may type it so) is taken as its digits.
      { property: "acessKey", reason: expect.stringMatching(/^asyncinvoke:acessKey is not a setting of this provider; the settings are accessKey, secretKey, /) },
      { property: "region", reason: "asyncinvoke:region must be a string" },
      { property: "retryBudgetSeconds", reason: "asyncinvoke:retryBudgetSeconds must be a string (quote it: this number is not an exact integer)" },
    ]);
  });
});

describe("Configure", () => {
  // The engine strips secret marks from what it sends CheckConfig and keeps them in Configure's arguments, so a
  // plain-text credential is refused here: before the provider resource is recorded and before any API call.
  it("refuses each credential given as plain text, naming the key and the command, never the value", async () => {
    const client = await plugin();
    const error = (await configure(client, { accessKey: "LTAIPlainKey", secretKey: "PlainSecretValue", huaweicloudSecretKey: secretValue("HwSecret"), region: "cn-hangzhou" }).catch(
      (e: grpc.ServiceError) => e,
    )) as grpc.ServiceError;
    expect(error.details.split("\n").map((line) => line.split(" ")[0])).toEqual(["asyncinvoke:accessKey", "asyncinvoke:secretKey"]);
    expect(error.details).toContain("pulumi config set --secret asyncinvoke:secretKey <value>");
    expect(error.details).not.toMatch(/LTAIPlainKey|PlainSecretValue|HwSecret/);
  });

  it("accepts plain-text credentials in CheckConfig, where the engine sends every value without its mark", async () => {
    const client = await plugin();
    expect((await checkConfig(client, { accessKey: "LTAIPlainKey", secretKey: "PlainSecretValue" })).failures).toEqual([]);
  });
});

describe("Configure and the resource methods", () => {
  it("passes its arguments on: two instances write to two accounts", async () => {
    const [first, second] = [await plugin(), await plugin()];
    expect((await configure(first, forAccount(emulator.accounts[0]!))).getAcceptsecrets()).toBe(true);
    await configure(second, forAccount(emulator.accounts[1]!));
    const a = await create(first, "a", { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 1 });
    const b = await create(second, "b", { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 2 });
    expect([a.id, b.id]).toEqual(["shop:orders:LATEST", "shop:orders:LATEST"]);
    const live = await Promise.all(emulator.accounts.map((account) => fc2For(emulator, account, account.accountId).getFunctionAsyncConfig("shop", "orders")));
    expect(live.map((r) => r.data["maxAsyncRetryAttempts"])).toEqual([1, 2]);
    expect(a.outs).toMatchObject({ schemaVersion: 1, serviceName: "shop", functionName: "orders", qualifier: "LATEST", maxAsyncRetryAttempts: 1 });
  });

  it("reads a config by its import id alone, inputs included, and answers no id once it is gone", async () => {
    const client = await plugin();
    await configure(client, forAccount(emulator.accounts[0]!));
    await create(client, "a", { serviceName: "shop", functionName: "orders", maxAsyncEventAgeInSeconds: 600 });
    const read = () => call<provproto.ReadRequest, provproto.ReadResponse>(client, "read", new provproto.ReadRequest().setId("shop:orders:LATEST").setUrn(URN(FC2, "a")).setProperties(struct({})));
    const found = await read();
    expect(found.getId()).toBe("shop:orders:LATEST");
    expect(found.getInputs()?.toJavaScript()).toEqual({
      serviceName: "shop",
      functionName: "orders",
      qualifier: "LATEST",
      destinationConfig: {},
      maxAsyncEventAgeInSeconds: 600,
      maxAsyncRetryAttempts: 3,
      statefulInvocation: false,
    });
    await call(client, "delete", new provproto.DeleteRequest().setId("shop:orders:LATEST").setUrn(URN(FC2, "a")).setProperties(found.getProperties()));
    expect((await read()).getId()).toBe("");
  });

  it("answers a create and an update asked for during preview with the planned values, calling nothing", async () => {
    const client = await plugin();
    await configure(client, forAccount(emulator.accounts[0]!));
    await emulator.control.resetRequestCounts();
    const inputs = struct({ serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 1 });
    const created = await call<provproto.CreateRequest, provproto.CreateResponse>(client, "create", new provproto.CreateRequest().setUrn(URN(FC2, "a")).setProperties(inputs).setPreview(true));
    expect([created.getId(), created.getProperties()?.toJavaScript()]).toEqual(["", { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 1 }]);
    const updated = await call<provproto.UpdateRequest, provproto.UpdateResponse>(
      client,
      "update",
      new provproto.UpdateRequest().setUrn(URN(FC2, "a")).setId("shop:orders:LATEST").setOlds(struct({ maxAsyncRetryAttempts: 1, createdTime: "t" })).setNews(struct({ maxAsyncRetryAttempts: 4 })).setPreview(true),
    );
    expect(updated.getProperties()?.toJavaScript()).toEqual({ maxAsyncRetryAttempts: 4, createdTime: "t" });
    expect(Object.values(await emulator.control.requestCounts()).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it("reports the dynamic resource's check failures by property", async () => {
    const client = await plugin();
    const response = await call<provproto.CheckRequest, provproto.CheckResponse>(
      client,
      "check",
      new provproto.CheckRequest().setUrn(URN(FC2, "bad")).setOlds(struct({})).setNews(struct({ serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 9 })),
    );
    expect(response.getFailuresList().map((f) => f.getProperty())).toEqual(["maxAsyncRetryAttempts"]);
    expect(response.getFailuresList()[0]!.getReason()).toMatch(/0.*8/);
  });

  it("refuses a token it does not implement, naming the ones it has", async () => {
    const client = await plugin();
    const error = await call(client, "check", new provproto.CheckRequest().setUrn(URN("asyncinvoke:fc:Nope", "x")).setOlds(struct({})).setNews(struct({}))).catch((e: Error) => e);
    expect(String((error as Error).message)).toContain("asyncinvoke has no resource asyncinvoke:fc:Nope; it has asyncinvoke:fc:FunctionAsyncInvokeConfig, asyncinvoke:fc3:AsyncInvokeConfig");
  });
});

describe("Invoke", () => {
  it("reads with the instance's connection", async () => {
    const client = await plugin();
    await configure(client, forAccount(emulator.accounts[1]!));
    await create(client, "b", { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 5 });
    const response = await call<provproto.InvokeRequest, provproto.InvokeResponse>(
      client,
      "invoke",
      new provproto.InvokeRequest().setTok("asyncinvoke:fc:getFunctionAsyncInvokeConfig").setArgs(struct({ serviceName: "shop", functionName: "orders" })),
    );
    expect(response.getFailuresList()).toEqual([]);
    expect(response.getReturn()?.toJavaScript()).toMatchObject({ serviceName: "shop", functionName: "orders", qualifier: "LATEST", maxAsyncRetryAttempts: 5 });
  });

  it("refuses missing, unknown and mistyped arguments before any call", async () => {
    const client = await plugin();
    await configure(client, forAccount(emulator.accounts[0]!));
    await emulator.control.resetRequestCounts();
    const response = await call<provproto.InvokeRequest, provproto.InvokeResponse>(
      client,
      "invoke",
      new provproto.InvokeRequest().setTok("asyncinvoke:fc3:getAsyncTask").setArgs(struct({ functionName: 3, task: "t" })),
    );
    expect(response.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual([
      ["taskId", "asyncinvoke:fc3:getAsyncTask needs taskId (string)"],
      ["functionName", "asyncinvoke:fc3:getAsyncTask's functionName must be a string"],
      ["task", "asyncinvoke:fc3:getAsyncTask takes no task; its arguments are functionName, qualifier, taskId"],
    ]);
    expect(Object.values(await emulator.control.requestCounts()).reduce((a, b) => a + b, 0)).toBe(0);
  });
});
