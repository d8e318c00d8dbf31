// The batch's routing adapter: each key to its API's adapter by prefix, keys without one to the default (FC 2.0),
// an unknown prefix refused with the known ones named, and each API's adapter made only when a key needs it.
import { describe, expect, it } from "vitest";
import type { TargetAdapter } from "../../../provider/policy/batch";
import { routedTargetAdapter } from "../../../provider/policy/batch-routing";

type Call = [api: string, method: string, key: string];

function recording(api: string, calls: Call[], made: string[]): () => TargetAdapter {
  return () => {
    made.push(api);
    return {
      resourceName: `${api}-adapter`,
      keyProblem: (key) => {
        calls.push([api, "keyProblem", key]);
        return key.endsWith("!") ? `${api} refuses ${key}` : undefined;
      },
      check: async (key) => {
        calls.push([api, "check", key]);
        return { settings: { api }, adopt: false };
      },
      get: async (key) => {
        calls.push([api, "get", key]);
        return { settings: { api } };
      },
      put: async (key, settings) => {
        calls.push([api, "put", key]);
        return { settings };
      },
      delete: async (key) => {
        calls.push([api, "delete", key]);
      },
    };
  };
}

function routed() {
  const calls: Call[] = [];
  const made: string[] = [];
  const adapter = routedTargetAdapter("AsyncInvokePolicyBatch", { form: '"service:function:qualifier" (FC 2.0)', adapter: recording("fc2", calls, made) }, [
    { prefix: "fc3/", adapter: recording("fc3", calls, made) },
    { prefix: "functiongraph/", adapter: recording("fg", calls, made) },
  ]);
  return { adapter, calls, made };
}

describe("routedTargetAdapter", () => {
  it("sends each key, whole, to the adapter its prefix names; keys without a prefix to the default", async () => {
    const { adapter, calls } = routed();
    expect(adapter.resourceName).toBe("AsyncInvokePolicyBatch");
    await adapter.check("shop:orders:LATEST", {});
    await adapter.get("fc3/orders:LATEST");
    await adapter.put("functiongraph/default/orders:latest", { x: 1 });
    await adapter.delete("fc3/orders:prod");
    expect(adapter.keyProblem("functiongraph/default/orders:latest!")).toBe("fg refuses functiongraph/default/orders:latest!");
    expect(calls).toEqual([
      ["fc2", "check", "shop:orders:LATEST"],
      ["fc3", "get", "fc3/orders:LATEST"],
      ["fg", "put", "functiongraph/default/orders:latest"],
      ["fc3", "delete", "fc3/orders:prod"],
      ["fg", "keyProblem", "functiongraph/default/orders:latest!"],
    ]);
  });

  it("makes an API's adapter on the first key that needs it, once", async () => {
    const { adapter, made } = routed();
    expect(made).toEqual([]);
    await adapter.check("shop:a:LATEST", {});
    await adapter.check("shop:b:LATEST", {});
    expect(made).toEqual(["fc2"]);
    await adapter.get("fc3/a:LATEST");
    await adapter.get("fc3/b:LATEST");
    expect(made).toEqual(["fc2", "fc3"]);
  });

  it("refuses a prefix it does not know, naming the known forms, without making any adapter", () => {
    const { adapter, made } = routed();
    expect(adapter.keyProblem("fc4/orders:LATEST")).toBe(
      '"fc4/" names no API: a key starts with "fc3/" or "functiongraph/", or is "service:function:qualifier" (FC 2.0); got "fc4/orders:LATEST"',
    );
    expect(adapter.keyProblem("FC3/orders:LATEST")).toMatch(/^"FC3\/" names no API/);
    expect(made).toEqual([]);
  });

  it("takes only prefixes that end in /, so no default key can start with one", () => {
    expect(() => routedTargetAdapter("x", { form: "", adapter: recording("fc2", [], []) }, [{ prefix: "fc3", adapter: recording("fc3", [], []) }])).toThrow(
      'a route\'s prefix must end in "/"; got "fc3"',
    );
  });
});
