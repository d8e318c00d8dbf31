// The emulator's import graph, read from the source: no module of `emulator/` is part of an import cycle (type-only
// imports included, as `import type` still ties two modules' meanings together), `core/` imports no API folder, and
// no API folder imports another (machinery two APIs need lives in `core/`, a cloud fact in `contracts/`).
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../../emulator");
const SOURCE = /\.(ts|mts|cts)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Every module specifier a file names: `import … from`, `export … from`, `import "…"`, `import("…")`, `require("…")`. */
export function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const patterns = [
    /(?:^|[;\n])\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g,
    /(?:^|[;\n])\s*import\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1] as string));
}

/** A relative specifier resolved to a source file of the tree; undefined for packages and files outside it. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.(c|m)?js$/, "");
  const candidates = [base, ...[".ts", ".mts", ".cts"].map((ext) => stem + ext), ...["index.ts", "index.mts"].map((index) => path.join(base, index))];
  return candidates.find((candidate) => candidate.startsWith(ROOT + path.sep) && fs.existsSync(candidate) && fs.statSync(candidate).isFile());
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(ROOT)) {
    const targets = specifiers(fs.readFileSync(file, "utf8"))
      .map((s) => resolveSpecifier(file, s))
      .filter((t): t is string => t !== undefined);
    graph.set(rel(file), [...new Set(targets.map(rel))]);
  }
  return graph;
}

/** Strongly connected components with more than one module, or a module importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indexOf.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, indexOf.get(next) as number));
      }
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
  for (const node of [...graph.keys()].sort()) if (!indexOf.has(node)) visit(node);
  return found;
}

/** The top folder of a module (`fc2`, `core`, …); undefined for the files at the root (`index.ts`, `cli.ts`). */
const folderOf = (module: string): string | undefined => (module.includes("/") ? module.split("/")[0] : undefined);

describe("the emulator's import graph", () => {
  const graph = importGraph();

  it("reads the imports it walks (the regex sees multi-line, type-only and re-export forms)", () => {
    expect(specifiers('import type {\n  A,\n  B,\n} from "./a";\nexport { C } from "../c";\nimport "./side";\nconst m = import("./lazy");')).toEqual(["./a", "../c", "./side", "./lazy"]);
    expect(graph.get("index.ts")).toEqual(expect.arrayContaining(["core/api.ts", "fc2/index.ts", "fc3/index.ts", "functiongraph/index.ts"]));
    expect(graph.size).toBeGreaterThan(100);
  });

  it("has no import cycle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("keeps core/ free of API folders and every API folder free of the others", () => {
    const apiFolders = new Set([...graph.keys()].map(folderOf).filter((f): f is string => f !== undefined && f !== "core"));
    expect([...apiFolders].sort()).toEqual(["fc2", "fc3", "functiongraph"]);
    const crossings: string[] = [];
    for (const [module, targets] of graph) {
      const from = folderOf(module);
      if (from === undefined) continue;
      for (const target of targets) {
        const to = folderOf(target);
        if (to === undefined || to === from || to === "core") continue;
        crossings.push(`${module} → ${target}`);
      }
    }
    expect(crossings).toEqual([]);
  });
});
