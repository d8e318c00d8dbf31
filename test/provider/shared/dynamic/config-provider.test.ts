// The shared config provider (`provider/shared/dynamic/config-provider.ts`) through two APIs' specs, FC 3.0 and
// FunctionGraph, from one table, against the emulator through the real clients: check names the field before any
// call; diff tells replaces from in-place updates; create refuses a config it was not told to adopt (the exact
// message), adoptExisting takes it over; read of a deleted config is gone; delete of a gone config is success.
import type { dynamic } from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Emulator } from "../../../../emulator";
import { Fc3Client } from "../../../../provider/fc3/client";
import * as fc3Provider from "../../../../provider/fc3/provider";
import { FunctionGraphClient } from "../../../../provider/functiongraph/client";
import * as fgProvider from "../../../../provider/functiongraph/provider";
import type { ConfigSource } from "../../../../provider/shared/config";
import type { RawProps } from "../../../../provider/shared/dynamic/props";
import { ExistingConfigError } from "../../../../provider/shared/dynamic/errors";
import { functionGraphSdk, urnOf } from "../../../../scripts/lib/huawei-sdk";
import { startEmulator } from "../../../kit/emulator";
import { fc3For, fc3NodeFunction } from "../../../kit/fc3";
import { fgNodeFunction } from "../../../kit/functiongraph";

/** What the test calls of an API's provider, which is the shared core under that API's spec. */
type AnyProvider = Required<Pick<dynamic.ResourceProvider<RawProps, RawProps>, "check" | "diff" | "create" | "read" | "delete">>;

interface Row {
  readonly title: string;
  /** Emulator operations of this API start with this. */
  readonly prefix: string;
  readonly createFunction: (emulator: Emulator, name: string) => Promise<void>;
  readonly provider: (emulator: Emulator) => AnyProvider;
  /** Writes a config with `retries` retries behind the provider's back; answers its lastModifiedTime. */
  readonly putBehind: (emulator: Emulator, name: string, retries: number) => Promise<string>;
  readonly inputs: (name: string, retries: number) => Record<string, unknown>;
  readonly idOf: (emulator: Emulator, name: string) => string;
  /** How the existing-config message names function `name`'s LATEST config, and the resource type it names. */
  readonly what: (emulator: Emulator, name: string) => string;
  readonly resourceType: string;
  readonly badRetries: { readonly value: number; readonly reason: string };
  /** The inputs with the config's address changed, and the key the diff names as replaced. */
  readonly moved: (inputs: Record<string, unknown>) => { readonly news: Record<string, unknown>; readonly replaces: string[] };
  /** Why check refuses a property the resource does not have. */
  readonly unknownKeyReason: string;
}

const alicloud = (emulator: Emulator): ConfigSource => {
  const values: Record<string, string> = {
    "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": emulator.credentials.accessKeySecret,
    "alicloud:region": emulator.region,
    "alicloud:accountId": emulator.credentials.accountId,
    "pulumi-async-invoke:fcEndpoint": emulator.url,
  };
  return { get: (key) => values[key] };
};

const huawei = (emulator: Emulator): ConfigSource => {
  const values: Record<string, string> = {
    "huaweicloud:access_key": emulator.credentials.accessKeyId,
    "huaweicloud:secret_key": emulator.credentials.accessKeySecret,
    "huaweicloud:region": emulator.functiongraphRegion,
    "huaweicloud:project_id": emulator.projectId,
    "pulumi-async-invoke:functiongraphEndpoint": emulator.url,
  };
  return { get: (key) => values[key] };
};

const fc3Client = (emulator: Emulator) => new Fc3Client({ endpoint: emulator.url, credentials: emulator.credentials });
const fgClient = (emulator: Emulator) =>
  new FunctionGraphClient({ endpoint: emulator.url, projectId: emulator.projectId, credentials: { accessKey: emulator.credentials.accessKeyId, secretKey: emulator.credentials.accessKeySecret } });

const TABLE: Row[] = [
  {
    title: "FC 3.0",
    prefix: "fc3:",
    createFunction: async (emulator, name) => {
      await fc3For(emulator).createFunction(fc3NodeFunction(name));
    },
    provider: (emulator) => fc3Provider.createProvider(alicloud(emulator), { env: {} }),
    putBehind: async (emulator, name, retries) => (await fc3Client(emulator).putAsyncInvokeConfig({ functionName: name }, { maxAsyncRetryAttempts: retries })).lastModifiedTime,
    inputs: (name, retries) => ({ functionName: name, maxAsyncRetryAttempts: retries }),
    idOf: (_emulator, name) => `${name}:LATEST`,
    what: (_emulator, name) => `FC 3.0 function "${name}", qualifier "LATEST"`,
    resourceType: "fc3.AsyncInvokeConfig",
    badRetries: { value: 9, reason: "must be an integer from 0 to 8 (default 3); got 9" },
    moved: (inputs) => ({ news: { ...inputs, qualifier: "1" }, replaces: ["qualifier"] }),
    unknownKeyReason: "is not a property of fc3.AsyncInvokeConfig; allowed: functionName, qualifier, destinationConfig, maxAsyncEventAgeInSeconds, maxAsyncRetryAttempts, asyncTask, adoptExisting",
  },
  {
    title: "FunctionGraph",
    prefix: "functiongraph:",
    createFunction: async (emulator, name) => {
      await functionGraphSdk(emulator).createFunction(fgNodeFunction(name));
    },
    provider: (emulator) => fgProvider.createProvider(huawei(emulator), {}),
    putBehind: async (emulator, name, retries) => (await fgClient(emulator).updateAsyncInvokeConfig(urnOf(emulator, name), { max_async_retry_attempts: retries, max_async_event_age_in_seconds: 3600 })).lastModifiedTime,
    inputs: (name, retries) => ({ functionName: name, maxAsyncRetryAttempts: retries }),
    idOf: (emulator, name) => urnOf(emulator, name),
    what: (emulator, name) => urnOf(emulator, name),
    resourceType: "functiongraph.AsyncInvokeConfig",
    badRetries: { value: 4, reason: "maxAsyncRetryAttempts must be an integer from 0 to 3 (default 1); got 4" },
    moved: (inputs) => ({ news: { ...inputs, functionName: "elsewhere" }, replaces: ["functionName"] }),
    unknownKeyReason:
      "is not a property of functiongraph.AsyncInvokeConfig; allowed: functionUrn, functionName, qualifier, package, maxAsyncRetryAttempts, maxAsyncEventAgeInSeconds, enableAsyncStatusLog, destinationConfig, adoptExisting",
  },
];

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
  for (const row of TABLE) for (const name of ["orders", "taken", "gone"]) await row.createFunction(emulator, name);
}, 60_000);
afterAll(() => emulator?.close());
beforeEach(() => emulator.control.resetRequestCounts());

async function callsOf(row: Row): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await emulator.control.requestCounts()).filter(([name, n]) => n > 0 && name.startsWith(row.prefix)));
}

async function checked(provider: AnyProvider, news: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await provider.check({}, news);
  if (result.failures?.length) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
  return result.inputs as Record<string, unknown>;
}

describe.each(TABLE)("$title", (row) => {
  test("check names the field and its range, and an unknown property, before any call", async () => {
    const provider = row.provider(emulator);
    const result = await provider.check({}, row.inputs("orders", row.badRetries.value));
    expect(result.failures).toEqual([{ property: "maxAsyncRetryAttempts", reason: row.badRetries.reason }]);
    const extra = await provider.check({}, { ...row.inputs("orders", 1), extra: 1 });
    expect(extra.failures).toEqual([{ property: "extra", reason: row.unknownKeyReason }]);
    expect(await emulator.control.requestCounts()).toEqual({});
  });

  test("diff: a setting updates in place, the address replaces, the same values are no change", async () => {
    const provider = row.provider(emulator);
    const inputs = await checked(provider, row.inputs("orders", 1));
    const created = await provider.create(inputs);
    const olds = created.outs as Record<string, unknown>;
    expect(await provider.diff(created.id, olds, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(await provider.diff(created.id, olds, await checked(provider, row.inputs("orders", 0)))).toEqual({ replaces: [], deleteBeforeReplace: false });
    const { news, replaces } = row.moved(inputs);
    expect(await provider.diff(created.id, olds, news)).toEqual({ changes: true, replaces, deleteBeforeReplace: false });
    await provider.delete(created.id, olds);
  });

  test("create refuses a config it was not told to adopt, with the exact message; adoptExisting takes it over", async () => {
    const provider = row.provider(emulator);
    const lastModified = await row.putBehind(emulator, "taken", 2);
    await emulator.control.resetRequestCounts();
    const inputs = await checked(provider, row.inputs("taken", 0));
    const error = await provider.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExistingConfigError);
    expect((error as Error).message).toBe(
      `An async invoke config already exists for ${row.what(emulator, "taken")}${lastModified === "" ? "" : ` (last modified ${lastModified})`}. ` +
        "It is not overwritten silently: another stack, tool or person may manage it. To take it over on purpose, set " +
        `\`adoptExisting: true\` on this ${row.resourceType} and run again; this resource will then manage it and delete it on destroy. ` +
        "(`pulumi import` cannot adopt it: dynamic resources do not support import.)",
    );
    // Refused after one read: nothing was written.
    expect(Object.values(await callsOf(row))).toEqual([1]);
    const adopted = await provider.create({ ...inputs, adoptExisting: true });
    expect(adopted.id).toBe(row.idOf(emulator, "taken"));
    expect([adopted.outs?.["maxAsyncRetryAttempts"], adopted.outs?.["adoptExisting"]]).toEqual([0, true]);
    const read = await provider.read(adopted.id, adopted.outs as Record<string, unknown>);
    expect([read.id, read.props?.["maxAsyncRetryAttempts"], read.inputs?.["adoptExisting"]]).toEqual([adopted.id, 0, true]);
    await provider.delete(adopted.id, adopted.outs as Record<string, unknown>);
  });

  test("read of a deleted config is gone; delete of a gone config is success", async () => {
    const provider = row.provider(emulator);
    const created = await provider.create(await checked(provider, row.inputs("gone", 1)));
    const outs = created.outs as Record<string, unknown>;
    expect(created.id).toBe(row.idOf(emulator, "gone"));
    await provider.delete(created.id, outs);
    expect(await provider.read(created.id, outs)).toEqual({});
    await expect(provider.delete(created.id, outs)).resolves.toBeUndefined();
    // Without state, the id alone addresses it too.
    expect(await provider.read(created.id)).toEqual({});
  });
});
