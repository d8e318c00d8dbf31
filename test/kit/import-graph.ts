// The import graph of part of the source tree, for the structure tests of provider/ and emulator/: every module's
// imports (static, type-only, re-exports, side-effect imports, dynamic `import()` and `require`), read with the
// TypeScript scanner's own pre-processor, so comments and strings that look like imports do not count.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const SOURCE = /\.(ts|mts|cts)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Every module specifier a source text names, in order. */
export function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((ref) => ref.fileName);
}

/** A relative specifier of `from` resolved to a source file; undefined for a package or a JSON document (data, no node). */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".") || specifier.endsWith(".json")) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.(c|m)?js$/, "");
  const candidates = [base, ...[".ts", ".mts", ".cts"].map((ext) => stem + ext), ...["index.ts", "index.mts"].map((index) => path.join(base, index))];
  const found = candidates.find((candidate) => SOURCE.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  if (found === undefined) throw new Error(`${from} imports ${specifier}, which is no module`);
  return found;
}

/**
 * The modules below `folders` (relative to `base`) and, for each, the modules of that same set it imports, all named
 * by their path from `base` with `/` separators.
 */
export function importGraph(base: string, folders: readonly string[] = ["."]): Map<string, string[]> {
  const files = folders.flatMap((folder) => sourceFiles(path.join(base, folder)));
  const name = (file: string) => path.relative(base, file).split(path.sep).join("/");
  const walked = new Set(files.map(name));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = specifiers(fs.readFileSync(file, "utf8"))
      .map((spec) => resolveSpecifier(file, spec))
      .filter((target): target is string => target !== undefined)
      .map(name)
      .filter((target) => walked.has(target));
    graph.set(name(file), [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle as the sorted list of its modules: Tarjan's strongly connected components of more than one module, or a self-import. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
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
  for (const node of [...graph.keys()].sort()) if (!indexOf.has(node)) visit(node);
  return found;
}
