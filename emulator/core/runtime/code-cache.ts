import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { unzipSync } from "fflate";

/** The code of one function version: its checksum names it, its bytes are read only on a cache miss. */
export interface FunctionCode {
  /** FC's `codeChecksum` (CRC-64 of the zip): equal checksums are the same code. */
  readonly checksum: string;
  /** The zip exactly as CreateFunction/UpdateFunction received it. */
  zip(): Uint8Array | Promise<Uint8Array>;
}

/** The zip could not be unpacked: the cloud rejects such code at deployment, we find out at first run. */
export class CodeUnpackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CodeUnpackError";
  }
}

/**
 * Unpacks each distinct code zip once, into a private temporary directory, and hands out the
 * directory (the cloud's `/code`). Keyed by account and checksum: two functions of one account that
 * deploy the same zip share a read-only copy; accounts never share anything.
 */
export class CodeCache {
  #root: Promise<string> | undefined;
  readonly #unpacked = new Map<string, Promise<string>>();

  /** The directory holding `code`'s files, unpacking it on first use. */
  directory(accountId: string, code: FunctionCode): Promise<string> {
    const key = createHash("sha256").update(accountId).update("\0").update(code.checksum).digest("hex").slice(0, 32);
    let dir = this.#unpacked.get(key);
    if (dir === undefined) {
      dir = this.#unpack(key, code);
      this.#unpacked.set(key, dir);
      // A failed unpack is not cached: the next invocation tries again (and reports again).
      dir.catch(() => this.#unpacked.delete(key));
    }
    return dir;
  }

  async close(): Promise<void> {
    const root = this.#root;
    this.#root = undefined;
    this.#unpacked.clear();
    if (root !== undefined) await rm(await root, { recursive: true, force: true });
  }

  async #unpack(key: string, code: FunctionCode): Promise<string> {
    this.#root ??= mkdtemp(path.join(tmpdir(), "fc-emulator-code-"));
    const dir = path.join(await this.#root, key);
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(await code.zip());
    } catch (error) {
      throw new CodeUnpackError(`the function's code is not a valid zip file: ${(error as Error).message}`);
    }
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      const target = safeJoin(dir, name);
      if (name.endsWith("/")) {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    return dir;
  }
}

/** Refuses entry names that would land outside the directory ("zip slip": `../x`, `/etc/x`). */
function safeJoin(dir: string, name: string): string {
  const normalized = name.replace(/\\/g, "/");
  const target = path.resolve(dir, normalized);
  const relative = path.relative(dir, target);
  if (path.isAbsolute(normalized) || relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new CodeUnpackError(`the function's code zip holds an entry outside its root: '${name}'`);
  }
  return target;
}
