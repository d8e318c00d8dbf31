/**
 * `pulumi-resource-asyncinvoke`: the entry point the launcher (`bin/pulumi-resource-asyncinvoke`) runs with node.
 * The engine starts it with its own address as the first argument (and flags such as `--logtostderr`), reads the
 * port from the first line of stdout, and stops it when the deployment ends.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PluginProvider } from "./provider";
// Imported, so the compiler copies it into dist/ beside this module.
import schemaJson from "./schema.json";
import { serve } from "./server";

/** The package's version: the plugin's version, and the schema's. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

/** The package folder: `dist/provider/plugin/` is three levels below it, `provider/plugin/` (ts-node) two. */
function packageRoot(): string {
  const compiled = path.resolve(__dirname, "..", "..", "..");
  return path.basename(path.resolve(__dirname, "..", "..")) === "dist" ? compiled : path.resolve(__dirname, "..", "..");
}

/** The schema shipped beside the plugin (`provider/plugin/schema.json`, copied into dist by the compiler). */
export function schemaText(): string {
  return JSON.stringify(schemaJson);
}

async function main(): Promise<void> {
  const { port } = await serve(new PluginProvider(), { version: packageVersion(), schema: schemaText() });
  // The engine reads the port from the first line; nothing else may be written to stdout before it.
  process.stdout.write(`${port}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`pulumi-resource-asyncinvoke: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
