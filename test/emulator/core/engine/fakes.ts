import { AsyncEngine, type AsyncEngineOptions } from "../../../../emulator/core/engine/engine";
import type { KeptMessage } from "../../../../emulator/core/engine/messages";
import type { EventTarget } from "../../../../emulator/core/engine/model";
import type { AttemptOutcome, AttemptRequest, EngineApi } from "../../../../emulator/core/engine/ports";
import { engineTarget, fcDestinationRecord, fcPolicy, fcTarget, fcTaskId, type FcAsyncSettings } from "../../../../emulator/fc2/async/engine-api";
import { DEFAULT_MAX_ASYNC_EVENT_AGE_SECONDS, DEFAULT_MAX_ASYNC_RETRY_ATTEMPTS, type DestinationRecord, type InvocationTarget } from "../../../../emulator/fc2/async/model";
import { FcAsyncTasks } from "../../../../emulator/fc2/async/tasks";

/**
 * Test doubles for the engine's ports — scripted function outcomes and an in-memory directory of
 * configs — and the engine as FC 2.0 presents it (`FcEngine`), so expectations read in the cloud's words.
 */

export const ACCOUNT = "1234567890";
export const REGION = "cn-hangzhou";

export function target(functionName = "fn", qualifier = "LATEST", serviceName = "svc"): InvocationTarget {
  return { accountId: ACCOUNT, region: REGION, serviceName, qualifier, functionName };
}

/** What one scripted attempt does. `block` waits until `release()` or an abort. */
export type Step = "ok" | "error" | "handled" | "throttle" | "invalid" | "block";

export const ERROR_BODY = `{"errorMessage":"boom","errorType":"Error"}`;

export interface Call {
  target: InvocationTarget;
  payload: string;
  attempt: number;
  requestId: string;
}

/**
 * Runs the next step of the function's script on every attempt; when a script runs out, its last step
 * repeats ("always fails" is `["error"]`). Functions without a script succeed.
 */
export class ScriptedRunner {
  readonly calls: Call[] = [];
  readonly #scripts = new Map<string, Step[]>();
  #release: (() => void) | undefined;
  #started: Array<() => void> = [];

  script(functionName: string, steps: Step[]): this {
    this.#scripts.set(functionName, [...steps]);
    return this;
  }

  /** Resolves when a `block` step has started running. */
  started(): Promise<void> {
    return new Promise((resolve) => this.#started.push(resolve));
  }

  release(): void {
    this.#release?.();
  }

  async run(request: AttemptRequest): Promise<AttemptOutcome> {
    const fc = fcTarget(request.target);
    const script = this.#scripts.get(fc.functionName) ?? ["ok"];
    const step = script.length > 1 ? (script.shift() as Step) : (script[0] ?? "ok");
    if (step === "throttle") return { kind: "throttled", statusCode: 429, errorCode: "ResourceExhausted" };
    if (step === "invalid") return { kind: "invalid", reason: "FunctionNotFound" };
    this.calls.push({ target: fc, payload: request.payload.toString("utf8"), attempt: request.attempt, requestId: request.requestId });
    request.onStarted();
    if (step === "block") {
      for (const notify of this.#started.splice(0)) notify();
      const aborted = await new Promise<boolean>((resolve) => {
        this.#release = () => resolve(false);
        request.signal.addEventListener("abort", () => resolve(true), { once: true });
      });
      if (aborted) return { kind: "aborted", durationMs: 5 };
      return { kind: "success", payload: Buffer.from("released"), durationMs: 5, instanceId: "c-fake" };
    }
    if (step === "ok") return { kind: "success", payload: Buffer.from("ok"), durationMs: 10, instanceId: "c-fake" };
    return {
      kind: "functionError",
      handled: step === "handled",
      errorType: step === "handled" ? "HandledInvocationError" : "UnhandledInvocationError",
      payload: Buffer.from(ERROR_BODY),
      durationMs: 10,
      instanceId: "c-fake",
    };
  }
}

/** Async configs by `function:qualifier`, and the functions that exist. */
export class FakeDirectory {
  readonly #settings = new Map<string, FcAsyncSettings>();
  readonly #functions = new Set<string>(["fn", "dest"]);

  config(functionName: string, settings: Partial<FcAsyncSettings>, qualifier = "LATEST"): this {
    this.#settings.set(`${functionName}:${qualifier}`, {
      maxAsyncRetryAttempts: DEFAULT_MAX_ASYNC_RETRY_ATTEMPTS,
      maxAsyncEventAgeInSeconds: DEFAULT_MAX_ASYNC_EVENT_AGE_SECONDS,
      statefulInvocation: false,
      ...settings,
    });
    return this;
  }

  addFunction(name: string): this {
    this.#functions.add(name);
    return this;
  }

  settings(t: InvocationTarget): FcAsyncSettings | undefined {
    return this.#settings.get(`${t.functionName}:${t.qualifier}`);
  }

  functionExists(t: InvocationTarget): boolean {
    return t.accountId === ACCOUNT && this.#functions.has(t.functionName);
  }
}

/** FC 2.0's EngineApi with the fakes in place of the store and the runtime. */
export function fakeFcApi(directory: FakeDirectory, runner: ScriptedRunner): EngineApi {
  return {
    policy: (t: EventTarget) => fcPolicy(directory.settings(fcTarget(t)), t),
    functionExists: (t: EventTarget) => directory.functionExists(fcTarget(t)),
    run: (request) => runner.run(request),
    taskId: fcTaskId,
    destinationRecord: fcDestinationRecord,
  };
}

/** The engine as FC 2.0's handlers use it, plus what the tests drive directly. */
export class FcEngine extends FcAsyncTasks {
  constructor(readonly core: AsyncEngine) {
    super(core);
  }

  /** The kept destination messages, with FC 2.0's destination record. */
  get messages() {
    const log = this.core.messages;
    type FcMessage = KeptMessage & { record: DestinationRecord };
    return {
      messages: (accountId: string, destination: string) => log.messages(accountId, destination) as readonly FcMessage[],
      all: (accountId: string) => log.all(accountId) as Array<{ destination: string; messages: readonly FcMessage[] }>,
    };
  }

  recover(): void {
    this.core.recover();
  }

  close(): void {
    this.core.close();
  }
}

export function fcEngine(directory: FakeDirectory, runner: ScriptedRunner, options: Omit<AsyncEngineOptions, "apis">): FcEngine {
  return new FcEngine(new AsyncEngine({ ...options, apis: { fc2: fakeFcApi(directory, runner) } }));
}

export { engineTarget };
