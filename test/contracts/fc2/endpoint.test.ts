// The FC endpoint grammar the provider builds and the emulator reads the account back from.
import { describe, expect, test } from "vitest";
import { FC_HOST_PATTERN, fcPublicOrigin } from "../../../contracts/fc2";

describe("FC endpoint", () => {
  test("the provider's origin is a host the emulator reads the account from", () => {
    const origin = fcPublicOrigin("1234567890123456", "cn-hangzhou");
    expect(origin).toBe("https://1234567890123456.cn-hangzhou.fc.aliyuncs.com");
    expect(FC_HOST_PATTERN.exec(new URL(origin).host)?.[1]).toBe("1234567890123456");
  });

  test.each([
    ["1111111111.cn-hangzhou-internal.fc.aliyuncs.com", "1111111111"],
    ["2222.ap-southeast-1.fc.aliyuncs.com:443", "2222"],
  ])("%s names account %s", (host, account) => {
    expect(FC_HOST_PATTERN.exec(host)?.[1]).toBe(account);
  });

  test.each(["accountid.cn-hangzhou.fc.aliyuncs.com", "1234.cn-hangzhou.fc.aliyuncs.com.evil.example", "127.0.0.1:9000", "1234.fc.aliyuncs.com"])(
    "%s names no account",
    (host) => {
      expect(FC_HOST_PATTERN.exec(host)).toBeNull();
    },
  );
});
