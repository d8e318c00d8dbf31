import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { INVOCATION_ID_PATTERN, NAME_PATTERN, QUALIFIER_PATTERN, VERSION_ID_PATTERN } from "../../../contracts/fc2";
import { CONFIG_ID } from "../../../provider/fc2/config-id";
import { name, qualifier } from "./arbitraries";

describe("names, qualifiers and ids", () => {
  test.each([
    [NAME_PATTERN, ["a", "_", "A-b_9", "x".repeat(128)], ["", "1a", "-a", "a b", "a.b", "a:b", "x".repeat(129)]],
    [VERSION_ID_PATTERN, ["1", "42", "9".repeat(19)], ["0", "01", "-1", "1.0", "9".repeat(20), "LATEST"]],
    [QUALIFIER_PATTERN, ["LATEST", "1", "prod", "_x"], ["0", "01", "", "1a", "a.b"]],
    [INVOCATION_ID_PATTERN, ["job-1", "_x"], ["1job", "", "job 1"]],
  ] as const)("%s", (pattern, accepted, refused) => {
    for (const value of accepted) expect(pattern.test(value), value).toBe(true);
    for (const value of refused) expect(pattern.test(value), value).toBe(false);
  });

  test("a config id is format(parse(x)) === x for every service, function and qualifier the contract accepts", () => {
    fc.assert(
      fc.property(name, name, qualifier, (serviceName, functionName, q) => {
        const id = CONFIG_ID.format({ serviceName, functionName, qualifier: q });
        const parsed = CONFIG_ID.parse(id);
        expect(parsed).toEqual({ serviceName, functionName, qualifier: q });
        expect(parsed && CONFIG_ID.format(parsed)).toBe(id);
      }),
    );
  });
});
