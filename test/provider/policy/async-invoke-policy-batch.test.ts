// fc.AsyncInvokePolicyBatch as a program declares it, under Pulumi's mock monitor: targets of the three APIs in one
// batch, each keyed as fc.AsyncInvokePolicy keys it (FC 2.0 keys unchanged) and given the policy's settings the way
// AsyncInvokePolicy maps them for its API; bad targets refused before anything registers.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { AsyncInvokePolicyBatch, type AsyncInvokePolicyBatchArgs } from "../../../provider/policy/async-invoke-policy-batch";
import { InvalidTargetsError } from "../../../provider/policy/async-invoke-policy";

const QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages";
const P = "0123456789abcdef0123456789abcdef";
const registered = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.set(args.name, args.inputs as Record<string, unknown>);
        return { id: `${args.name}-id`, state: args.inputs as Record<string, unknown> };
      },
      call: () => ({}),
    },
    "proj",
    "dev",
    true,
  );
});

async function configsOf(name: string, args: AsyncInvokePolicyBatchArgs): Promise<Record<string, unknown>> {
  const batch = new AsyncInvokePolicyBatch(name, args);
  await new Promise((resolve) => batch.urn.apply(resolve));
  return registered.get(name)?.["configs"] as Record<string, unknown>;
}

describe("AsyncInvokePolicyBatch over three APIs", () => {
  it("keys each target as AsyncInvokePolicy does and maps the policy per API", async () => {
    const configs = await configsOf("mixed", {
      maxAsyncRetryAttempts: 2,
      statefulInvocation: true,
      adoptExisting: true,
      destinationConfig: { onFailure: { destination: QUEUE } },
      targets: [
        { serviceName: "shop", functionName: "orders" },
        { api: "fc3", functionName: "invoices", qualifier: "prod", overrides: { maxAsyncEventAgeInSeconds: 600 } },
        { api: "functiongraph", functionName: "reports", overrides: { destinationConfig: { onFailure: { type: "DIS", streamName: "dlq" } } } },
        { api: "functiongraph", functionUrn: `urn:fss:cn-north-4:${P}:function:default:reports:!prod`, overrides: { maxAsyncRetryAttempts: 0, adoptExisting: false } },
      ],
    });
    expect(configs).toEqual({
      "shop:orders:LATEST": { maxAsyncRetryAttempts: 2, statefulInvocation: true, adoptExisting: true, destinationConfig: { onFailure: { destination: QUEUE } } },
      "fc3/invoices:prod": { maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 600, asyncTask: true, adoptExisting: true, destinationConfig: { onFailure: { destination: QUEUE } } },
      // FunctionGraph: the policy's FC-form destination and task switch do not apply; its own destinations do.
      "functiongraph/default/reports:latest": { maxAsyncRetryAttempts: 2, adoptExisting: true, destinationConfig: { onFailure: { type: "DIS", streamName: "dlq" } } },
      [`functiongraph/urn:fss:cn-north-4:${P}:function:default:reports:!prod`]: { maxAsyncRetryAttempts: 0, adoptExisting: false },
    });
  });

  it("gives the program every field of every target in `configs`, though state leaves the defaults out", async () => {
    // The mock records the inputs as the outputs: each target with only the fields it sets, as the provider records them.
    const batch = new AsyncInvokePolicyBatch("filled", {
      maxAsyncRetryAttempts: 0,
      targets: [{ serviceName: "shop", functionName: "orders" }, { api: "fc3", functionName: "invoices" }, { api: "functiongraph", functionName: "reports" }],
    });
    const configs = await new Promise((resolve) => batch.configs.apply(resolve));
    expect(registered.get("filled")?.["configs"]).toEqual({
      "shop:orders:LATEST": { maxAsyncRetryAttempts: 0 },
      "fc3/invoices:LATEST": { maxAsyncRetryAttempts: 0 },
      "functiongraph/default/reports:latest": { maxAsyncRetryAttempts: 0 },
    });
    expect(configs).toEqual({
      "shop:orders:LATEST": { destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 0, statefulInvocation: false },
      "fc3/invoices:LATEST": { asyncTask: false, destinationConfig: {}, maxAsyncEventAgeInSeconds: 86400, maxAsyncRetryAttempts: 0 },
      "functiongraph/default/reports:latest": { destinationConfig: {}, enableAsyncStatusLog: false, maxAsyncEventAgeInSeconds: 3600, maxAsyncRetryAttempts: 0 },
    });
  });

  it("refuses an unknown api, a duplicate and FunctionGraph's bad names before registering", () => {
    expect(
      () =>
        new AsyncInvokePolicyBatch("bad", {
          targets: [
            { api: "fc3", functionName: "invoices" },
            { api: "fc3", functionName: "invoices", qualifier: "LATEST" },
            { api: "lambda", functionName: "x" } as never,
            { api: "functiongraph", functionName: "9reports" },
          ],
        }),
    ).toThrow(
      new InvalidTargetsError(
        'AsyncInvokePolicyBatch "bad": targets[2].api must be one of fc2, fc3, functiongraph (default fc2); got "lambda"; ' +
          "targets[3].functionName must start with a letter, contain only letters, digits, '_' and '-', end with a letter or digit, and be at most 60 characters; " +
          "targets[0] and targets[1] all name fc3/invoices:LATEST; list each service, function and qualifier once (per-function differences go in that entry's overrides)",
      ),
    );
    expect(registered.has("bad")).toBe(false);
  });
});
