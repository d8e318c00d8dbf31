// The import graph of provider/ and contracts/: no module is part of a cycle (type-only imports included, and
// dynamic `import()`s), and no API folder of the provider imports another API's folder. Read from the sources with
// the TypeScript scanner's own pre-processor, so comments and strings that look like imports do not count.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { APIS } from "../provider/apis";

const root = path.join(__dirname, "..");
const FOLDERS = ["provider", "contracts"];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The package's own modules `file` imports (relative specifiers resolved to files), by path from the root. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  return info.importedFiles
    .map((ref) => ref.fileName)
    // A JSON document (the plugin's schema.json) imports nothing, so it is no node of the graph.
    .filter((spec) => spec.startsWith(".") && !spec.endsWith(".json"))
    .map((spec) => {
      const base = path.resolve(path.dirname(file), spec.replace(/\.js$/, ""));
      const found = [`${base}.ts`, path.join(base, "index.ts")].find((candidate) => fs.existsSync(candidate));
      if (found === undefined) throw new Error(`${path.relative(root, file)} imports ${spec}, which is no module`);
      return path.relative(root, found);
    });
}

const graph = new Map<string, string[]>(FOLDERS.flatMap((folder) => sources(path.join(root, folder))).map((file) => [path.relative(root, file), importsOf(file)]));

/** Every cycle as the list of its modules (Tarjan's strongly connected components with more than one module, or a self-import). */
function cycles(): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, indexOf.get(next) as number));
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
  return found;
}

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
