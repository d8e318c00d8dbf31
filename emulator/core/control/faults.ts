import { z } from "zod";

/**
 * Fault injection for FC requests: added latency, a rate of 429 / 500 / 503 answers and of connection
 * resets, optionally only for some operations and only a limited number of times. Draws come from a
 * seeded PRNG, one draw per matching request, so the same seed and the same request sequence give the
 * same faults — a retry test fails the same way every run.
 */

const rate = z.number().min(0).max(1);

export const faultConfigSchema = z.strictObject({
  /** PRNG seed; the same seed replays the same sequence of faults. */
  seed: z.number().int().default(1),
  /** Added before every matching request is answered, faulted or not. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Probability of each fault per matching request; together at most 1. */
  rates: z
    .strictObject({ "429": rate, "500": rate, "503": rate, reset: rate })
    .partial()
    .default({})
    .refine((r) => (r["429"] ?? 0) + (r["500"] ?? 0) + (r["503"] ?? 0) + (r.reset ?? 0) <= 1, {
      error: "the rates add up to more than 1",
    }),
  /** Only these operations (the cloud's action names) are affected; all when absent. */
  operations: z.array(z.string()).min(1).optional(),
  /** Stop injecting errors and resets after this many; latency continues. */
  limit: z.number().int().positive().optional(),
  /** Sent as `Retry-After` with injected 429 and 503 answers. */
  retryAfterSeconds: z.number().int().min(0).optional(),
});

export type FaultConfigInput = z.input<typeof faultConfigSchema>;
export type FaultConfig = z.output<typeof faultConfigSchema>;

export type FaultKind = "429" | "500" | "503" | "reset";
/** What to do to one request; `retryAfterSeconds` goes with a 429 or 503 as its Retry-After header. */
export type FaultDecision = { latencyMs: number; fault: FaultKind | undefined; retryAfterSeconds?: number | undefined };

export interface FaultStats {
  /** Requests the configuration applied to. */
  matched: number;
  injected: Record<FaultKind, number>;
}

/** mulberry32: tiny, fast, and good enough to spread faults; not for anything secret. The chaos trials draw from it too. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const NONE: FaultDecision = { latencyMs: 0, fault: undefined };

export class FaultInjector {
  #config: FaultConfig | undefined;
  #random: () => number = Math.random;
  #stats: FaultStats = FaultInjector.#emptyStats();

  static #emptyStats(): FaultStats {
    return { matched: 0, injected: { "429": 0, "500": 0, "503": 0, reset: 0 } };
  }

  configure(config: FaultConfig): void {
    this.#config = config;
    this.#random = mulberry32(config.seed);
    this.#stats = FaultInjector.#emptyStats();
  }

  clear(): void {
    this.#config = undefined;
    this.#stats = FaultInjector.#emptyStats();
  }

  get config(): FaultConfig | undefined {
    return this.#config;
  }

  get stats(): FaultStats {
    return structuredClone(this.#stats);
  }

  decide(operation: string): FaultDecision {
    const config = this.#config;
    if (!config || (config.operations && !config.operations.includes(operation))) return NONE;
    this.#stats.matched++;
    const draw = this.#random();
    const injectedSoFar = Object.values(this.#stats.injected).reduce((a, b) => a + b, 0);
    if (config.limit !== undefined && injectedSoFar >= config.limit) return { latencyMs: config.latencyMs, fault: undefined };
    let threshold = 0;
    for (const kind of ["429", "500", "503", "reset"] as const) {
      threshold += config.rates[kind] ?? 0;
      if (draw < threshold) {
        this.#stats.injected[kind]++;
        return { latencyMs: config.latencyMs, fault: kind, retryAfterSeconds: config.retryAfterSeconds };
      }
    }
    return { latencyMs: config.latencyMs, fault: undefined };
  }
}
