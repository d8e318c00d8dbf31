import type { AttemptOutcome, AttemptRequest, AttemptRunner, EngineDirectory } from "../../../../emulator/core/engine/engine";
import { DEFAULT_ASYNC_POLICY, type AsyncPolicy, type InvocationTarget } from "../../../../emulator/core/engine/model";

/** Test doubles for the engine's two ports: scripted function outcomes and an in-memory directory. */

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
export class ScriptedRunner implements AttemptRunner {
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
    const script = this.#scripts.get(request.target.functionName) ?? ["ok"];
    const step = script.length > 1 ? (script.shift() as Step) : (script[0] ?? "ok");
    if (step === "throttle") return { kind: "throttled", statusCode: 429, errorCode: "ResourceExhausted" };
    if (step === "invalid") return { kind: "invalid", reason: "FunctionNotFound" };
    this.calls.push({ target: request.target, payload: request.payload.toString("utf8"), attempt: request.attempt, requestId: request.requestId });
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
      errorType: step === "handled" ? "HandledInvocationError" : "UnhandledInvocationError",
      payload: Buffer.from(ERROR_BODY),
      durationMs: 10,
      instanceId: "c-fake",
    };
  }
}

/** Async configs by `function:qualifier`, and the functions that exist. */
export class FakeDirectory implements EngineDirectory {
  readonly #policies = new Map<string, AsyncPolicy>();
  readonly #functions = new Set<string>(["fn", "dest"]);

  config(functionName: string, policy: Partial<AsyncPolicy>, qualifier = "LATEST"): this {
    this.#policies.set(`${functionName}:${qualifier}`, { ...DEFAULT_ASYNC_POLICY, ...policy });
    return this;
  }

  addFunction(name: string): this {
    this.#functions.add(name);
    return this;
  }

  asyncPolicy(t: InvocationTarget): AsyncPolicy | undefined {
    return this.#policies.get(`${t.functionName}:${t.qualifier}`);
  }

  functionExists(t: InvocationTarget): boolean {
    return t.accountId === ACCOUNT && this.#functions.has(t.functionName);
  }
}
