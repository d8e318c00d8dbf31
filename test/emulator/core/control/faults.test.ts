// The seeded fault injector.
import { describe, expect, test } from "vitest";
import { FaultInjector, faultConfigSchema } from "../../../../emulator/core/control/faults";

describe("fault injector", () => {
  const run = (config: unknown, n: number) => {
    const faults = new FaultInjector();
    faults.configure(faultConfigSchema.parse(config));
    return Array.from({ length: n }, () => faults.decide("GetService").fault ?? "ok");
  };

  test("the same seed gives the same faults, another seed others", () => {
    const config = { seed: 7, rates: { "429": 0.25, "500": 0.25, reset: 0.25 } };
    expect(run(config, 40)).toEqual(run(config, 40));
    expect(run({ ...config, seed: 8 }, 40)).not.toEqual(run(config, 40));
  });

  test("rates are honoured over many draws", () => {
    const outcomes = run({ seed: 1, rates: { "503": 0.2 } }, 10_000);
    const share = outcomes.filter((o) => o === "503").length / outcomes.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.22);
  });

  test("a limit stops the faults but not the latency", () => {
    const faults = new FaultInjector();
    faults.configure(faultConfigSchema.parse({ rates: { "500": 1 }, limit: 2, latencyMs: 5 }));
    const decisions = Array.from({ length: 4 }, () => faults.decide("PutFunctionAsyncInvokeConfig"));
    expect(decisions).toEqual([
      { latencyMs: 5, fault: "500" },
      { latencyMs: 5, fault: "500" },
      { latencyMs: 5, fault: undefined },
      { latencyMs: 5, fault: undefined },
    ]);
    expect(faults.stats).toEqual({ matched: 4, injected: { "429": 0, "500": 2, "503": 0, reset: 0 } });
  });

  test("operations outside the filter are untouched and not counted", () => {
    const faults = new FaultInjector();
    faults.configure(faultConfigSchema.parse({ rates: { "429": 1 }, operations: ["ListServices"] }));
    expect(faults.decide("GetService")).toEqual({ latencyMs: 0, fault: undefined });
    expect(faults.decide("ListServices").fault).toBe("429");
    expect(faults.stats.matched).toBe(1);
  });
});
