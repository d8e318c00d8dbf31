// ListFunctions (GET /v2/{project_id}/fgs/functions) as the official SDK calls it: `marker` a numeric offset,
// `maxitems` the page size (400 when absent, at most 400), `package_name` a filter; `next_marker` and `count` as
// FunctionGraph answers them, so a listing ends when `next_marker` reaches `count`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../emulator";
import { functionGraphSdk, sdkFailure, type HuaweiFgClient } from "../../../scripts/lib/huawei-sdk";
import { functionZip } from "../../kit/function-zip";
import { startEmulator } from "../../kit/emulator";

const ZIP = Buffer.from(functionZip({ "index.js": "exports.handler = async () => ({});" })).toString("base64");
let emu: Emulator;
let sdk: HuaweiFgClient;

beforeAll(async () => {
  emu = await startEmulator();
  sdk = functionGraphSdk(emu);
  for (const [pkg, name, timeout] of [["default", "a", 30], ["default", "b", 60], ["billing", "c", 900]] as const) {
    await sdk.createFunction({ body: { func_name: name, package: pkg, runtime: "Node.js18.15", handler: "index.handler", timeout, memory_size: 128, code_type: "zip", func_code: { file: ZIP } } });
  }
});
afterAll(async () => {
  await emu?.close();
});

describe("FunctionGraph ListFunctions", () => {
  it("lists every function's latest, by package then name, with its timeout", async () => {
    const r = await sdk.listFunctions({});
    expect(r.httpStatusCode).toBe(200);
    const functions = r["functions"] as { func_urn: string; func_name: string; package: string; timeout: number; version: string }[];
    expect(functions.map((f) => [f.package, f.func_name, f.timeout, f.version, f.func_urn])).toEqual([
      ["billing", "c", 900, "latest", `urn:fss:cn-north-4:${emu.projectId}:function:billing:c:latest`],
      ["default", "a", 30, "latest", `urn:fss:cn-north-4:${emu.projectId}:function:default:a:latest`],
      ["default", "b", 60, "latest", `urn:fss:cn-north-4:${emu.projectId}:function:default:b:latest`],
    ]);
    expect([r["nextMarker"] ?? r["next_marker"], r["count"]]).toEqual([3, 3]);
  });

  it("pages by marker and maxitems, and filters by package", async () => {
    const first = await sdk.listFunctions({ maxitems: "2" });
    expect((first["functions"] as { func_name: string }[]).map((f) => f.func_name)).toEqual(["c", "a"]);
    expect([first["nextMarker"] ?? first["next_marker"], first["count"]]).toEqual([2, 3]);
    const second = await sdk.listFunctions({ maxitems: "2", marker: "2" });
    expect((second["functions"] as { func_name: string }[]).map((f) => f.func_name)).toEqual(["b"]);
    expect(second["nextMarker"] ?? second["next_marker"]).toBe(3);
    const billing = await sdk.listFunctions({ package_name: "billing" });
    expect((billing["functions"] as { func_name: string }[]).map((f) => f.func_name)).toEqual(["c"]);
  });

  it("refuses a marker that is not a previous next_marker", async () => {
    expect(await sdkFailure(sdk.listFunctions({ marker: "abc" }))).toMatchObject({ status: 400, code: "FSS.1001" });
  });
});
