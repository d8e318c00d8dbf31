// A policy's destinations per API (`destinations: { fc2, fc3, functiongraph }`, each in that API's own form), under
// Pulumi's mock monitor: ONE policy carries an FC destination and a FunctionGraph destination at once; a target's
// overrides still merge side by side on top; `destinationConfig` (FC form) stays the FC targets' default; an unknown
// API or a destination in the wrong form is refused before anything registers, naming the field. The batch maps them
// the same way.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test } from "vitest";
import { AsyncInvokePolicyBatch } from "../../../provider/policy/async-invoke-policy-batch";
import { buildPolicy, invalidTargetsMessage, recordRegistrations, settings } from "../../kit/policy";
import { AsyncInvokePolicy } from "../../../provider/policy/async-invoke-policy";

const QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages";
const OTHER_QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/fc3-failed/messages";
const P = "0123456789abcdef0123456789abcdef";
const TOPIC = `urn:smn:cn-north-4:${P}:failed`;
const registered = recordRegistrations();

describe("destinations per API", () => {
  test("one policy gives FC targets an FC queue and FunctionGraph targets an SMN topic", async () => {
    const { children } = await buildPolicy(registered, "both", {
      maxAsyncRetryAttempts: 1,
      destinations: {
        fc2: { onFailure: { destination: QUEUE } },
        fc3: { onFailure: { destination: OTHER_QUEUE } },
        functiongraph: { onFailure: { type: "SMN", topicUrn: TOPIC } },
      },
      targets: [
        { serviceName: "shop", functionName: "orders" },
        { api: "fc3", functionName: "billing" },
        { api: "functiongraph", functionName: "reports" },
        { api: "functiongraph", functionName: "mailer", overrides: { destinationConfig: { onSuccess: { type: "DIS", streamName: "done" } } } },
      ],
    });
    expect(settings(children["both/shop:orders:LATEST"])).toEqual({ serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 1, destinationConfig: { onFailure: { destination: QUEUE } } });
    expect(settings(children["both/fc3/billing:LATEST"])).toEqual({ functionName: "billing", maxAsyncRetryAttempts: 1, destinationConfig: { onFailure: { destination: OTHER_QUEUE } } });
    expect(settings(children["both/functiongraph/default/reports:latest"])).toEqual({ functionName: "reports", maxAsyncRetryAttempts: 1, destinationConfig: { onFailure: { type: "SMN", topicUrn: TOPIC } } });
    // The override adds a side; the policy's side stays.
    expect(settings(children["both/functiongraph/default/mailer:latest"])).toEqual({
      functionName: "mailer",
      maxAsyncRetryAttempts: 1,
      destinationConfig: { onSuccess: { type: "DIS", streamName: "done" }, onFailure: { type: "SMN", topicUrn: TOPIC } },
    });
  });

  test("destinationConfig stays the FC targets' default beside destinations.functiongraph, and an override's null removes a side", async () => {
    const { children } = await buildPolicy(registered, "mixed", {
      destinationConfig: { onFailure: { destination: QUEUE } },
      destinations: { functiongraph: { onFailure: { type: "SMN", topicUrn: TOPIC } } },
      targets: [
        { api: "fc3", functionName: "billing" },
        { api: "functiongraph", functionName: "reports", overrides: { destinationConfig: { onFailure: null } } },
        { api: "functiongraph", functionName: "audit" },
      ],
    });
    expect(settings(children["mixed/fc3/billing:LATEST"])).toEqual({ functionName: "billing", destinationConfig: { onFailure: { destination: QUEUE } } });
    expect(settings(children["mixed/functiongraph/default/reports:latest"])).toEqual({ functionName: "reports", destinationConfig: {} });
    expect(settings(children["mixed/functiongraph/default/audit:latest"])).toEqual({ functionName: "audit", destinationConfig: { onFailure: { type: "SMN", topicUrn: TOPIC } } });
  });

  test("an unknown API and a destination in another API's form are refused before anything registers, naming the field", () => {
    const before = registered.length;
    expect(
      invalidTargetsMessage(
        () =>
          new AsyncInvokePolicy("bad", {
            destinations: { fc4: { onFailure: { destination: QUEUE } }, functiongraph: { onFailure: { destination: QUEUE } } } as never,
            targets: [{ api: "functiongraph", functionName: "reports" }],
          }),
      ),
    ).toBe(
      'AsyncInvokePolicy "bad": destinations.fc4 names no API; allowed: fc2, fc3, functiongraph; ' +
        "destinations.functiongraph.onFailure.type type must be one of OBS, SMN, DIS, FunctionGraph (FunctionGraph's form)",
    );
    // The component registers first in Pulumi's order, but no child does.
    expect(registered.slice(before).filter((r) => r.name.startsWith("bad/"))).toEqual([]);
  });

  test("the batch maps destinations per API the same way", async () => {
    const batch = new AsyncInvokePolicyBatch("fleet", {
      destinations: { fc2: { onFailure: { destination: QUEUE } }, functiongraph: { onFailure: { type: "SMN", topicUrn: TOPIC } } },
      targets: [{ serviceName: "shop", functionName: "orders" }, { api: "functiongraph", functionName: "reports" }],
    });
    await new Promise((resolve) => batch.urn.apply(resolve));
    const inputs = registered.find((r) => r.name === "fleet")?.inputs as { configs: Record<string, unknown> };
    const configs = await new Promise<Record<string, unknown>>((resolve) => pulumi.output(inputs.configs).apply(resolve));
    expect(configs).toEqual({
      "shop:orders:LATEST": { destinationConfig: { onFailure: { destination: QUEUE } } },
      "functiongraph/default/reports:latest": { destinationConfig: { onFailure: { type: "SMN", topicUrn: TOPIC } } },
    });
  });
});
