/**
 * `raw-body`, as FC's Node.js runtimes provide it built in (FC documents `raw-body` among the modules
 * every Node.js runtime has, next to `co`, `ali-oss`, `tablestore`, `@alicloud/fc2`…; the official
 * fc-nodejs-sdk suite's function `require`s it). The npm package is not a dependency of this project,
 * so this is a small, complete implementation of its public API (raw-body 2.x):
 *
 *   getRawBody(stream, [options | encoding], [callback]) → Promise<Buffer | string> without a callback
 *   options: { length?, limit?, encoding? } — limit as bytes or '1mb'/'100kb'; encoding true = 'utf-8'
 *
 * Errors carry raw-body's `type`, `status`, `expected`, `received`, `limit`/`length`:
 * 'entity.too.large' (413), 'request.size.invalid' (400), 'request.aborted' (400).
 *
 * A user's own `node_modules/raw-body` wins over this one (see child.mts), as on the cloud.
 * Plain CommonJS with erasable types only: it runs from the repository by type stripping and from
 * dist/ compiled to `.cjs`.
 */

type Callback = (error: Error | null, body?: Buffer | string) => void;
interface Options {
  length?: number | string | null;
  limit?: number | string | null;
  encoding?: string | boolean | null;
}
interface Readable {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
  unpipe?: () => void;
  pause?: () => void;
  resume?: () => void;
  readableEnded?: boolean;
}

const UNITS: Record<string, number> = { b: 1, kb: 1 << 10, mb: 1 << 20, gb: 1 << 30, tb: 2 ** 40, pb: 2 ** 50 };

function bytes(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const match = /^((-|\+)?(\d+(?:\.\d+)?)) *(kb|mb|gb|tb|pb|b)?$/i.exec(value.trim());
  if (!match) return null;
  const unit = (match[4] ?? "b").toLowerCase();
  return Math.floor(parseFloat(match[1] as string) * (UNITS[unit] as number));
}

function rawBodyError(message: string, status: number, type: string, props: Record<string, unknown>): Error {
  const error = new Error(message) as Error & Record<string, unknown>;
  Object.assign(error, { status, statusCode: status, expose: true, type }, props);
  return error;
}

function readStream(stream: Readable, length: number | null, limit: number | null, encoding: string | null, done: Callback): void {
  let received = 0;
  let finished = false;
  const chunks: Buffer[] = [];

  const cleanup = () => {
    stream.removeListener("data", onData);
    stream.removeListener("end", onEnd);
    stream.removeListener("error", onEnd);
    stream.removeListener("close", cleanup);
    stream.removeListener("aborted", onAborted);
  };
  const finish = (error: Error | null, body?: Buffer | string) => {
    if (finished) return;
    finished = true;
    cleanup();
    if (error !== null) {
      stream.unpipe?.();
      stream.pause?.();
    }
    done(error, body);
  };
  const onAborted = () => {
    finish(rawBodyError("request aborted", 400, "request.aborted", { code: "ECONNABORTED", expected: length, length, received }));
  };
  const onData = (...args: unknown[]) => {
    if (finished) return;
    const chunk = args[0];
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), "utf8");
    received += buffer.length;
    if (limit !== null && received > limit) {
      finish(rawBodyError("request entity too large", 413, "entity.too.large", { expected: length, length, limit, received }));
      return;
    }
    chunks.push(buffer);
  };
  const onEnd = (...args: unknown[]) => {
    const error = args[0];
    if (error instanceof Error) {
      finish(error);
      return;
    }
    if (length !== null && received !== length) {
      finish(rawBodyError("request size did not match content length", 400, "request.size.invalid", { expected: length, length, received }));
      return;
    }
    const body = Buffer.concat(chunks);
    finish(null, encoding === null ? body : body.toString(encoding as BufferEncoding));
  };

  if (limit !== null && length !== null && length > limit) {
    process.nextTick(() => finish(rawBodyError("request entity too large", 413, "entity.too.large", { expected: length, length, limit })));
    return;
  }
  stream.on("aborted", onAborted);
  stream.on("close", cleanup);
  stream.on("data", onData);
  stream.on("end", onEnd);
  stream.on("error", onEnd);
  stream.resume?.();
}

function getRawBody(stream: Readable, options?: Options | string | boolean | Callback, callback?: Callback): Promise<Buffer | string> | undefined {
  let done = callback;
  let opts: Options = {};
  if (typeof options === "function") done = options;
  else if (typeof options === "string" || typeof options === "boolean") opts = { encoding: options };
  else if (options !== undefined && options !== null) opts = options;
  if (done !== undefined && typeof done !== "function") throw new TypeError("argument callback must be a function");
  const encoding = opts.encoding === true ? "utf-8" : typeof opts.encoding === "string" ? opts.encoding : null;
  if (encoding !== null && !Buffer.isEncoding(encoding)) {
    throw rawBodyError(`specified encoding unsupported: ${encoding}`, 415, "encoding.unsupported", { charset: encoding.toLowerCase() });
  }
  const length = bytes(opts.length);
  const limit = bytes(opts.limit);
  if (done !== undefined) {
    readStream(stream, length, limit, encoding, done);
    return undefined;
  }
  return new Promise((resolve, reject) => {
    readStream(stream, length, limit, encoding, (error, body) => (error === null ? resolve(body as Buffer | string) : reject(error)));
  });
}

module.exports = getRawBody;
