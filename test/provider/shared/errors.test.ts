import { describe, expect, test } from "vitest";
import { ApiError, NetworkError, NotFoundError, isApiError, isNetworkError, isNotFoundError, redact } from "../../../provider/shared/errors";

describe("ApiError", () => {
  test("carries code, request id, status and operation, and says them in its message", () => {
    const error = new ApiError({
      code: "ResourceThrottled",
      message: "slow down",
      operation: "PutFunctionAsyncInvokeConfig",
      status: 503,
      requestId: "req-1",
      retryAfterMs: 2000,
    });
    expect(error).toMatchObject({
      name: "ApiError",
      code: "ResourceThrottled",
      operation: "PutFunctionAsyncInvokeConfig",
      status: 503,
      requestId: "req-1",
      retryAfterMs: 2000,
      serviceMessage: "slow down",
    });
    expect(error.message).toBe("PutFunctionAsyncInvokeConfig (HTTP 503) failed: ResourceThrottled: slow down [request id req-1]");
  });

  test("a network error has no status and no request id", () => {
    const error = new NetworkError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1", operation: "GetFunctionAsyncInvokeConfig" });
    expect(error.message).toBe("GetFunctionAsyncInvokeConfig failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1");
    expect(error.status).toBeUndefined();
    expect(error.requestId).toBeUndefined();
  });

  test.each<[string, unknown, boolean, boolean, boolean]>([
    ["ApiError", new ApiError({ code: "X", message: "", operation: "Op", status: 500 }), true, false, false],
    ["NotFoundError", new NotFoundError({ code: "AsyncConfigNotExists", message: "", operation: "Op", status: 404 }), true, true, false],
    ["NetworkError", new NetworkError({ code: "ECONNRESET", message: "", operation: "Op" }), true, false, true],
    ["plain Error", new Error("x"), false, false, false],
    ["look-alike object", { code: "X", status: 404 }, false, false, false],
    ["null", null, false, false, false],
  ])("type guards: %s", (_name, value, api, notFound, network) => {
    expect(isApiError(value)).toBe(api);
    expect(isNotFoundError(value)).toBe(notFound);
    expect(isNetworkError(value)).toBe(network);
  });

  test("the guard recognises errors from another copy of this module (no instanceof)", () => {
    const foreign = Object.create(null) as Record<PropertyKey, unknown>;
    foreign[Symbol.for("pulumi-async-invoke.ApiError")] = true;
    expect(isApiError(foreign)).toBe(true);
  });
});

describe("redact", () => {
  test.each<[string, string, (string | undefined)[], string]>([
    ["a secret anywhere", "sign AbCdEfGhIjKl here and AbCdEfGhIjKl", ["AbCdEfGhIjKl"], "sign *** here and ***"],
    ["several secrets", "key SECRETKEY1 token STSTOKEN123", ["SECRETKEY1", "STSTOKEN123", undefined], "key *** token ***"],
    ["short values are left alone", "a b c", ["b"], "a b c"],
    ["nothing to hide", "plain", [], "plain"],
  ])("%s", (_name, text, secrets, expected) => {
    expect(redact(text, secrets)).toBe(expected);
  });
});
