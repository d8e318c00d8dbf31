// What the provider process loads before its first API call. Pulumi starts a process per run and calls `configure`,
// then `check` and `diff` (all a no-op preview runs); the HTTP client (undici), the transport and each API's client
// must not be loaded for those, and a resource type must not load another API's client either. Runs in a fresh Node
// process (the test runner has its own module graph), with the sources compiled on the fly as the scripts are.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";

const root = path.join(__dirname, "..", "..");

/** The package's own modules and the dependencies of interest loaded after `configure` and `check` of `type`. */
function loadedAfterCheck(type: string, news: Record<string, unknown>): string[] {
  const script = `
    const { configure } = require("./provider/dynamic-provider");
    const methods = configure(${JSON.stringify(type)}, { get: () => undefined });
    methods.check({}, ${JSON.stringify(news)}).then((result) => {
      if (result.failures && result.failures.length > 0) throw new Error(JSON.stringify(result.failures));
      const loaded = Object.keys(require.cache)
        .map((file) => file.split(require("node:path").sep).join("/"))
        .filter((file) => /\\/(provider|contracts)\\//.test(file) && !file.includes("/node_modules/") || /\\/node_modules\\/(undici|zod)\\//.test(file))
        .map((file) => file.includes("/node_modules/") ? file.replace(/^.*\\/node_modules\\/([^/]+)\\/.*$/, "$1") : file.replace(/^.*\\/(provider|contracts)\\//, "$1/").replace(/\\.ts$/, ""));
      console.log(JSON.stringify([...new Set(loaded)].sort()));
    });`;
  const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: root, encoding: "utf8", timeout: 120_000 });
  return JSON.parse(out.trim().split("\n").pop() as string) as string[];
}

/** undici, the shared transport, and any API's client or request signing. */
const clients = (loaded: string[]) => loaded.filter((m) => m === "undici" || /^provider\/[a-z0-9]+\/(client|signing)$|^provider\/shared\/(transport|http)$/.test(m));

describe("the provider process before its first API call", () => {
  test("FC 2.0's check loads zod and FC 2.0's schema, and no HTTP client of any API", () => {
    const loaded = loadedAfterCheck("fc:FunctionAsyncInvokeConfig", { serviceName: "shop", functionName: "orders", maxAsyncRetryAttempts: 1 });
    expect(loaded).toContain("zod");
    expect(loaded).toContain("provider/fc2/inputs");
    expect(clients(loaded)).toEqual([]);
  }, 130_000);

  test("FC 3.0's and FunctionGraph's checks load no HTTP client either", () => {
    expect(clients(loadedAfterCheck("fc3:AsyncInvokeConfig", { functionName: "orders" }))).toEqual([]);
    expect(clients(loadedAfterCheck("functiongraph:AsyncInvokeConfig", { functionName: "orders" }))).toEqual([]);
  }, 130_000);

  test("the batch's check of targets on all three APIs loads no HTTP client", () => {
    const loaded = loadedAfterCheck("fc:AsyncInvokePolicyBatch", {
      configs: { "shop:orders:LATEST": { maxAsyncRetryAttempts: 1 }, "fc3/orders:LATEST": {}, "functiongraph/default/orders:latest": {} },
    });
    expect(clients(loaded)).toEqual([]);
  }, 130_000);
});
