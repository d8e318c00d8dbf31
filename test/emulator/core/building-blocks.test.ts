// Pure pieces of the emulator, tested without HTTP: the CRC-64 of code packages, page tokens bound to
// their query, the seeded fault injector, and the store's transactions and account isolation.
import { describe, expect, test } from "vitest";
import { FaultInjector, faultConfigSchema } from "../../../emulator/core/control/faults";
import { CoreError } from "../../../emulator/core/errors";
import { crc64 } from "../../../emulator/fc2/handlers/support/crc64";
import { PageTokens } from "../../../emulator/core/paging/page-tokens";
import { lexicalAfter, paginate } from "../../../emulator/core/paging/paginate";
import { MemoryStore } from "../../../emulator/core/store";

describe("crc64 (CRC-64/XZ, as FC's codeChecksum)", () => {
  test.each([
    ["", "0"],
    ["123456789", String(0x995dc9bbdf1939fan)],
    ["a", String(0x330284772e652b05n)],
  ])("of %j is %s", (input, expected) => {
    expect(crc64(Buffer.from(input))).toBe(expected);
  });
});

describe("page tokens", () => {
  const tokens = new PageTokens(Buffer.alloc(32, 7));
  const scope = JSON.stringify(["acct", "ListServices"]);

  test("open what they issued, for the same scope only", () => {
    const token = tokens.issue(scope, "svc-42");
    expect(tokens.open(scope, token)).toBe("svc-42");
    let refusal: unknown;
    try {
      tokens.open(JSON.stringify(["other", "ListServices"]), token);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CoreError);
    expect((refusal as CoreError).problem).toEqual({ kind: "InvalidArgument", message: "nextToken is invalid: it was not issued for this request" });
    expect(() => new PageTokens(Buffer.alloc(32, 8)).open(scope, token)).toThrow("nextToken is invalid: it was not issued for this request");
  });

  test("paginate walks a list in pages and continues after a deleted boundary item", () => {
    const items = ["a", "b", "c", "d", "e"];
    const first = paginate(items, (x) => x, lexicalAfter, { limit: 2, nextToken: undefined, scope: ["s"] }, tokens);
    expect(first.page).toEqual(["a", "b"]);
    const withoutB = items.filter((x) => x !== "b");
    const second = paginate(withoutB, (x) => x, lexicalAfter, { limit: 2, nextToken: first.nextToken, scope: ["s"] }, tokens);
    expect(second.page).toEqual(["c", "d"]);
    const third = paginate(withoutB, (x) => x, lexicalAfter, { limit: 2, nextToken: second.nextToken, scope: ["s"] }, tokens);
    expect(third).toEqual({ page: ["e"], nextToken: undefined });
  });
});

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

describe("memory store", () => {
  const version = (id: string) => ({ versionId: id, description: "", createdTime: "t", lastModifiedTime: "t" });

  test("a transaction that throws leaves nothing behind; one that returns applies all its writes", () => {
    const store = new MemoryStore();
    expect(() =>
      store.transact("1", (tx) => {
        tx.put("versions", ["svc", "1"], version("1"));
        throw new Error("changed my mind");
      }),
    ).toThrow("changed my mind");
    expect(store.reader("1").list("versions", [])).toEqual([]);
    store.transact("1", (tx) => {
      tx.put("versions", ["svc", "1"], version("1"));
      tx.put("versions", ["svc", "2"], version("2"));
      expect(tx.list("versions", ["svc"]).map((r) => r.key[1])).toEqual(["1", "2"]);
      tx.delete("versions", ["svc", "1"]);
      expect(tx.get("versions", ["svc", "1"])).toBeUndefined();
    });
    expect(store.reader("1").list("versions", ["svc"]).map((r) => r.key)).toEqual([["svc", "2"]]);
  });

  test("accounts do not see each other's rows, and stored rows cannot be mutated in place", () => {
    const store = new MemoryStore();
    store.transact("1", (tx) => tx.put("versions", ["svc", "1"], version("1")));
    expect(store.reader("2").get("versions", ["svc", "1"])).toBeUndefined();
    expect(store.reader("2").list("versions", [])).toEqual([]);
    const row = store.reader("1").get("versions", ["svc", "1"]) as { description: string };
    expect(() => {
      row.description = "edited behind the store's back";
    }).toThrow(TypeError);
  });
});
