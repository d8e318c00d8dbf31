// Input alone never makes the emulator answer 5xx: a body nested 200,000 levels deep, oversize invocation
// payloads, and a seeded fuzz of bodies, headers and paths all get FC's 4xx answers with exact codes.
// Requests are signed with @alicloud/fc2's own signer (requests.ts), so they get past authentication.
import fc from "fast-check";
import { request } from "undici";
import { beforeAll, describe, expect, test } from "vitest";
import { nodeFunction, useEmulator } from "../../kit/emulator";
import { fcRequest, type RawRequest } from "../core/auth/alicloud/requests";

const logged: string[] = [];
const t = useEmulator({ log: (line) => logged.push(line) }, { resetEach: false });

beforeAll(async () => {
  await t.fc2.createService("svc");
  await t.fc2.createFunction("svc", nodeFunction("fn"));
}, 60_000);

const CONFIG_PATH = "/2016-08-15/services/svc/functions/fn/async-invoke-config";
const INVOKE_PATH = "/2016-08-15/services/svc/functions/fn/invocations";

async function send(raw: RawRequest, body?: Buffer): Promise<{ status: number; code: string | undefined }> {
  const response = await request(`${t.fc.url}${raw.path}`, {
    method: raw.method as "GET",
    headers: raw.headers,
    body: body ?? raw.body ?? null,
  });
  const text = await response.body.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { ErrorCode?: string }).ErrorCode;
  } catch {
    code = undefined;
  }
  return { status: response.statusCode, code };
}

const key = () => ({ accessKeyId: t.fc.credentials.accessKeyId, accessKeySecret: t.fc.credentials.accessKeySecret });

function signedPut(body: string, path = CONFIG_PATH): RawRequest {
  return fcRequest({ key: key(), date: new Date(), method: "PUT", path, body });
}

describe("bodies that could exhaust the emulator", () => {
  test("a JSON body nested 200,000 levels deep is refused with 400 InvalidArgument, not a stack overflow", async () => {
    const depth = 200_000;
    const body = `{"maxAsyncRetryAttempts":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expect(await send(signedPut(body))).toEqual({ status: 400, code: "InvalidArgument" });
    expect(logged).toEqual([]);
  });

  test("nesting within the limit is read, then refused by the schema for what it is", async () => {
    const body = `{"destinationConfig":{"onSuccess":{"destination":${"[".repeat(50)}${"]".repeat(50)}}}}`;
    expect(await send(signedPut(body))).toEqual({ status: 400, code: "InvalidArgument" });
  });

  test("brackets inside strings do not count as nesting", async () => {
    const body = JSON.stringify({ maxAsyncRetryAttempts: 1, destinationConfig: { onSuccess: null, onFailure: null }, note: "[".repeat(10_000) });
    // The body parses; the unknown member is what FC refuses.
    expect(await send(signedPut(body))).toEqual({ status: 400, code: "InvalidArgument" });
  });

  test("a synchronous invocation payload over 6 MB is 400 EntityTooLarge; 6 MB exactly still runs", async () => {
    const over = Buffer.alloc(6 * 1024 * 1024 + 1, 0x61);
    const tooBig = fcRequest({ key: key(), date: new Date(), method: "POST", path: INVOKE_PATH, headers: { "x-fc-invocation-type": "Sync", "content-type": "application/octet-stream" } });
    expect(await send(tooBig, over)).toEqual({ status: 400, code: "EntityTooLarge" });
    const exact = Buffer.alloc(6 * 1024 * 1024, 0x61);
    const fits = fcRequest({ key: key(), date: new Date(), method: "POST", path: INVOKE_PATH, headers: { "x-fc-invocation-type": "Sync", "content-type": "application/octet-stream" } });
    expect((await send(fits, exact)).status).toBe(200);
  }, 60_000);

  test("an asynchronous invocation payload over 128 KB is 400 EntityTooLarge", async () => {
    const raw = fcRequest({ key: key(), date: new Date(), method: "POST", path: INVOKE_PATH, headers: { "x-fc-invocation-type": "Async", "content-type": "application/octet-stream" } });
    expect(await send(raw, Buffer.alloc(128 * 1024 + 1, 0x61))).toEqual({ status: 400, code: "EntityTooLarge" });
  });
});

describe("fuzz: no input reaches a 5xx (seeded, repeatable)", () => {
  const jsonish = fc.oneof(
    fc.json(),
    fc.string(),
    fc.jsonValue().map((v) => JSON.stringify({ maxAsyncRetryAttempts: v, maxAsyncEventAgeInSeconds: v, destinationConfig: v, statefulInvocation: v })),
    fc.jsonValue().map((v) => JSON.stringify({ destinationConfig: { onSuccess: v, onFailure: { destination: v } } })),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  );

  test("signed PUT bodies of every shape", async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, async (body) => {
        const { status } = await send(signedPut(body));
        expect(status).toBeLessThan(500);
      }),
      { seed: 14, numRuns: 150 },
    );
  }, 120_000);

  const segment = fc.oneof(
    fc.constantFrom("svc", "fn", "svc.LATEST", "svc.1", "svc.", ".x", "%2e%2e", "..", "svc.prod.x", "async-invoke-config", "invocations", "stateful-async-invocations"),
    fc.stringMatching(/^[A-Za-z0-9_.%~-]{0,12}$/),
  );
  const path = fc.array(segment, { minLength: 0, maxLength: 7 }).map((parts) => `/2016-08-15/${["services", ...parts].join("/")}`);
  const method = fc.constantFrom("GET", "PUT", "POST", "DELETE", "PATCH");
  const headerValue = fc.oneof(fc.constantFrom("Sync", "Async", "Tail", "true", "", "-1"), fc.stringMatching(/^[ -~]{0,20}$/));
  const headers = fc.record(
    { "x-fc-invocation-type": headerValue, "x-fc-log-type": headerValue, "x-fc-stateful-async-invocation-id": headerValue, "x-fc-stateful-async-invocation-enable": headerValue },
    { requiredKeys: [] },
  );
  const query = fc.dictionary(fc.constantFrom("limit", "nextToken", "qualifier", "status", "startedTimeBegin", "sortOrderByTime", "includePayload", "Limit"), headerValue, { maxKeys: 3 });

  test("signed requests to fuzzed paths, methods, headers and queries", async () => {
    await fc.assert(
      fc.asyncProperty(method, path, headers, query, fc.option(jsonish, { nil: undefined }), async (m, p, h, q, body) => {
        const raw = fcRequest({ key: key(), date: new Date(), method: m, path: p, query: q, headers: h, ...(body === undefined ? {} : { body }) });
        const { status } = await send(raw);
        expect(status).toBeLessThan(500);
      }),
      { seed: 1414, numRuns: 200 },
    );
    // Nothing unexpected was logged by the pipeline either.
    expect(logged).toEqual([]);
  }, 120_000);

  test("unsigned garbage: methods and raw paths", async () => {
    await fc.assert(
      fc.asyncProperty(method, fc.stringMatching(/^\/[ -~]{0,60}$/), async (m, p) => {
        const response = await request(`${t.fc.url}${encodeURI(p).replace(/%25/g, "%")}`, { method: m as "GET" }).catch(() => undefined);
        if (response === undefined) return; // undici refused to send it: nothing reached the emulator
        await response.body.dump();
        expect(response.statusCode).toBeLessThan(500);
      }),
      { seed: 7, numRuns: 150 },
    );
  }, 120_000);
});
