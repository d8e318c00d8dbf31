// The import graph of provider/ and contracts/: no module is part of a cycle (type-only imports included, and
// dynamic `import()`s), and no API folder of the provider imports another API's folder. Read from the sources with
// the TypeScript scanner's own pre-processor, so comments and strings that look like imports do not count.
import path from "node:path";
import { describe, expect, test } from "vitest";
import { APIS } from "../provider/apis";
import { cycles as cyclesOf, importGraph } from "./kit/import-graph";

const graph = importGraph(path.join(__dirname, ".."), ["provider", "contracts"]);
const cycles = () => cyclesOf(graph);

describe("the provider's import graph", () => {
  test("reads every module of provider/ and contracts/", () => {
    expect(graph.has("provider/apis.ts")).toBe(true);
    expect(graph.get("provider/apis.ts")).toEqual(["provider/api-descriptor.ts", "provider/fc2/api.ts", "provider/fc3/api.ts", "provider/functiongraph/api.ts"]);
  });

  test("has no cycle, type-only imports included", () => {
    expect(cycles()).toEqual([]);
  });

  test("no API folder imports another API's folder, the registry or the policy component", () => {
    // An API folder is where a descriptor of the registry lives.
    const apiFolders = (graph.get("provider/apis.ts") ?? []).filter((file) => file.endsWith("/api.ts")).map((file) => `${path.posix.dirname(file)}/`);
    expect(apiFolders).toEqual(["provider/fc2/", "provider/fc3/", "provider/functiongraph/"]);
    expect(apiFolders.length).toBe(APIS.length);
    const upward = ["provider/apis.ts", "provider/index.ts", "provider/dynamic-provider.ts", "provider/fc-compat.ts", "provider/policy/index.ts", "provider/policy/async-invoke-policy.ts", "provider/policy/async-invoke-policy-batch.ts", "provider/policy/policy-config.ts", "provider/policy/batch-provider.ts"];
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const own = apiFolders.find((folder) => file.startsWith(folder));
      if (own === undefined) continue;
      for (const target of imports) {
        if (apiFolders.some((folder) => folder !== own && target.startsWith(folder)) || upward.includes(target)) wrong.push(`${file} -> ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test("shared/ imports nothing above it", () => {
    const wrong = [...graph].flatMap(([file, imports]) => (file.startsWith("provider/shared/") ? imports.filter((t) => t.startsWith("provider/") && !t.startsWith("provider/shared/")).map((t) => `${file} -> ${t}`) : []));
    expect(wrong).toEqual([]);
  });

  test("a cycle would be found: the check can fail", () => {
    graph.set("provider/__probe_a.ts", ["provider/__probe_b.ts"]);
    graph.set("provider/__probe_b.ts", ["provider/__probe_a.ts"]);
    try {
      expect(cycles()).toEqual([["provider/__probe_a.ts", "provider/__probe_b.ts"]]);
    } finally {
      graph.delete("provider/__probe_a.ts");
      graph.delete("provider/__probe_b.ts");
    }
  });
});
