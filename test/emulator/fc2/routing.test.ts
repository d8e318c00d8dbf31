// Routing and the error envelope: unknown paths are PathNotSupported in the cloud's body shape, both API
// prefixes and both qualifier styles reach the same operation, and every response has X-Fc-Request-Id.
import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Emulator } from "../../../emulator";
import { $FcOpen, failure, fc2For, fcOpenFor, nodeFunction, startEmulator, type Fc2Client } from "../../support/emulator";

let fc: Emulator;
let fc2: Fc2Client;

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  fc = await startEmulator();
  fc2 = fc2For(fc);
});
afterAll(() => fc.close());
beforeEach(async () => {
  await fc.control.reset();
  await fc2.createService("svc");
  await fc2.createFunction("svc", nodeFunction("fn"));
  await fc2.publishVersion("svc");
});

describe("paths", () => {
  test.each([
    ["GET", "/2016-08-15/nothing-here"],
    ["GET", "/2099-01-01/services"],
    ["PATCH", "/2016-08-15/services/svc"],
    ["GET", "/services"],
    ["GET", "/2021-04-06/services/svc/functions/fn/async-invoke-config/extra"],
  ])("%s %s is PathNotSupported in the cloud's body shape", async (method, path) => {
    const response = await fetch(`${fc.url}${path}`, { method });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const requestId = response.headers.get("x-fc-request-id");
    expect(requestId).toMatch(REQUEST_ID);
    const shape = { ErrorCode: "PathNotSupported", ErrorMessage: `'${method}' against '${path}' is not supported` };
    // Under /2021-04-06 the body also carries what @alicloud/openapi-client reads: Code, Message, RequestId.
    const expected = path.startsWith("/2021-04-06/") ? { ...shape, Code: shape.ErrorCode, Message: shape.ErrorMessage, RequestId: requestId } : shape;
    expect(await response.json()).toEqual(expected);
  });

  test("an unsigned request to a real path is MissingRequiredHeader", async () => {
    const response = await fetch(`${fc.url}/2021-04-06/services`);
    expect(response.status).toBe(400);
    const ErrorMessage = "required HTTP header Authorization was not specified";
    expect(await response.json()).toEqual({
      ErrorCode: "MissingRequiredHeader",
      ErrorMessage,
      Code: "MissingRequiredHeader",
      Message: ErrorMessage,
      RequestId: response.headers.get("x-fc-request-id"),
    });
  });

  test("the same operation answers under both prefixes", async () => {
    const fc2On2021 = fc2For(fc);
    (fc2On2021 as unknown as { version: string }).version = "2021-04-06";
    const viaNewPrefix = await fc2On2021.getService("svc");
    const viaOldPrefix = await fc2.getService("svc");
    expect(viaNewPrefix.data).toEqual(viaOldPrefix.data);
  });

  test("a qualifier in the path and in the query must agree", async () => {
    await fc2.putFunctionAsyncConfig("svc", "fn", "1", { maxAsyncRetryAttempts: 2 });
    const agreeing = await fc2.get("/services/svc.1/functions/fn/async-invoke-config", { qualifier: "1" });
    expect(agreeing.data["maxAsyncRetryAttempts"]).toBe(2);
    expect(await failure(fc2.get("/services/svc.1/functions/fn/async-invoke-config", { qualifier: "LATEST" }))).toEqual({
      code: "InvalidArgument",
      status: 400,
      message: "qualifier '1' in the path and 'LATEST' in the query disagree",
    });
  });

  test("an operation without qualifiers refuses one", async () => {
    expect(await failure(fc2.get("/services/svc/aliases", { qualifier: "1" }))).toEqual({
      code: "InvalidArgument",
      status: 400,
      message: "ListAliases does not take a qualifier",
    });
    expect((await failure(fc2.updateService("svc.1", {}))).message).toContain("serviceName must start with a letter or '_'");
  });
});

describe("bodies and headers", () => {
  test("a body that is not JSON is InvalidArgument", async () => {
    expect(await failure(fc2.request("POST", "/services", null, "{not json"))).toEqual({
      code: "InvalidArgument",
      status: 400,
      message: "the request body is not valid JSON",
    });
  });

  test("a body above the size limit is EntityTooLarge before it is read", async () => {
    // Raw http: fetch refuses to send a Content-Length it does not mean to honour.
    const answer = await new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
      const req = request(`${fc.url}/2016-08-15/services`, { method: "POST", headers: { "content-length": String(200 * 1024 * 1024) } }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, connection: res.headers["connection"] });
        });
      });
      req.on("error", reject);
      req.write("{");
    });
    expect(answer.status).toBe(400);
    expect(answer.connection).toBe("close");
    expect(JSON.parse(answer.body)).toEqual({ ErrorCode: "EntityTooLarge", ErrorMessage: "payload size exceeds maximum allowed size (104857600 bytes)" });
  });

  test("successes, SDK errors and control answers all carry X-Fc-Request-Id", async () => {
    const ok = await fcOpenFor(fc).getService("svc", new $FcOpen.GetServiceRequest({}));
    expect(ok.headers["x-fc-request-id"]).toMatch(REQUEST_ID);
    const deleted = await fcOpenFor(fc).deleteFunctionAsyncInvokeConfig("svc", "fn", new $FcOpen.DeleteFunctionAsyncInvokeConfigRequest({})).catch(
      (error: { data: { ErrorCode: string } }) => error.data.ErrorCode,
    );
    expect(deleted).toBe("AsyncConfigNotExists");
    const control = await fetch(`${fc.url}/_emulator/health`);
    expect(control.headers.get("x-fc-request-id")).toMatch(REQUEST_ID);
    const error = await fetch(`${fc.url}/_emulator/nothing`);
    expect(error.status).toBe(400);
    expect(error.headers.get("x-fc-request-id")).toMatch(REQUEST_ID);
  });
});
