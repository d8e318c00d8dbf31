// fc3.AsyncInvokeConfig's provider methods against the emulator through the real client: check names fields and
// ranges before any call; diff is normalized; create refuses to take over; update sends the whole config and never
// an empty destination side; read hands back live inputs; delete treats gone as done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../emulator";
import { Fc3Client } from "../../../provider/fc3/client";
import { CredentialsRefusedError } from "../../../provider/fc2/provider";
import { AsyncInvokeConfigProvider, ExistingConfigError, explainingRefusedCredentials, idOf, parseId, putBody } from "../../../provider/fc3/provider";
import { AsyncInvokeConfigInputSchema } from "../../../provider/fc3/schema";
import { startEmulator } from "../../kit/emulator";
import { $Fc3, fc3Failure, fc3For, fc3NodeFunction, liveFc3Config, putConfig, type Fc3 } from "../../kit/fc3";

const ACCOUNT = "1234567890123456";
const QUEUE = `acs:mns:cn-hangzhou:${ACCOUNT}:/queues/failed/messages`;
const AUDIT = `acs:fc:cn-hangzhou:${ACCOUNT}:functions/audit`;

let emulator: Emulator;
let sdk: Fc3;
let provider: AsyncInvokeConfigProvider;
const bodies: unknown[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc3For(emulator);
  for (const fn of ["orders", "billing", "audit"]) await sdk.createFunction(fc3NodeFunction(fn));
  await sdk.publishFunctionVersion("orders", new $Fc3.PublishFunctionVersionRequest({ body: new $Fc3.PublishVersionInput({}) }));
  await sdk.createAlias("orders", new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: "prod", versionId: "1" }) }));
  const client = new Fc3Client({ endpoint: emulator.url, credentials: emulator.credentials });
  provider = new AsyncInvokeConfigProvider(() => ({
    getAsyncInvokeConfig: (ref, options) => client.getAsyncInvokeConfig(ref, options),
    deleteAsyncInvokeConfig: (ref, options) => client.deleteAsyncInvokeConfig(ref, options),
    putAsyncInvokeConfig: (ref, body, options) => {
      bodies.push(body);
      return client.putAsyncInvokeConfig(ref, body, options);
    },
  }));
});
afterAll(() => emulator.close());

async function inputsOf(news: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await provider.check({}, news);
  if (result.inputs === undefined || result.failures?.length) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
  return result.inputs;
}

async function apiCalls(action: () => Promise<unknown>): Promise<Record<string, number>> {
  await emulator.control.resetRequestCounts();
  await action();
  return emulator.control.requestCounts();
}

describe("fc3.AsyncInvokeConfig provider", () => {
  it("check names the field and the allowed values, without any API call", async () => {
    const calls = await apiCalls(async () => {
      const result = await provider.check({}, { functionName: "orders", maxAsyncRetryAttempts: 9, maxAsyncEventAgeInSeconds: 86401, qualifier: "-x", asyncTask: "yes", extra: 1 });
      expect(result.failures).toEqual([
        { property: "qualifier", reason: `must be "LATEST" (the default), a published version number such as "1", or an alias name that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters); got "-x"` },
        { property: "maxAsyncEventAgeInSeconds", reason: "must be an integer from 1 to 86400 (default 86400); got 86401" },
        { property: "maxAsyncRetryAttempts", reason: "must be an integer from 0 to 8 (default 3); got 9" },
        { property: "asyncTask", reason: 'must be true or false (default false); got "yes"' },
        { property: "extra", reason: "is not a property of fc3.AsyncInvokeConfig; allowed: functionName, qualifier, destinationConfig, maxAsyncEventAgeInSeconds, maxAsyncRetryAttempts, asyncTask, adoptExisting" },
      ]);
      const lower = await provider.check({}, { functionName: "orders", qualifier: "latest" });
      expect(lower.failures).toEqual([{ property: "qualifier", reason: 'must be "LATEST": LATEST is written in capitals (qualifiers are case-sensitive); got "latest"' }]);
      const bad = await provider.check({}, { functionName: "orders", destinationConfig: { onFailure: { destination: "acs:fc:cn-hangzhou:1:services/s/functions/f" } } });
      expect(bad.failures?.[0]?.property).toBe("destinationConfig.onFailure.destination");
      expect(bad.failures?.[0]?.reason).toContain("acs:fc:{region}:{accountId}:functions/{function}");
    });
    expect(calls).toEqual({});
  });

  it("check fills defaults, so writing a default and leaving it out diff alike", async () => {
    const filled = await provider.check({}, { functionName: "orders" });
    expect(filled.inputs).toEqual({ functionName: "orders", qualifier: "LATEST", destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3, asyncTask: false });
  });

  it("creates with onFailure alone and sends no onSuccess at all", async () => {
    bodies.length = 0;
    const inputs = await inputsOf({ functionName: "orders", qualifier: "prod", destinationConfig: { onFailure: { destination: QUEUE } } });
    const created = await provider.create(inputs);
    expect(created.id).toBe("orders:prod");
    expect(bodies).toEqual([{ asyncTask: false, destinationConfig: { onFailure: { destination: QUEUE } }, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3 }]);
    expect(created.outs).toEqual({
      schemaVersion: 1,
      functionName: "orders",
      qualifier: "prod",
      asyncTask: false,
      destinationConfig: { onFailure: { destination: QUEUE } },
      maxAsyncEventAgeInSeconds: 86400,
      maxAsyncRetryAttempts: 3,
      functionArn: `acs:fc:cn-hangzhou:${ACCOUNT}:functions/orders/prod`,
      createdTime: expect.stringMatching(/Z$/),
      lastModifiedTime: expect.stringMatching(/Z$/),
    });
  });

  it("refuses to create over an existing config unless adoptExisting", async () => {
    await putConfig(sdk, "billing", { maxAsyncRetryAttempts: 5 });
    const inputs = await inputsOf({ functionName: "billing", maxAsyncRetryAttempts: 1 });
    await expect(provider.create(inputs)).rejects.toBeInstanceOf(ExistingConfigError);
    await expect(provider.create(inputs)).rejects.toThrow('An async invoke config already exists for FC 3.0 function "billing", qualifier "LATEST"');
    expect((await liveFc3Config(sdk, "billing")).maxAsyncRetryAttempts).toBe(5);
    const adopted = await provider.create({ ...inputs, adoptExisting: true });
    expect([adopted.id, adopted.outs?.maxAsyncRetryAttempts, adopted.outs?.adoptExisting]).toEqual(["billing:LATEST", 1, true]);
  });

  it("records a config holding exactly its values as its own interrupted create, with no Put", async () => {
    const inputs = await inputsOf({ functionName: "audit", maxAsyncRetryAttempts: 2 });
    const first = await provider.create(inputs);
    // The first create's Put landed but Pulumi never recorded it (the process was killed): the next `up` creates again.
    const puts = bodies.length;
    const again = await provider.create(inputs);
    expect(again).toEqual({ id: "audit:LATEST", outs: first.outs });
    expect(bodies.length).toBe(puts);
  });

  it("diffs normalized values: defaults written out are no change; qualifier and function replace", async () => {
    const olds = (await provider.create(await inputsOf({ functionName: "orders", qualifier: "1", maxAsyncRetryAttempts: 0 }))).outs as Record<string, unknown>;
    const same = await inputsOf({ maxAsyncRetryAttempts: 0, functionName: "orders", qualifier: "1", destinationConfig: { onSuccess: null }, asyncTask: false });
    expect(await provider.diff("orders:1", olds, same)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    const moved = await inputsOf({ functionName: "orders", qualifier: "prod", maxAsyncRetryAttempts: 0 });
    expect(await provider.diff("orders:1", olds, moved)).toEqual({ changes: true, replaces: ["qualifier"], deleteBeforeReplace: false });
    const retried = await inputsOf({ functionName: "orders", qualifier: "1", maxAsyncRetryAttempts: 2 });
    expect(await provider.diff("orders:1", olds, retried)).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("updates with the whole config: a removed field goes back to its default, a removed side is cleared", async () => {
    bodies.length = 0;
    const news = await inputsOf({ functionName: "orders", qualifier: "prod", destinationConfig: { onSuccess: { destination: AUDIT } }, asyncTask: true });
    const updated = await provider.update("orders:prod", {}, news);
    expect(bodies).toEqual([{ asyncTask: true, destinationConfig: { onSuccess: { destination: AUDIT } }, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3 }]);
    expect(updated.outs?.destinationConfig).toEqual({ onSuccess: { destination: AUDIT } });
    expect(await liveFc3Config(sdk, "orders", "prod")).toEqual({ asyncTask: true, maxAsyncRetryAttempts: 3, maxAsyncEventAgeInSeconds: 86400, destinationConfig: { onSuccess: { destination: AUDIT } } });
    await provider.update("orders:prod", {}, await inputsOf({ functionName: "orders", qualifier: "prod" }));
    expect(await liveFc3Config(sdk, "orders", "prod")).toEqual({ asyncTask: false, maxAsyncRetryAttempts: 3, maxAsyncEventAgeInSeconds: 86400, destinationConfig: {} });
  });

  it("reads live values as outputs and inputs, and nothing once the config is gone", async () => {
    await putConfig(sdk, "orders", { maxAsyncRetryAttempts: 7 }, "prod");
    const read = await provider.read("orders:prod", {});
    expect(read.inputs).toEqual({ functionName: "orders", qualifier: "prod", asyncTask: false, destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 7 });
    expect(read.props?.["functionArn"]).toBe(`acs:fc:cn-hangzhou:${ACCOUNT}:functions/orders/prod`);
    await sdk.deleteAsyncInvokeConfig("orders", new $Fc3.DeleteAsyncInvokeConfigRequest({ qualifier: "prod" }));
    expect(await provider.read("orders:prod", {})).toEqual({});
  });

  it("deletes, and treats an already deleted config, alias or function as deleted", async () => {
    await provider.delete("orders:1", {});
    expect(await fc3Failure(sdk.getAsyncInvokeConfig("orders", new $Fc3.GetAsyncInvokeConfigRequest({ qualifier: "1" })))).toMatchObject({ code: "AsyncConfigNotExists" });
    await provider.delete("orders:1", {});
    await provider.delete("orders:staging", {});
    await provider.delete("gone:LATEST", {});
  });

  it("keeps the qualifier in the id; a bare function name means LATEST", () => {
    expect(idOf({ functionName: "orders", qualifier: "prod" })).toBe("orders:prod");
    expect(parseId("orders:prod")).toEqual({ functionName: "orders", qualifier: "prod" });
    expect(parseId("orders")).toEqual({ functionName: "orders", qualifier: "LATEST" });
    expect(parseId("a:b:c")).toBeUndefined();
  });

  it("never puts an empty destination side in a Put body", () => {
    const desired = AsyncInvokeConfigInputSchema.parse({ functionName: "f" });
    expect(putBody(desired)).toEqual({ asyncTask: false, destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 3 });
  });
});

describe("refused credentials", () => {
  it("a key the cloud does not know is explained: what to set and --run-program, with the cloud's code", async () => {
    const client = new Fc3Client({ endpoint: emulator.url, credentials: { accessKeyId: "LTAIunknownKey0001", accessKeySecret: "not-the-secret-0001" }, retry: { budgetMs: 0, maxAttempts: 1 } });
    const refused = new AsyncInvokeConfigProvider(() => explainingRefusedCredentials(client));
    const error = await refused.read("orders:LATEST", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsRefusedError);
    expect((error as CredentialsRefusedError).code).toBe("InvalidAccessKeyID");
    expect((error as Error).message).toContain("pulumi refresh --run-program");
  });
});
