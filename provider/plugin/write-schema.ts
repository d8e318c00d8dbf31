/**
 * Writes `provider/plugin/schema.json` from `package-schema.ts` at the package's version:
 * `node -r ts-node/register/transpile-only provider/plugin/write-schema.ts`. A test checks the committed file is current.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { packageVersion } from "./main";
import { packageSchema } from "./package-schema";

export const SCHEMA_PATH = path.resolve(__dirname, "schema.json");

/** The schema file's text: two-space JSON and a final newline. */
export function schemaFileText(): string {
  return `${JSON.stringify(packageSchema(packageVersion()), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_PATH, schemaFileText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_PATH)}\n`);
}
