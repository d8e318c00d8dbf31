import { describe, expect, test } from "vitest";
import { canonicalize, changedKeys, deepEqual } from "../../../provider/shared/diff";

describe("deepEqual", () => {
  test.each<[string, unknown, unknown, boolean]>([
    ["same primitives", 3, 3, true],
    ["0 is not absent", { n: 0 }, {}, false],
    ["false is not absent", { b: false }, {}, false],
    ["empty string is not absent", { s: "" }, {}, false],
    ["key order", { a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }, true],
    ["null member vs absent", { a: 1, onSuccess: null }, { a: 1 }, true],
    ["undefined member vs absent", { a: 1, x: undefined }, { a: 1 }, true],
    ["nested {destination: null} vs {}", { d: { destination: null } }, { d: {} }, true],
    ["different values", { a: 1 }, { a: 2 }, false],
    ["number vs string", { a: 1 }, { a: "1" }, false],
    ["arrays keep order", [1, 2], [2, 1], false],
    ["arrays equal", [{ a: 1, b: null }], [{ a: 1 }], true],
    ["array vs object", [1], { 0: 1 }, false],
    ["extra key", { a: 1, b: 2 }, { a: 1 }, false],
    ["NaN equals NaN", Number.NaN, Number.NaN, true],
    ["null vs undefined at the top", null, undefined, true],
    ["null vs a value", null, 0, false],
  ])("%s", (_name, a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
    expect(deepEqual(b, a)).toBe(expected);
  });
});

test("canonicalize drops null members and sorts keys, recursively", () => {
  expect(JSON.stringify(canonicalize({ z: 1, a: { y: null, b: [{ d: 1, c: null }] } }))).toBe('{"a":{"b":[{"d":1}]},"z":1}');
});

test("changedKeys lists differing keys in the order asked", () => {
  const olds = { a: 1, b: { x: 1 }, c: null, d: 4 };
  const news = { a: 1, b: { x: 2 }, d: 5 };
  expect(changedKeys<string>(olds, news, ["d", "c", "b", "a"])).toEqual(["d", "b"]);
});
