import type { StsCredentials } from "../auth";
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
}
