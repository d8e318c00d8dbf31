// Page tokens bound to their query, and paging that survives a deleted boundary item.
import { describe, expect, test } from "vitest";
import { CoreError } from "../../../../emulator/core/errors";
import { PageTokens } from "../../../../emulator/core/paging/page-tokens";
import { lexicalAfter, paginate } from "../../../../emulator/core/paging/paginate";

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
