import { strToU8, zipSync } from "fflate";

/**
 * A function's code package, built in memory: file name → source. Tests deploy these through the
 * official SDKs (base64 in `code.zipFile`) or hand them to the runtime directly.
 */
export function functionZip(files: Record<string, string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, source] of Object.entries(files)) entries[name] = strToU8(source);
  return zipSync(entries);
}
