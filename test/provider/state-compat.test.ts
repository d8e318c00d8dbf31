// State written by the release before the API registry and the policy's move (commit 8f86946) reads as no change
// today. The fixture (fixtures/state-8f86946.json) was made by that release's own code against the emulator: for
// each dynamic resource type, the program's inputs, what `check` recorded and what `create` returned. Here the cloud
// holds the same configs; today's implementation, found by the same type tokens, diffs the recorded outputs against
// the same program as no change, and reads back the recorded outputs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Emulator } from "../../emulator";
import { configure, RESOURCE_TYPES } from "../../provider/dynamic-provider";
import { ASYNC_INVOKE_POLICY_TYPE } from "../../provider/policy/async-invoke-policy";
import type { ConfigSource } from "../../provider/shared/config";
import { functionGraphSdk } from "../../scripts/lib/huawei-sdk";
import { fc2For, nodeFunction, startEmulator } from "../kit/emulator";
import { fc3For, fc3NodeFunction } from "../kit/fc3";
import { fgNodeFunction } from "../kit/functiongraph";

type Props = Record<string, unknown>;
interface Fixture {
  readonly release: string;
  readonly resourceTypes: string[];
  readonly componentTypes: string[];
  readonly records: { type: string; program: Props; inputs: Props; id: string; outputs: Props }[];
}

const fixture = JSON.parse(readFileSync(path.join(__dirname, "fixtures", "state-8f86946.json"), "utf8")) as Fixture;

/** A copy without the service's timestamps, at any depth: they are the fixture run's, not this one's. */
function untimed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untimed);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "createdTime" && key !== "lastModifiedTime").map(([key, v]) => [key, untimed(v)]));
  }
  return value;
}

let emulator: Emulator;
let config: ConfigSource;

beforeAll(async () => {
  emulator = await startEmulator();
  await fc2For(emulator).createService("shop");
  for (const name of ["orders", "fleet1"]) await fc2For(emulator).createFunction("shop", nodeFunction(name));
  for (const name of ["billing", "fleet2"]) await fc3For(emulator).createFunction(fc3NodeFunction(name));
  for (const name of ["reports", "fleet3"]) await functionGraphSdk(emulator).createFunction(fgNodeFunction(name));
  const values: Record<string, string> = {
    "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": emulator.credentials.accessKeySecret,
    "alicloud:region": emulator.region,
    "alicloud:accountId": emulator.credentials.accountId,
    "pulumi-async-invoke:fcEndpoint": emulator.url,
    "huaweicloud:access_key": emulator.credentials.accessKeyId,
    "huaweicloud:secret_key": emulator.credentials.accessKeySecret,
    "huaweicloud:region": "cn-north-4",
    "huaweicloud:project_id": emulator.projectId,
    "pulumi-async-invoke:functiongraphEndpoint": emulator.url,
  };
  config = { get: (key) => values[key] };
  // The cloud holds what the fixture's state says: each config written from the recorded inputs.
  for (const record of fixture.records) await configure(record.type, config).create(record.inputs);
}, 60_000);

afterAll(() => emulator?.close());

describe(`state written by release ${fixture.release}`, () => {
  test("the type tokens are unchanged: every recorded type has an implementation, and the policy component keeps its token", () => {
    expect(RESOURCE_TYPES).toEqual(fixture.resourceTypes);
    expect([ASYNC_INVOKE_POLICY_TYPE]).toEqual(fixture.componentTypes);
  });

  test.each(fixture.records.map((record) => [record.type, record] as const))("%s: the same program checks to the recorded inputs and diffs as no change", async (_type, record) => {
    const methods = configure(record.type, config);
    const checked = await methods.check(record.inputs, record.program);
    expect(checked.failures).toBeUndefined();
    expect(checked.inputs).toEqual(record.inputs);
    expect(await methods.diff(record.id, record.outputs, checked.inputs ?? {})).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test.each(fixture.records.map((record) => [record.type, record] as const))("%s: refresh reads the recorded outputs back", async (_type, record) => {
    const read = await configure(record.type, config).read(record.id, record.outputs);
    expect(read.id).toBe(record.id);
    expect(untimed(read.props)).toEqual(untimed(record.outputs));
  });
});
