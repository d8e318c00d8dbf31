import type { StsCredentials } from "../accounts";
import type { FaultConfig, FaultConfigInput, FaultStats } from "./faults";

/**
 * A typed client for the control surface (`surface.ts`), for tests and scripts — in-process or
 * against an emulator in another process (the CLI). Uses the global fetch.
 */
export class ControlClient {
  readonly url: string;

  constructor(emulatorUrl: string) {
    this.url = emulatorUrl.replace(/\/+$/, "");
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/_emulator/${path}`, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${method} ${path} failed with ${response.status}: ${text}`);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  health(): Promise<{ status: string; region: string; store: "memory" | "file"; accounts: string[] }> {
    return this.#call("GET", "health");
  }

  async requestCounts(): Promise<Record<string, number>> {
    return (await this.#call<{ counts: Record<string, number> }>("GET", "requests")).counts;
  }

  resetRequestCounts(): Promise<void> {
    return this.#call("DELETE", "requests");
  }

  setFaults(config: FaultConfigInput): Promise<{ config: FaultConfig; stats: FaultStats }> {
    return this.#call("PUT", "faults", config);
  }

  faults(): Promise<{ config: FaultConfig | null; stats: FaultStats }> {
    return this.#call("GET", "faults");
  }

  clearFaults(): Promise<void> {
    return this.#call("DELETE", "faults");
  }

  mintSts(options: { accountId?: string; durationSeconds?: number } = {}): Promise<StsCredentials & { accountId: string }> {
    return this.#call("POST", "sts", options);
  }

  reset(): Promise<void> {
    return this.#call("POST", "reset");
  }

  /** What MNS / EventBridge / RocketMQ destinations received (the record as JSON in `body`). */
  async destinations(): Promise<KeptDestination[]> {
    return (await this.#call<{ destinations: KeptDestination[] }>("GET", "destinations")).destinations;
  }

  clearDestinations(): Promise<void> {
    return this.#call("DELETE", "destinations");
  }

  /** The async engine's time; `virtual` says whether the calls below can move it. */
  clock(): Promise<EngineClockState> {
    return this.#call("GET", "clock");
  }

  /** Runs every async task due within `ms` of virtual time, and waits until they are done. */
  advanceClock(ms: number): Promise<EngineClockState> {
    return this.#call("POST", "clock/advance", { ms });
  }

  /** Moves virtual time without running anything, as if the queue had stalled. */
  jumpClock(ms: number): Promise<EngineClockState> {
    return this.#call("POST", "clock/jump", { ms });
  }

  /** Runs async tasks, jumping virtual time ahead, until none is left. */
  runUntilIdle(): Promise<EngineClockState> {
    return this.#call("POST", "clock/run-until-idle");
  }
}

export interface KeptDestination {
  accountId: string;
  destination: string;
  messages: Array<{ messageId: string; body: string; publishedTime: number }>;
}

export interface EngineClockState {
  now: string;
  virtual: boolean;
  pendingTasks?: number;
  nextDueAt?: string | null;
}
