// The emulator's import graph, read from the source: no module of `emulator/` is part of an import cycle (type-only
// imports included, as `import type` still ties two modules' meanings together), `core/` imports no API folder, and
// no API folder imports another (machinery two APIs need lives in `core/`, a cloud fact in `contracts/`).
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, importGraph, specifiers } from "../kit/import-graph";

const ROOT = path.resolve(__dirname, "../../emulator");

/** The top folder of a module (`fc2`, `core`, …); undefined for the files at the root (`index.ts`, `cli.ts`). */
const folderOf = (module: string): string | undefined => (module.includes("/") ? module.split("/")[0] : undefined);

describe("the emulator's import graph", () => {
  const graph = importGraph(ROOT);

  it("reads the imports it walks (multi-line, type-only, re-export, side-effect and dynamic forms)", () => {
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
