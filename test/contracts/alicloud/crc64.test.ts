// The CRC-64 of code packages, as FC's codeChecksum.
import { describe, expect, test } from "vitest";
import { crc64 } from "../../../contracts/alicloud";

describe("crc64 (CRC-64/XZ, as FC's codeChecksum)", () => {
  test.each([
    ["", "0"],
    ["123456789", String(0x995dc9bbdf1939fan)],
    ["a", String(0x330284772e652b05n)],
  ])("of %j is %s", (input, expected) => {
    expect(crc64(Buffer.from(input))).toBe(expected);
  });
});
