// fc.AsyncInvokePolicy over FunctionGraph functions: `{api: "functiongraph", functionUrn}` or `{…, functionName,
// qualifier?, package?}` targets become functiongraph.AsyncInvokeConfig children, checked against FunctionGraph's
// ranges (0–3, 1–86400) before anything registers; the policy's FC-form destinations never reach them.
import { describe, expect, test } from "vitest";
import { AsyncInvokePolicy, targetKey, type AsyncInvokePolicyArgs } from "../../../provider/policy/async-invoke-policy";
import { PolicyConfigError, targetsFromConfig, type ConfigReader } from "../../../provider/policy/policy-config";
import { buildPolicy, invalidTargetsMessage as thrown, recordRegistrations, settings } from "../../kit/policy";

const QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages";
const PROJECT = "0123456789abcdef0123456789abcdef";
const URN = `urn:fss:cn-north-4:${PROJECT}:function:default:process-order:!prod`;

const registered = recordRegistrations();
const build = (name: string, args: AsyncInvokePolicyArgs) => buildPolicy(registered, name, args);

describe("AsyncInvokePolicy with FunctionGraph targets", () => {
  test("keys: functiongraph/<urn> or functiongraph/<package>/<function>:<qualifier>, defaults settled", () => {
    expect(targetKey({ api: "functiongraph", functionUrn: URN })).toBe(`functiongraph/${URN}`);
    expect(targetKey({ api: "functiongraph", functionName: "orders" })).toBe("functiongraph/default/orders:latest");
    expect(targetKey({ api: "functiongraph", functionName: "orders", qualifier: "!prod", package: "shop" })).toBe("functiongraph/shop/orders:!prod");
  });

  test("children: policy retries/age/adoptExisting apply; destinations only from the target's own typed overrides", async () => {
    const { children } = await build("fg", {
      maxAsyncRetryAttempts: 2,
      maxAsyncEventAgeInSeconds: 7200,
      asyncTask: true,
      adoptExisting: true,
      destinationConfig: { onFailure: { destination: QUEUE } },
      targets: [
        { serviceName: "shop", functionName: "checkout" },
        { api: "functiongraph", functionUrn: URN },
        {
          api: "functiongraph",
          functionName: "invoices",
          qualifier: "1",
          package: "billing",
          overrides: {
            maxAsyncRetryAttempts: 0,
            enableAsyncStatusLog: true,
            destinationConfig: { onFailure: { type: "OBS", bucket: "failed", prefix: "inv/", expires: 7 } },
          },
        },
      ],
    });
    expect(Object.keys(children).sort()).toEqual(["fg/functiongraph/billing/invoices:1", `fg/functiongraph/${URN}`, "fg/shop:checkout:LATEST"]);
    expect(children[`fg/functiongraph/${URN}`]?.type).toBe("pulumi-nodejs:dynamic/functiongraph:AsyncInvokeConfig");
    expect(children["fg/functiongraph/billing/invoices:1"]?.type).toBe("pulumi-nodejs:dynamic/functiongraph:AsyncInvokeConfig");
    expect(settings(children[`fg/functiongraph/${URN}`])).toEqual({ functionUrn: URN, maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 7200, adoptExisting: true });
    expect(settings(children["fg/functiongraph/billing/invoices:1"])).toEqual({
      functionName: "invoices",
      qualifier: "1",
      package: "billing",
      maxAsyncRetryAttempts: 0,
      maxAsyncEventAgeInSeconds: 7200,
      enableAsyncStatusLog: true,
      destinationConfig: { onFailure: { type: "OBS", bucket: "failed", prefix: "inv/", expires: 7 } },
      adoptExisting: true,
    });
    // The FC 2.0 sibling still gets the policy's FC-form destination.
    expect(settings(children["fg/shop:checkout:LATEST"])).toMatchObject({ destinationConfig: { onFailure: { destination: QUEUE } }, statefulInvocation: true });
  });

  test("refuses retries 4 and event age 86401 on FunctionGraph, naming index and field, before registering anything", () => {
    const before = registered.length;
    const message = thrown(
      () =>
        new AsyncInvokePolicy("ranges", {
          maxAsyncRetryAttempts: 3,
          targets: [
            { serviceName: "shop", functionName: "checkout" },
            { api: "functiongraph", functionName: "a", overrides: { maxAsyncRetryAttempts: 4 } },
            { api: "functiongraph", functionUrn: URN, overrides: { maxAsyncEventAgeInSeconds: 86401 } },
          ],
        }),
    );
    expect(message).toBe(
      'AsyncInvokePolicy "ranges": ' +
        "targets[1].maxAsyncRetryAttempts must be an integer from 0 to 3 (default 1) on FunctionGraph; got 4; " +
        "targets[2].maxAsyncEventAgeInSeconds must be an integer from 1 to 86400 (default 3600) on FunctionGraph; got 86401",
    );
    expect(registered.length).toBe(before);
  });

  test("policy-level retries out of FunctionGraph's range are refused for its targets only", () => {
    expect(thrown(() => new AsyncInvokePolicy("policy4", { maxAsyncRetryAttempts: 4, targets: [{ serviceName: "s", functionName: "f" }, { api: "functiongraph", functionName: "a" }] }))).toBe(
      'AsyncInvokePolicy "policy4": targets[1].maxAsyncRetryAttempts must be an integer from 0 to 3 (default 1) on FunctionGraph; got 4',
    );
  });

  test("refuses the task switch in a FunctionGraph target's overrides, and a duplicate target", () => {
    expect(thrown(() => new AsyncInvokePolicy("task", { targets: [{ api: "functiongraph", functionName: "a", overrides: { asyncTask: true } as never }] }))).toBe(
      'AsyncInvokePolicy "task": targets[0].overrides.asyncTask does not apply to FunctionGraph targets; allowed overrides: maxAsyncRetryAttempts, maxAsyncEventAgeInSeconds, enableAsyncStatusLog, destinationConfig, adoptExisting',
    );
    expect(thrown(() => new AsyncInvokePolicy("dup", { targets: [{ api: "functiongraph", functionName: "a" }, { api: "functiongraph", functionName: "a", qualifier: "latest", package: "default" }] }))).toContain(
      "targets[0] and targets[1] all name functiongraph/default/a:latest",
    );
  });
});

describe("stack config with FunctionGraph targets", () => {
  const config = (values: Record<string, unknown>): ConfigReader => ({
    name: "myproj",
    get: ((key: string) => (values[key] === undefined ? undefined : typeof values[key] === "string" ? (values[key] as string) : JSON.stringify(values[key]))) as ConfigReader["get"],
  });

  test("reads api: functiongraph entries by URN and by name, with typed destination overrides", () => {
    expect(
      targetsFromConfig(
        config({
          functions: [
            { api: "functiongraph", functionUrn: URN },
            { api: "functiongraph", functionName: "invoices", qualifier: 1, package: "billing", overrides: { maxAsyncRetryAttempts: 0, destinationConfig: { onSuccess: { type: "SMN", topicUrn: "urn:smn:cn-north-4:p:t" } } } },
          ],
        }),
      ),
    ).toEqual([
      { api: "functiongraph", functionUrn: URN },
      { api: "functiongraph", functionName: "invoices", qualifier: "1", package: "billing", overrides: { maxAsyncRetryAttempts: 0, destinationConfig: { onSuccess: { type: "SMN", topicUrn: "urn:smn:cn-north-4:p:t" } } } },
    ]);
  });

  test("checks a FunctionGraph entry's overrides against FunctionGraph's ranges, naming the key", () => {
    let error: unknown;
    try {
      targetsFromConfig(config({ functions: [{ api: "functiongraph", functionName: "a", overrides: { maxAsyncRetryAttempts: 4, maxAsyncEventAgeInSeconds: 86401 } }] }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyConfigError);
    expect((error as PolicyConfigError).problems).toEqual([
      { key: "myproj:functions[0].overrides.maxAsyncRetryAttempts", message: "must be an integer from 0 to 3 (default 1) on FunctionGraph; got 4" },
      { key: "myproj:functions[0].overrides.maxAsyncEventAgeInSeconds", message: "must be an integer from 1 to 86400 (default 3600) on FunctionGraph; got 86401" },
    ]);
  });
});
