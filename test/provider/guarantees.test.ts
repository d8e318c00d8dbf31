// The guarantees every API gives, enforced once in the shared core and proven here per API from ONE table (not three
// copies): plain-text credentials refused by every resource, the policy and the batch before anything registers;
// bad input named with its field and range before any call (the emulator counts zero requests); throttling and
// connection resets ridden out by the client; a create whose result differs from the request recorded (a partial
// failure with the id), not orphaned; a rotated key: the old one refused once revoked, the new one managing the config. Each row is one registry entry (`provider/apis.ts`) and what it takes to
// address one function on that API in the emulator.
import * as pulumi from "@pulumi/pulumi";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { start, type Account, type Emulator } from "../../emulator";
import { APIS } from "../../provider/apis";
import { FunctionAsyncInvokeConfig } from "../../provider/fc2/resource";
import { AsyncInvokeConfig as Fc3AsyncInvokeConfig } from "../../provider/fc3/resource";
import { AsyncInvokeConfig as FgAsyncInvokeConfig } from "../../provider/functiongraph/resource";
import { AsyncInvokePolicy, type AsyncInvokePolicyTarget } from "../../provider/policy/async-invoke-policy";
import { AsyncInvokePolicyBatch } from "../../provider/policy/async-invoke-policy-batch";
import type { ConfigSource } from "../../provider/shared/config";
import { ConfigNotAppliedError } from "../../provider/shared/dynamic/errors";
import { PlaintextCredentialError } from "../../provider/shared/secret-config";
import * as fc2Provider from "../../provider/fc2/provider";
import * as fc3Provider from "../../provider/fc3/provider";
import * as fgProvider from "../../provider/functiongraph/provider";
import type { ProviderMethods } from "../../provider/shared/dynamic/methods";
import { createBatchProvider } from "../../provider/policy/batch-provider";
import { functionGraphSdk, urnOf } from "../../scripts/lib/huawei-sdk";
import { fc2For, nodeFunction, startEmulator } from "../kit/emulator";
import { fc3For, fc3NodeFunction } from "../kit/fc3";
import { fgNodeFunction } from "../kit/functiongraph";

const SECRET = "Secret-that-must-never-be-registered-0001";

interface Row {
  readonly api: string;
  /** The stack config key of the API's secret. */
  readonly secretKey: string;
  /** The emulator's operation names this API's calls are counted under start with this. */
  readonly operations: RegExp;
  /** Creates the function `name` in the emulator. */
  readonly createFunction: (emulator: Emulator, name: string) => Promise<void>;
  /** The stack config that points the API at the emulator. */
  readonly config: (emulator: Emulator) => Record<string, string>;
  /** Inputs of the config resource for function `name`, with `retries` retries. */
  readonly inputs: (name: string, retries: number) => Record<string, unknown>;
  /** A policy target for function `name`. */
  readonly target: (name: string) => AsyncInvokePolicyTarget;
  /** Registers the API's config resource in a program. */
  readonly resource: (name: string) => pulumi.CustomResource;
  /** A retry count out of the API's range, and the failure its `check` reports for it. */
  readonly badRetries: { readonly value: number; readonly reason: string };
  /** The operation of a write. */
  readonly putOperation: string;
  /** The API's provider over a client whose write answers `maxAsyncRetryAttempts: 0` whatever was sent. */
  readonly ignoringRetries: (config: ConfigSource) => ProviderMethods;
  /** The code the API refuses an access key it does not know with. */
  readonly revokedKeyCode: string;
  /** The resource id of function `name`'s LATEST config. */
  readonly idOf: (emulator: Emulator, name: string) => string;
}

const alicloud = (emulator: Emulator) => ({
  "alicloud:accessKey": emulator.credentials.accessKeyId,
  "alicloud:secretKey": emulator.credentials.accessKeySecret,
  "alicloud:region": emulator.region,
  "alicloud:accountId": emulator.credentials.accountId,
  "pulumi-async-invoke:fcEndpoint": emulator.url,
});

const ROWS: Record<string, Row> = {
  fc2: {
    api: "fc2",
    secretKey: "alicloud:secretKey",
    operations: /^(?!fc3:|functiongraph:)/,
    createFunction: async (emulator, name) => {
      await fc2For(emulator).createFunction("shop", nodeFunction(name));
    },
    config: alicloud,
    inputs: (name, retries) => ({ serviceName: "shop", functionName: name, maxAsyncRetryAttempts: retries }),
    target: (name) => ({ serviceName: "shop", functionName: name }),
    resource: (name) => new FunctionAsyncInvokeConfig(name, { serviceName: "shop", functionName: name }),
    badRetries: { value: 9, reason: "must be an integer from 0 to 8 (default 3); got 9" },
    putOperation: "PutFunctionAsyncInvokeConfig",
    ignoringRetries: (config) => {
      const client = fc2Provider.lazyClient(config, { env: {} });
      return new fc2Provider.FunctionAsyncInvokeConfigProvider(() => ({ ...client, putAsyncInvokeConfig: async (ref, body) => ({ ...(await client.putAsyncInvokeConfig(ref, body)), maxAsyncRetryAttempts: 0 }) }));
    },
    revokedKeyCode: "InvalidAccessKeyID",
    idOf: (_emulator, name) => `shop:${name}:LATEST`,
  },
  fc3: {
    api: "fc3",
    secretKey: "alicloud:secretKey",
    operations: /^fc3:/,
    createFunction: async (emulator, name) => {
      await fc3For(emulator).createFunction(fc3NodeFunction(name));
    },
    config: alicloud,
    inputs: (name, retries) => ({ functionName: name, maxAsyncRetryAttempts: retries }),
    target: (name) => ({ api: "fc3", functionName: name }),
    resource: (name) => new Fc3AsyncInvokeConfig(name, { functionName: name }),
    badRetries: { value: 9, reason: "must be an integer from 0 to 8 (default 3); got 9" },
    putOperation: "fc3:PutAsyncInvokeConfig",
    ignoringRetries: (config) =>
      new fc3Provider.AsyncInvokeConfigProvider(() => {
        const client = fc3Provider.connectFc3(config, { env: {} });
        return { ...client, putAsyncInvokeConfig: async (ref, body) => ({ ...(await client.putAsyncInvokeConfig(ref, body)), maxAsyncRetryAttempts: 0 }) };
      }),
    revokedKeyCode: "InvalidAccessKeyID",
    idOf: (_emulator, name) => `${name}:LATEST`,
  },
  functiongraph: {
    api: "functiongraph",
    secretKey: "huaweicloud:secret_key",
    operations: /^functiongraph:/,
    createFunction: async (emulator, name) => {
      await functionGraphSdk(emulator).createFunction(fgNodeFunction(name));
    },
    config: (emulator) => ({
      "huaweicloud:access_key": emulator.credentials.accessKeyId,
      "huaweicloud:secret_key": emulator.credentials.accessKeySecret,
      "huaweicloud:region": "cn-north-4",
      "huaweicloud:project_id": emulator.projectId,
      "pulumi-async-invoke:functiongraphEndpoint": emulator.url,
    }),
    inputs: (name, retries) => ({ functionName: name, maxAsyncRetryAttempts: retries }),
    target: (name) => ({ api: "functiongraph", functionName: name }),
    resource: (name) => new FgAsyncInvokeConfig(name, { functionName: name }),
    badRetries: { value: 4, reason: "maxAsyncRetryAttempts must be an integer from 0 to 3 (default 1); got 4" },
    putOperation: "functiongraph:UpdateFunctionAsyncInvokeConfig",
    ignoringRetries: (config) =>
      new fgProvider.AsyncInvokeConfigProvider(() => {
        const client = fgProvider.connectFunctionGraph(config, {});
        return { ...client, updateAsyncInvokeConfig: async (urn, body) => ({ ...(await client.updateAsyncInvokeConfig(urn, body)), maxAsyncRetryAttempts: 0 }) };
      }),
    revokedKeyCode: "APIG.0301",
    idOf: (emulator, name) => urnOf(emulator, name, "latest"),
  },
};

/** The table: one row per registered API, so a fourth API without a row fails here. */
const TABLE = APIS.map((entry) => {
  const row = ROWS[entry.api];
  if (row === undefined) throw new Error(`no guarantees row for the registered API ${entry.api}: add one to ROWS`);
  return { entry, row, title: entry.title };
});

let emulator: Emulator;
const registered: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  await fc2For(emulator).createService("shop");
  for (const { row } of TABLE) for (const name of ["orders", "drifted", "throttled"]) await row.createFunction(emulator, name);
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args.name);
        return { id: `${args.name}-id`, state: args.inputs as Record<string, unknown> };
      },
      call: () => ({}),
    },
    "proj",
    "dev",
    true,
  );
}, 60_000);

afterAll(async () => {
  pulumi.runtime.setAllConfig({});
  await emulator?.close();
});

beforeEach(async () => {
  await emulator.control.clearFaults();
  await emulator.control.resetRequestCounts();
});

const configSource = (values: Record<string, string>): ConfigSource => ({ get: (key) => values[key] });

async function callsOf(row: Row): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await emulator.control.requestCounts()).filter(([name, n]) => n > 0 && row.operations.test(name)));
}

function thrown(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.each(TABLE)("$title", ({ entry, row }) => {
  test("its descriptor names its secret among the keys every resource checks", () => {
    expect(entry.credentialKeys).toContain(row.secretKey);
  });

  test("a plain-text secret in the stack config stops its resource, the policy and the batch before anything is registered", () => {
    pulumi.runtime.setAllConfig({ [row.secretKey]: SECRET }, []);
    try {
      const before = registered.length;
      const expected =
        `${row.secretKey} is set in the stack config as plain text, so the Pulumi engine would store it unencrypted in the stack's state ` +
        "(it records the whole stack config as the provider's inputs). Set it again as a secret and run the command again:\n" +
        `  pulumi config set --secret ${row.secretKey} <value>\n` +
        "(or remove it with `pulumi config rm` and use environment variables instead).";
      for (const make of [
        () => row.resource("plain"),
        () => new AsyncInvokePolicy("plain-policy", { targets: [row.target("orders")] }),
        () => new AsyncInvokePolicyBatch("plain-batch", { targets: [row.target("orders")] }),
      ]) {
        const error = thrown(make);
        expect(error).toBeInstanceOf(PlaintextCredentialError);
        expect((error as PlaintextCredentialError).keys).toEqual([row.secretKey]);
        expect((error as Error).message).toBe(expected);
      }
      expect(registered.length).toBe(before);
    } finally {
      pulumi.runtime.setAllConfig({});
    }
  });

  test("the same secret set with --secret is accepted", () => {
    pulumi.runtime.setAllConfig({ [row.secretKey]: SECRET }, [row.secretKey]);
    try {
      expect(() => row.resource("secret")).not.toThrow();
    } finally {
      pulumi.runtime.setAllConfig({});
    }
  });

  test("bad input is named with its field and range by check, the batch's too, before any call", async () => {
    const methods = entry.configure(configSource(row.config(emulator)));
    const result = await methods.check({}, row.inputs("orders", row.badRetries.value));
    expect(result.failures).toEqual([{ property: "maxAsyncRetryAttempts", reason: row.badRetries.reason }]);
    // The batch routes the target's key to the same API through the registry, and checks it with the same rules.
    const key = entry.targetKind.key(row.target("orders") as never);
    const batchMethods = createBatchProvider(configSource(row.config(emulator)));
    const batchResult = await batchMethods.check({}, { configs: { [key]: { maxAsyncRetryAttempts: row.badRetries.value } } });
    expect(batchResult.failures).toEqual([{ property: `configs[${JSON.stringify(key)}].maxAsyncRetryAttempts`, reason: row.badRetries.reason }]);
    expect(await emulator.control.requestCounts()).toEqual({});
  });

  test("throttling and connection resets on the write are ridden out by the client", async () => {
    const methods = entry.configure(configSource(row.config(emulator)));
    const checked = await methods.check({}, row.inputs("throttled", 2));
    expect(checked.failures).toBeUndefined();
    await emulator.control.setFaults({ seed: 3, rates: { "429": 1 }, operations: [row.putOperation], limit: 1 });
    const first = await methods.create(checked.inputs as Record<string, unknown>);
    expect((first.outs as Record<string, unknown>)["maxAsyncRetryAttempts"]).toBe(2);
    await emulator.control.setFaults({ seed: 5, rates: { reset: 1 }, operations: [row.putOperation], limit: 1 });
    const again = await methods.check({}, row.inputs("throttled", 0));
    const updated = await methods.update(first.id, first.outs as Record<string, unknown>, again.inputs as Record<string, unknown>);
    expect((updated.outs as Record<string, unknown>)["maxAsyncRetryAttempts"]).toBe(0);
    expect((await callsOf(row))[row.putOperation]).toBe(4);
    await methods.delete(first.id, updated.outs as Record<string, unknown>);
  });

  test("a create the service answers with other values is recorded with its id and the live values, so nothing is orphaned", async () => {
    // The service takes the write but keeps another retry count (as a service that silently ignores a field would).
    const provider = row.ignoringRetries(configSource(row.config(emulator)));
    const checked = await provider.check({}, row.inputs("drifted", 2));
    const error = await provider.create(checked.inputs as Record<string, unknown>).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigNotAppliedError);
    const failure = error as ConfigNotAppliedError<Record<string, unknown>>;
    expect(failure.id).toBe(row.idOf(emulator, "drifted"));
    expect(failure.reasons).toEqual(["maxAsyncRetryAttempts is 0, expected 2"]);
    expect(failure.properties?.["maxAsyncRetryAttempts"]).toBe(0);
    // What the service holds is in the recorded outputs, so refresh and destroy find it.
    await provider.delete(failure.id as string, failure.properties as Record<string, unknown>);
    expect((await callsOf(row))[row.putOperation]).toBe(1);
  });

  test("a rotated key: the old key is refused once revoked, and the provider configured with the new key manages the config", async () => {
    const account = emulator.credentials.accountId;
    const OLD: Account = { accountId: account, accessKeyId: "LTAIOldKeyBeforeRotation", accessKeySecret: "OldSecretBeforeRotation0001" };
    const NEW: Account = { accountId: account, accessKeyId: "LTAINewKeyAfterRotation", accessKeySecret: "NewSecretAfterRotation0002" };
    const dataDir = mkdtempSync(path.join(tmpdir(), `rotation-${row.api}-`));
    let rotating = await start({ port: 0, dataDir, accounts: [OLD], log: () => {} });
    try {
      if (row.api === "fc2") await fc2For(rotating).createService("shop");
      await row.createFunction(rotating, "rotated");
      const before = entry.configure(configSource(row.config(rotating)));
      const checked = await before.check({}, row.inputs("rotated", 1));
      const created = await before.create(checked.inputs as Record<string, unknown>);
      expect(created.id).toBe(row.idOf(rotating, "rotated"));
      // The old key is revoked: the emulator comes back on the same port and data with only the new key.
      const port = Number(new URL(rotating.url).port);
      await rotating.close();
      rotating = await start({ port, dataDir, accounts: [NEW], log: () => {} });
      await expect(before.read(created.id, created.outs as Record<string, unknown>)).rejects.toMatchObject({ code: row.revokedKeyCode });
      const after = entry.configure(configSource(row.config(rotating)));
      const read = await after.read(created.id, created.outs as Record<string, unknown>);
      expect([read.id, (read.props as Record<string, unknown>)["maxAsyncRetryAttempts"]]).toEqual([created.id, 1]);
      await after.delete(created.id, read.props as Record<string, unknown>);
      expect(await after.read(created.id, read.props as Record<string, unknown>)).toEqual({});
    } finally {
      await rotating.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
