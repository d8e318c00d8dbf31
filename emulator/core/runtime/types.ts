import type { FunctionErrorBody } from "./protocol";

/**
 * What the runtime is asked to run and what it answers, in no API's words: the API folder builds the
 * spec (its environment variables and its `context`), and words the result (FC 2.0 answers a
 * `handled` error as HandledInvocationError).
 */

/** What the runtime needs to know about the function version being invoked. */
export interface FunctionSpec {
  /** Whose code: unpacked code is shared within an account, never across accounts. */
  accountId: string;
  /** Which warm pool: only invocations with the same key share instances (the API's account, function and qualifier). */
  poolKey: string;
  runtime: string;
  handler: string;
  /** MB; also the child's V8 heap limit, so a function that outgrows its memory fails as in the cloud. */
  memorySize: number;
  /** Seconds. */
  timeout: number;
  /** Called once per instance before its first invocation. */
  initializer?: string;
  initializationTimeout?: number;
  /**
   * How the handler receives the event: `bytes` (a Buffer, FC's runtimes; the default) or `json` (the parsed value
   * when the bytes are JSON, else the Buffer, as FunctionGraph's Node.js runtime hands it over).
   */
  eventAs?: "bytes" | "json";
  /**
   * `exit`: an error thrown out of the handler ends the instance's process, so the invocation fails as a crash
   * (the API's "process exited" answer) — what FC's oldest Node.js runtimes (nodejs4.4, nodejs6) did.
   * `report` (the default): the runtime catches it and reports it as an unhandled error with its stack.
   */
  thrownErrors?: "report" | "exit";
  /** The process environment the API's runtime sets and the function's own variables (which win), given the code directory. */
  environment(codeDir: string): Readonly<Record<string, string>>;
  /** The handler's `context` as plain data, in the API's shape; the child adds `logger`. */
  context(requestId: string): Readonly<Record<string, unknown>>;
}

export interface InvokeOptions {
  requestId: string;
  event: Uint8Array;
  /** Aborting kills the instance running this invocation (a stopped task). */
  signal?: AbortSignal;
  /** Called when the handler is about to run — the instant the function's timeout starts counting. */
  onStarted?: () => void;
}

export interface Completed {
  /** Everything the function printed during this invocation. */
  logs: string;
  /** Wall-clock time from the handler's start to its outcome. */
  durationMs: number;
  instanceId: string;
}

/**
 * Why a function failed: it reported an error itself (`callback(error)`), threw or rejected (or its
 * module failed to load), outlived its timeout, or its process died.
 */
export type FunctionErrorCause = "handled" | "unhandled" | "timeout" | "crash";

export type InvocationResult =
  | ({ kind: "success"; payload: Buffer } & Completed)
  | ({ kind: "functionError"; cause: FunctionErrorCause; body: FunctionErrorBody; payload: Buffer } & Completed)
  | ({ kind: "aborted" } & Completed);

/** Only `nodejs*` runtimes run here; the API answers this with its catalogue's code for it. */
export class UnsupportedRuntimeError extends Error {
  readonly runtime: string;
  constructor(runtime: string) {
    super(`runtime '${runtime}' is not supported by the emulator: only Node.js runtimes (nodejs*) run function code`);
    this.name = "UnsupportedRuntimeError";
    this.runtime = runtime;
  }
}

/** An instance could not be started at all: an emulator fault, not a function error. */
export class InstanceStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InstanceStartError";
  }
}

export function isNodeRuntime(runtime: string): boolean {
  return /^nodejs\d+(\.\d+)?$/.test(runtime);
}
