/**
 * A FunctionGraph function's code as CreateFunction and UpdateFunctionCode take it (`code_type`, `func_code.file`,
 * `code_filename`, `code_url`: Huawei's API reference "Creating a Function" and the official SDK's
 * `CreateFunctionRequestBody` / `UpdateFunctionCodeRequestBody`), checked when it is deployed, never at the first
 * invocation:
 * - `inline`: `func_code.file` is the base64 of the handler's source text, one file named for the handler's module
 *   (handler `index.handler` → `index.js`), as the console's editor and Terraform's `huaweicloud_fgs_function`
 *   (`code_type = "inline"`, `func_code = base64encode(…)`) send it;
 * - `zip`: `func_code.file` is the base64 of a zip package (`code_filename` names it; optional here);
 * - `obs` (a package at `code_url` in an OBS bucket), `jar` (Java) and `Custom-Image-Swr` (a container image): code
 *   the emulator cannot fetch or run.
 * Only Node.js runtimes run here (the emulator's function runtime is Node.js).
 *
 * Every refusal is 400 `FSS.0400` ("Invalid parameter", the catalogue's code for a request the API will not take)
 * naming the field: the cloud's own code for "the emulator does not do this" cannot exist, and a 400 at create is
 * what a deployment tool reports at once, where an invocation-time failure would only show in async records.
 */
import { createHash } from "node:crypto";
import { zipSync } from "fflate";
import type { FunctionCode } from "../core/runtime";
import { fgError } from "./errors";
import type { FgFunctionRecord } from "./tables";

/** The Node.js runtimes of the official SDK's runtime enum; `Node.js{major}.{minor}` of a newer release runs too. */
export const NODE_RUNTIMES = ["Node.js6.10", "Node.js8.10", "Node.js10.16", "Node.js12.13", "Node.js14.18", "Node.js16.17", "Node.js18.15"] as const;
const NODE_RUNTIME = /^Node\.js(\d+)\.\d+$/;

/** The code types the emulator runs. */
export const RUNNABLE_CODE_TYPES = ["inline", "zip"] as const;

/** The `code_*` fields of a CreateFunction or UpdateFunctionCode body. */
export interface CodeFields {
  readonly code_type: string;
  readonly func_code?: { readonly file?: string | undefined; readonly link?: string | undefined } | undefined;
  readonly code_filename?: string | undefined;
  readonly code_url?: string | undefined;
}

/** What the store keeps of a function's code. */
export type StoredCode = Pick<FgFunctionRecord, "codeType" | "codeFilename" | "codeZipBase64" | "inlineSourceBase64" | "codeSha256">;

/** The runtime's name for a FunctionGraph runtime (`Node.js18.15` → `nodejs18`); refuses what the emulator cannot run. */
export function nodeRuntimeOf(runtime: string): string {
  const major = NODE_RUNTIME.exec(runtime)?.[1];
  if (major === undefined) {
    throw fgError("FSS.0400", `Invalid parameter: runtime ${runtime} is not one the emulator runs; it runs Node.js functions only: ${NODE_RUNTIMES.join(", ")} (or a newer Node.js{major}.{minor})`);
  }
  return `nodejs${major}`;
}

/** The file an inline function's source is kept in: the handler's module with `.js` (`index.handler` → `index.js`). */
export function inlineFileName(handler: string): string {
  const dot = handler.lastIndexOf(".");
  if (dot <= 0 || dot === handler.length - 1) throw fgError("FSS.0400", `Invalid parameter: handler must be {file}.{function}, e.g. index.handler; got ${handler}`);
  return `${handler.slice(0, dot)}.js`;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodedFile(fields: CodeFields, what: string): Buffer {
  const file = fields.func_code?.file;
  if (file === undefined || file === "") throw fgError("FSS.0400", `Invalid parameter: func_code.file is required for code_type ${fields.code_type} (the base64 of ${what})`);
  const compact = file.replace(/\s+/g, "");
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw fgError("FSS.0400", `Invalid parameter: func_code.file must be base64 (of ${what})`);
  return Buffer.from(compact, "base64");
}

const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;

/** The code of a CreateFunction or UpdateFunctionCode request as the store keeps it, for a function of this handler. */
export function storedCode(fields: CodeFields, handler: string): StoredCode {
  switch (fields.code_type) {
    case "inline": {
      const fileName = inlineFileName(handler);
      const source = decodedFile(fields, `the handler's source text, kept as ${fileName}`);
      if (isZip(source)) throw fgError("FSS.0400", "Invalid parameter: func_code.file holds a zip package; send it with code_type zip (inline is the source text itself)");
      return { codeType: "inline", codeFilename: fileName, inlineSourceBase64: source.toString("base64"), codeSha256: sha256(source) };
    }
    case "zip": {
      const zip = decodedFile(fields, "a zip package");
      if (!isZip(zip)) throw fgError("FSS.0400", "Invalid parameter: func_code.file is not a zip package; source text is code_type inline");
      return { codeType: "zip", codeFilename: fields.code_filename ?? "", codeZipBase64: zip.toString("base64"), codeSha256: sha256(zip) };
    }
    case "obs":
      throw fgError("FSS.0400", `Invalid parameter: code_type obs is not supported by the emulator: it does not fetch code from OBS${fields.code_url ? ` (${fields.code_url})` : ""}; send the package as code_type zip or the source as code_type inline`);
    default:
      throw fgError("FSS.0400", `Invalid parameter: code_type ${fields.code_type} is not supported by the emulator, which runs Node.js code sent as code_type ${RUNNABLE_CODE_TYPES.join(" or ")}`);
  }
}

/** The size of the code as it was sent. */
export function codeSize(fn: Pick<FgFunctionRecord, "codeZipBase64" | "inlineSourceBase64">): number {
  const base64 = fn.inlineSourceBase64 ?? fn.codeZipBase64;
  return base64 === undefined ? 0 : Buffer.from(base64, "base64").length;
}

// Entries dated 1980-01-01 (the zip format's epoch): the same source always makes the same package.
const ZIP_EPOCH = new Date(1980, 0, 1);

/** The package the runtime unpacks: the zip as sent, or the inline source as its one file. Undefined: nothing to run. */
export function runtimeCode(fn: Pick<FgFunctionRecord, "codeZipBase64" | "inlineSourceBase64" | "codeFilename" | "codeSha256">): FunctionCode | undefined {
  const { inlineSourceBase64, codeZipBase64, codeFilename } = fn;
  if (inlineSourceBase64 !== undefined) {
    // The file name is part of what is unpacked: two functions with one source under two module names differ.
    return { checksum: `inline:${codeFilename}:${fn.codeSha256}`, zip: () => zipSync({ [codeFilename]: [Buffer.from(inlineSourceBase64, "base64"), { mtime: ZIP_EPOCH }] }) };
  }
  if (codeZipBase64 !== undefined) return { checksum: fn.codeSha256, zip: () => Buffer.from(codeZipBase64, "base64") };
  return undefined;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
