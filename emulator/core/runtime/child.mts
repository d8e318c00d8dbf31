/**
 * One function instance: a child process that loads the user's handler and calls it the way Alibaba's
 * Node.js runtimes do — `handler(event: Buffer, context, callback)`, or an async handler whose promise
 * is the result. The context is the API's (plain data from the parent) plus a `logger`. The runtime (parent) forks one per warm instance and kills it on timeout or stop.
 *
 * This file is ESM (`.mts`) so that the same source runs from `dist/` (compiled to `.mjs`) and, in the
 * tests, straight from the repository through Node's built-in type stripping: only erasable TypeScript
 * here (no enums, no parameter properties), and it imports nothing of ours at run time.
 *
 * It never writes to the real stdout: what the function prints is captured per invocation and returned
 * to the parent (FC's `X-Fc-Log-Result`), so user output cannot interleave with the emulator's own.
 */
import * as fs from "node:fs";
import { createRequire, registerHooks } from "node:module";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { format } from "node:util";
import type { ChildMessage, FunctionErrorBody, InvokeMessage } from "./protocol.js";

/**
 * Modules FC's Node.js runtimes provide built in, for the ones the emulator ships (./builtins/). Resolved
 * only when the normal lookup fails, so a function's own node_modules copy wins, as on the cloud.
 * `.cjs` is the dist/ build, `.cts` the repository source run by type stripping.
 */
const BUILTIN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "builtins");
const BUILTIN_MODULES = ["raw-body"];
function builtinUrl(specifier: string): string | undefined {
  if (!BUILTIN_MODULES.includes(specifier)) return undefined;
  const file = [".cjs", ".cts"].map((ext) => path.join(BUILTIN_DIR, `${specifier}${ext}`)).find((f) => fs.existsSync(f));
  return file === undefined ? undefined : pathToFileURL(file).href;
}
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const url = builtinUrl(specifier);
      if (url === undefined) throw error;
      return { url, shortCircuit: true };
    }
  },
});

/** Caps the log kept per invocation; the cloud's Tail returns only the last 4 KB anyway. */
const MAX_LOG_CHARS = 1 << 20;

type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; handling: "handled" | "unhandled"; error: unknown };

interface Running {
  requestId: string;
  logs: string;
  settle: (outcome: Outcome) => void;
}

let current: Running | undefined;
/** Output printed between invocations (a timer left running by user code) goes to the next one's log. */
let orphanLogs = "";
const modules = new Map<string, Record<string, unknown>>();
let initialized = false;

function send(message: ChildMessage): void {
  process.send?.(message);
}

function appendLog(text: string): void {
  if (current !== undefined) {
    current.logs = (current.logs + text).slice(-MAX_LOG_CHARS);
  } else {
    orphanLogs = (orphanLogs + text).slice(-MAX_LOG_CHARS);
  }
}

function captureWrites(stream: NodeJS.WriteStream): void {
  stream.write = ((chunk: string | Uint8Array, encodingOrCallback?: unknown, maybeCallback?: unknown): boolean => {
    appendLog(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const callback = typeof encodingOrCallback === "function" ? encodingOrCallback : maybeCallback;
    if (typeof callback === "function") queueMicrotask(() => (callback as () => void)());
    return true;
  }) as typeof stream.write;
}
captureWrites(process.stdout);
captureWrites(process.stderr);

/**
 * An error thrown outside the handler's own call (a timer, a stray rejection) during an invocation kills the
 * process, as Node.js does and as FC's runtimes show it: the parent answers "Process exited unexpectedly before
 * completing request". The error goes to the real stderr first, which the parent keeps as the invocation's log.
 * Between invocations it is only logged, and the warm instance lives on.
 */
function dieOf(error: unknown): void {
  fs.writeSync(2, `${format(error)}\n`);
  process.exit(1);
}
process.on("uncaughtException", (error) => {
  if (current !== undefined) dieOf(error);
  else appendLog(`${format(error)}\n`);
});
process.on("unhandledRejection", (reason) => {
  if (current !== undefined) dieOf(reason);
  else appendLog(`${format(reason)}\n`);
});
// The parent went away: nothing can reach this instance any more.
process.on("disconnect", () => process.exit(0));

/** This folder: the emulator's own runtime files (this file, ./builtins/), as paths and as file: URLs. */
const RUNTIME_DIR = path.dirname(fileURLToPath(import.meta.url));
const RUNTIME_DIR_URL = pathToFileURL(RUNTIME_DIR).href;

/**
 * A stack trace as the function's author should read it: the error's own line(s), then only the frames that are
 * not the emulator's runtime (`child.mjs`/`child.mts` and its built-in modules) — the user's files and Node's own.
 */
function userStack(stack: string): string[] {
  const lines = stack.split("\n");
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  if (firstFrame < 0) return lines;
  const ours = (line: string) => line.includes(`${RUNTIME_DIR}${path.sep}`) || line.includes(`${RUNTIME_DIR_URL}/`);
  return [...lines.slice(0, firstFrame), ...lines.slice(firstFrame).filter((line) => !/^\s+at /.test(line) || !ours(line))];
}

function errorBody(error: unknown): FunctionErrorBody {
  if (error instanceof Error) {
    return {
      errorMessage: error.message,
      errorType: error.name,
      stackTrace: userStack(error.stack ?? `${error.name}: ${error.message}`),
    };
  }
  // `callback("some error")` is documented usage: the cloud reports the value as the message.
  if (typeof error === "string") return { errorMessage: error };
  try {
    return { errorMessage: JSON.stringify(error) ?? String(error) };
  } catch {
    return { errorMessage: String(error) };
  }
}

/** FC's result encoding: bytes as they are, strings as UTF-8, nothing as empty, anything else as JSON. */
function resultBytes(value: unknown): Uint8Array {
  if (value === undefined || value === null) return new Uint8Array();
  if (value instanceof Uint8Array) return value;
  if (typeof value === "string") return Buffer.from(value, "utf8");
  try {
    return Buffer.from(JSON.stringify(value) ?? String(value), "utf8");
  } catch {
    return Buffer.from(String(value), "utf8");
  }
}

/** `dir/file.export` → the module and the export name; the last dot separates them. */
async function loadExport(codeDir: string, handler: string): Promise<(...args: unknown[]) => unknown> {
  const dot = handler.lastIndexOf(".");
  if (dot <= 0 || dot === handler.length - 1) {
    throw new Error(`Invalid handler '${handler}': expected 'file.export', e.g. 'index.handler'`);
  }
  const file = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const absolute = path.resolve(codeDir, file);
  if (path.relative(codeDir, absolute).startsWith("..")) {
    throw new Error(`Invalid handler '${handler}': the file is outside the function's code`);
  }
  let exports = modules.get(absolute);
  if (exports === undefined) {
    exports = await importModule(absolute);
    modules.set(absolute, exports);
  }
  const fn = exports[exportName];
  if (typeof fn !== "function") {
    throw new Error(`Handler '${exportName}' is missing on module '${file}'`);
  }
  return fn as (...args: unknown[]) => unknown;
}

async function importModule(absolute: string): Promise<Record<string, unknown>> {
  const requireFromCode = createRequire(path.join(path.dirname(absolute), "noop.js"));
  let resolved: string;
  try {
    resolved = requireFromCode.resolve(absolute);
  } catch (error) {
    // The cloud's Node runtimes also load `index.mjs` / `index.cjs` for a handler `index.handler`.
    resolved = await firstExisting([`${absolute}.mjs`, `${absolute}.cjs`], error);
  }
  if (resolved.endsWith(".mjs")) {
    return (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
  }
  return requireFromCode(resolved) as Record<string, unknown>;
}

async function firstExisting(candidates: string[], notFound: unknown): Promise<string> {
  const { access } = await import("node:fs/promises");
  for (const candidate of candidates) {
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw notFound;
}

/**
 * Calls an FC-style function and waits for its outcome: the callback, or the returned promise.
 * A handler that declares the callback parameter owns its result through it (its promise resolving
 * to `undefined` does not end the invocation); a rejection is always an unhandled error.
 */
function call(fn: (...args: unknown[]) => unknown, args: unknown[], callbackIndex: number, running: Running, thrownErrors: "report" | "exit" = "report"): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    running.settle = (outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const callback = (error: unknown, value?: unknown): void => {
      if (error !== null && error !== undefined) running.settle({ ok: false, handling: "handled", error });
      else running.settle({ ok: true, value });
    };
    let returned: unknown;
    try {
      returned = fn(...args.slice(0, callbackIndex), callback);
    } catch (error) {
      if (thrownErrors === "exit") dieOf(error);
      running.settle({ ok: false, handling: "unhandled", error });
      return;
    }
    if (isThenable(returned)) {
      returned.then(
        (value) => {
          if (fn.length <= callbackIndex || value !== undefined) running.settle({ ok: true, value });
        },
        (error: unknown) => running.settle({ ok: false, handling: "unhandled", error }),
      );
    }
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function logger(requestId: string): Record<string, (...args: unknown[]) => void> {
  const line = (level: string) => (...args: unknown[]) =>
    appendLog(`${new Date().toISOString()} ${requestId} [${level}] ${format(...args)}\n`);
  return { debug: line("DEBUG"), info: line("INFO"), log: line("INFO"), warn: line("WARN"), error: line("ERROR") };
}

async function invoke(message: InvokeMessage): Promise<void> {
  const running: Running = { requestId: message.requestId, logs: orphanLogs, settle: () => {} };
  orphanLogs = "";
  current = running;
  send({ type: "started", requestId: message.requestId, rssBytes: process.memoryUsage.rss() });

  const context: Record<string, unknown> & { logger: ReturnType<typeof logger> } = {
    ...message.context,
    logger: logger(message.requestId),
  };
  const bytes = Buffer.from(message.event.buffer, message.event.byteOffset, message.event.byteLength);
  let event: unknown = bytes;
  if (message.eventAs === "json") {
    try {
      event = JSON.parse(bytes.toString("utf8"));
    } catch {
      event = bytes;
    }
  }

  let outcome: Outcome;
  try {
    const initializer = message.initializer;
    if (!initialized && initializer !== undefined && initializer !== "") {
      const init = await loadExport(message.codeDir, initializer);
      const initOutcome = await call(init, [context], 1, running);
      if (!initOutcome.ok) throw initOutcome.error;
      initialized = true;
    }
    const handler = await loadExport(message.codeDir, message.handler);
    outcome = await call(handler, [event, context], 2, running, message.thrownErrors);
  } catch (error) {
    outcome = { ok: false, handling: "unhandled", error };
  }

  current = undefined;
  const rssBytes = process.memoryUsage.rss();
  if (outcome.ok) {
    send({ type: "result", requestId: running.requestId, payload: resultBytes(outcome.value), logs: running.logs, rssBytes });
  } else {
    send({
      type: "error",
      requestId: running.requestId,
      handling: outcome.handling,
      body: errorBody(outcome.error),
      logs: running.logs,
      rssBytes,
    });
  }
}

process.on("message", (message: InvokeMessage) => {
  if (message.type === "invoke") void invoke(message);
});
send({ type: "ready" });
