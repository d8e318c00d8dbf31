// fc.AsyncInvokePolicy over functions on both APIs: FC 3.0 targets `{api: "fc3", …}` beside FC 2.0 ones, each
// registered as its own API's resource and checked against its own API's ranges, in code and in stack config.
import { describe, expect, test } from "vitest";
import { AsyncInvokePolicy, targetKey, type AsyncInvokePolicyArgs } from "../../../provider/policy/async-invoke-policy";
import { PolicyConfigError, policyFromConfig, targetsFromConfig, type ConfigReader } from "../../../provider/policy/policy-config";
import { buildPolicy, invalidTargetsMessage as thrown, recordRegistrations, settings } from "../../kit/policy";

const QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/failed/messages";

const registered = recordRegistrations();
const build = (name: string, args: AsyncInvokePolicyArgs) => buildPolicy(registered, name, args);

describe("AsyncInvokePolicy with FC 3.0 targets", () => {
  test("keys: fc3/function:qualifier, never equal to a 2.0 service:function:qualifier", () => {
    expect(targetKey({ api: "fc3", functionName: "orders" })).toBe("fc3/orders:LATEST");
    expect(targetKey({ api: "fc3", functionName: "orders", qualifier: "prod" })).toBe("fc3/orders:prod");
    expect(targetKey({ serviceName: "fc3", functionName: "orders", qualifier: "prod" })).toBe("fc3:orders:prod");
  });

  test("one policy over both APIs: each target becomes its own API's resource, the task switch under each API's name", async () => {
    const { children } = await build("mixed", {
      maxAsyncRetryAttempts: 2,
      asyncTask: true,
      destinationConfig: { onFailure: { destination: QUEUE } },
      targets: [
        { serviceName: "shop", functionName: "checkout" },
        { api: "fc3", functionName: "invoices", qualifier: "prod", overrides: { maxAsyncRetryAttempts: 0, destinationConfig: { onFailure: null } } },
      ],
    });
    expect(Object.keys(children).sort()).toEqual(["mixed/fc3/invoices:prod", "mixed/shop:checkout:LATEST"]);
    expect(children["mixed/shop:checkout:LATEST"]?.type).toBe("pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig");
    expect(children["mixed/fc3/invoices:prod"]?.type).toBe("pulumi-nodejs:dynamic/fc3:AsyncInvokeConfig");
    expect(settings(children["mixed/shop:checkout:LATEST"])).toEqual({
      serviceName: "shop",
      functionName: "checkout",
      maxAsyncRetryAttempts: 2,
      statefulInvocation: true,
      destinationConfig: { onFailure: { destination: QUEUE } },
    });
    expect(settings(children["mixed/fc3/invoices:prod"])).toEqual({ functionName: "invoices", qualifier: "prod", maxAsyncRetryAttempts: 0, asyncTask: true, destinationConfig: {} });
  });

  test("checks each target against its own API's ranges before registering anything", () => {
    const before = registered.length;
    const message = thrown(
      () =>
        new AsyncInvokePolicy("ranges", {
          maxAsyncEventAgeInSeconds: 604800,
          targets: [
            { serviceName: "shop", functionName: "checkout" },
            { api: "fc3", functionName: "invoices" },
            { api: "fc3", functionName: "-bad" },
          ],
        }),
    );
    expect(message).toBe(
      'AsyncInvokePolicy "ranges": targets[1].maxAsyncEventAgeInSeconds must be an integer from 1 to 86400 (default 86400) on FC 3.0; got 604800; ' +
        "targets[2].functionName must be a function name that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters); got \"-bad\"; " +
        "targets[2].maxAsyncEventAgeInSeconds must be an integer from 1 to 86400 (default 86400) on FC 3.0; got 604800",
    );
    expect(registered.length).toBe(before);
  });

  test("refuses an unknown api, a duplicate fc3 target, and a switch set two ways", () => {
    expect(thrown(() => new AsyncInvokePolicy("api", { targets: [{ api: "fc4", functionName: "a" } as never] }))).toBe(
      'AsyncInvokePolicy "api": targets[0].api must be one of fc2, fc3, functiongraph (default fc2); got "fc4"',
    );
    expect(thrown(() => new AsyncInvokePolicy("dup", { targets: [{ api: "fc3", functionName: "a" }, { api: "fc3", functionName: "a", qualifier: "LATEST" }] }))).toContain(
      "targets[0] and targets[1] all name fc3/a:LATEST",
    );
    expect(thrown(() => new AsyncInvokePolicy("switch", { asyncTask: true, statefulInvocation: false, targets: [{ api: "fc3", functionName: "a" }] }))).toContain(
      "targets[0].asyncTask and statefulInvocation name the same switch but are set to true and false",
    );
  });
});

describe("stack config with FC 3.0 targets", () => {
  const config = (values: Record<string, unknown>): ConfigReader => ({
    name: "myproj",
    get: ((key: string) => (values[key] === undefined ? undefined : typeof values[key] === "string" ? (values[key] as string) : JSON.stringify(values[key]))) as ConfigReader["get"],
  });

  test("reads FC 3.0 entries beside FC 2.0 ones, and asyncTask as the task switch", () => {
    expect(
      targetsFromConfig(config({ functions: [{ serviceName: "shop", functionName: "checkout" }, { api: "fc3", functionName: "invoices", qualifier: 2, overrides: { asyncTask: "true" } }] })),
    ).toEqual([
      { serviceName: "shop", functionName: "checkout" },
      { api: "fc3", functionName: "invoices", qualifier: "2", overrides: { asyncTask: true } },
    ]);
    expect(policyFromConfig(config({ asyncTask: "true" })).statefulInvocation).toBe(true);
  });

  test("checks an FC 3.0 entry's overrides against FC 3.0's ranges, naming the key", () => {
    let error: unknown;
    try {
      targetsFromConfig(config({ functions: [{ api: "fc3", functionName: "invoices", overrides: { maxAsyncEventAgeInSeconds: 604800 } }, { api: "fc3", name: "x" }] }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyConfigError);
    expect((error as PolicyConfigError).problems).toEqual([
      { key: "myproj:functions[0].overrides.maxAsyncEventAgeInSeconds", message: "must be an integer from 1 to 86400 (default 86400) on FC 3.0; got 604800" },
      { key: "myproj:functions[1].functionName", message: "must be a function name that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters); got nothing" },
      { key: "myproj:functions[1]", message: 'has unknown field(s) "name"; allowed: api, functionName, qualifier, overrides' },
    ]);
  });
});
