// The store's transactions and account isolation, and the registry of tables.
import { describe, expect, test } from "vitest";
import { MemoryStore, TableRegistry } from "../../../../emulator/core/store";

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

describe("table registry", () => {
  test("knows each owner's tables and refuses a name declared twice", () => {
    const a = { type: "a" } as unknown as import("zod").ZodType;
    const registry = new TableRegistry([{ owner: "core/engine", tables: { asyncEvents: a } }]);
    registry.register("fc2", { services: a });
    expect(registry.names()).toEqual(["asyncEvents", "services"]);
    expect(registry.schema("services")).toBe(a);
    expect(registry.schema("fc3Functions")).toBeUndefined();
    expect(() => registry.register("fc3", { services: a })).toThrow("table 'services' is declared by both fc2 and fc3");
  });
});
