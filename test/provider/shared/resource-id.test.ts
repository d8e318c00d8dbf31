import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { compositeId } from "../../../provider/shared/resource-id";

const codec = compositeId(["serviceName", "functionName", "qualifier"] as const);

describe("compositeId", () => {
  test("writes the parts in field order, joined by ':'", () => {
    expect(codec.shape).toBe("serviceName:functionName:qualifier");
    expect(codec.format({ serviceName: "s", functionName: "f", qualifier: "LATEST" })).toBe("s:f:LATEST");
  });

  test.each(["s:f", "s:f:q:x", "s::q", ":f:q", "s:f:", ""])("refuses %j", (id) => {
    expect(codec.parse(id)).toBeUndefined();
  });

  test("parse(format(parts)) gives the parts back, and format(parse(id)) the id", () => {
    const part = fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/);
    fc.assert(
      fc.property(part, part, part, (serviceName, functionName, qualifier) => {
        const id = codec.format({ serviceName, functionName, qualifier });
        expect(codec.parse(id)).toEqual({ serviceName, functionName, qualifier });
        expect(codec.format(codec.parse(id) ?? { serviceName: "", functionName: "", qualifier: "" })).toBe(id);
      }),
    );
  });
});
