// discover --adopt end to end: a planted estate, the adoption artifacts written by the built command
// (dist/provider/estate/cli.js), the stack template's program over them, `pulumi up`, then a `preview` that plans
// no change, and every config the official SDKs read afterwards exactly as before (lastModifiedTime aside).
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { start, type Emulator } from "../../emulator";
import { $Fc3, fc3For } from "../../scripts/lib/fc3-sdk.ts";
import { functionGraphSdk } from "../../scripts/lib/huawei-sdk.ts";
import { fc2For } from "../../scripts/lib/official-sdks.ts";
import { E2E_TEST_TIMEOUT_MS, offlineEnv, pulumi, repoRoot, stateRoot } from "../../scripts/lib/pulumi.ts";
import { seedEstate, type Planted } from "../../scripts/seed-estate.ts";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const PROJECT = "estate-adopt";
let emu: Emulator;
let planted: Planted[];
let cwd: string;
let env: NodeJS.ProcessEnv;
const run = (args: string[]) => pulumi(args, { cwd, env });

/** Every planted config as the official SDKs read it, keyed by API, function and qualifier; times dropped. */
async function liveConfigs(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const fc2 = fc2For(emu);
  const fc3 = fc3For(emu);
  const fg = functionGraphSdk(emu);
  for (const p of planted.filter((x) => x.hasConfig)) {
    const key = `${p.api} ${p.serviceName ?? p.package ?? ""}/${p.functionName}:${p.qualifier}`;
    if (p.api === "fc2") {
      const { lastModifiedTime: _m, createdTime: _c, ...rest } = (await fc2.getFunctionAsyncConfig(p.serviceName as string, p.functionName, p.qualifier)).data;
      out[key] = rest;
    } else if (p.api === "fc3") {
      const body = (await fc3.getAsyncInvokeConfig(p.functionName, new $Fc3.GetAsyncInvokeConfigRequest({ qualifier: p.qualifier }))).body;
      const { lastModifiedTime: _m, createdTime: _c, ...rest } = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
      out[key] = rest;
    } else {
      const urn = `urn:fss:cn-north-4:${emu.projectId}:function:${p.package}:${p.functionName}:${p.qualifier}`;
      const { last_modified: _m, created_time: _c, httpStatusCode: _s, ...rest } = await fg.showFunctionAsyncInvokeConfig({ function_urn: urn });
      out[key] = rest;
    }
  }
  return out;
}

beforeAll(async () => {
  emu = await start({ port: 0 });
  planted = await seedEstate(emu, { functions: 27 });
  const parent = path.join(stateRoot, "work");
  mkdirSync(parent, { recursive: true });
  cwd = mkdtempSync(path.join(parent, "estate-adopt-"));
  // The stack template's program as it is, under a project name of its own.
  copyFileSync(path.join(repoRoot, "examples", "stack-template", "index.ts"), path.join(cwd, "index.ts"));
  writeFileSync(path.join(cwd, "Pulumi.yaml"), `name: ${PROJECT}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\noptions:\n  refresh: always\n`);
  env = offlineEnv(path.join(cwd, ".backend"));
});
afterAll(async () => {
  await emu?.close();
});

describe("discover --adopt", () => {
  it("writes the stack config and the import document; up over them changes nothing in the cloud and a preview plans no change", async () => {
    const before = await liveConfigs();
    const configs = planted.filter((p) => p.hasConfig);
    expect(Object.keys(before)).toHaveLength(configs.length);

    const cliEnv = {
      ...env,
      ALICLOUD_ACCESS_KEY: emu.credentials.accessKeyId,
      ALICLOUD_SECRET_KEY: emu.credentials.accessKeySecret,
      ALICLOUD_ACCOUNT_ID: emu.credentials.accountId,
      HW_ACCESS_KEY: emu.credentials.accessKeyId,
      HW_SECRET_KEY: emu.credentials.accessKeySecret,
      HW_PROJECT_ID: emu.projectId,
      HW_REGION_NAME: "cn-north-4",
    };
    const { stderr } = await promisify(execFile)("node", [path.join(repoRoot, "dist", "provider", "estate", "cli.js"), "discover", "--emulator", emu.url, "--adopt", cwd, "--no-progress"], { env: cliEnv, cwd });
    expect(stderr).toContain(`adopt: wrote ${path.join(cwd, "Pulumi.dev.yaml")} and ${path.join(cwd, "import.json")}`);
    const written = JSON.parse(readFileSync(path.join(cwd, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, Record<string, unknown>[]> };
    const targets = written.config[`${PROJECT}:functions`] ?? [];
    expect(targets).toHaveLength(configs.length);
    expect(targets.every((t) => (t["overrides"] as { adoptExisting?: unknown }).adoptExisting === true)).toBe(true);
    expect(targets).toContainEqual({
      serviceName: "estate-svc-00",
      functionName: "fn-000",
      qualifier: "LATEST",
      overrides: { maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 3600, statefulInvocation: false, onSuccess: "", onFailure: `acs:mns:${emu.region}:${emu.credentials.accountId}:/queues/estate-failed/messages`, adoptExisting: true },
    });
    const imports = JSON.parse(readFileSync(path.join(cwd, "import.json"), "utf8")) as { resources: { type: string; name: string; id: string }[] };
    expect(imports.resources).toHaveLength(configs.length);
    expect(imports.resources).toContainEqual({ type: "asyncinvoke:fc:FunctionAsyncInvokeConfig", name: "fc2-estate-svc-00-fn-000-LATEST", id: "estate-svc-00:fn-000:LATEST" });
    expect(imports.resources).toContainEqual({ type: "asyncinvoke:fc3:AsyncInvokeConfig", name: "fc3-estate-fc3-000-prod", id: "estate-fc3-000:prod" });
    expect(imports.resources).toContainEqual({ type: "asyncinvoke:functiongraph:AsyncInvokeConfig", name: "functiongraph-default-estate-fg-000-prod", id: `urn:fss:cn-north-4:${emu.projectId}:function:default:estate-fg-000:!prod` });

    await run(["stack", "init", "dev"]);
    for (const [key, value, secret] of [
      ["alicloud:accessKey", emu.credentials.accessKeyId, true],
      ["alicloud:secretKey", emu.credentials.accessKeySecret, true],
      ["alicloud:region", emu.region, false],
      ["alicloud:accountId", emu.credentials.accountId, false],
      ["pulumi-async-invoke:fcEndpoint", emu.url, false],
      ["huaweicloud:access_key", emu.credentials.accessKeyId, true],
      ["huaweicloud:secret_key", emu.credentials.accessKeySecret, true],
      ["huaweicloud:region", "cn-north-4", false],
      ["huaweicloud:project_id", emu.projectId, false],
      ["pulumi-async-invoke:functiongraphEndpoint", emu.url, false],
    ] as const) {
      await run(["config", "set", key, value, secret ? "--secret" : "--plaintext"]);
    }
    // The stack's own config is enough for discover: --stack reads endpoints and keys as the program does.
    const stackOnly = Object.fromEntries(Object.entries(env).filter(([k]) => !/^(ALICLOUD_|ALIBABA_CLOUD_|HW_|HUAWEICLOUD_|FC_ENDPOINT|FUNCTIONGRAPH_ENDPOINT)/.test(k)));
    const viaStack = await promisify(execFile)("node", [path.join(repoRoot, "dist", "provider", "estate", "cli.js"), "discover", "--stack", "dev", "--json", "--no-progress"], { env: stackOnly, cwd, maxBuffer: 16 * 1024 * 1024 });
    const report = JSON.parse(viaStack.stdout) as { summary: { qualifiers: number; withConfig: number; errors: number } };
    expect(report.summary).toMatchObject({ qualifiers: planted.length, withConfig: configs.length, errors: 0 });
    expect(viaStack.stdout).not.toContain(emu.credentials.accessKeySecret);

    await run(["up", "--yes", "--skip-preview"]);
    expect(await liveConfigs()).toEqual(before);
    // Every adopted config is now a managed resource: one child of the template's policy per target.
    const state = JSON.parse(await run(["stack", "export"])) as { deployment: { resources?: { type: string }[] } };
    const managed = (state.deployment.resources ?? []).map((r) => r.type);
    expect(managed.filter((t) => t === "pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig")).toHaveLength(configs.filter((p) => p.api === "fc2").length);
    expect(managed.filter((t) => t === "pulumi-nodejs:dynamic/fc3:AsyncInvokeConfig")).toHaveLength(configs.filter((p) => p.api === "fc3").length);
    expect(managed.filter((t) => t === "pulumi-nodejs:dynamic/functiongraph:AsyncInvokeConfig")).toHaveLength(configs.filter((p) => p.api === "functiongraph").length);

    const preview = JSON.parse(await run(["preview", "--json"])) as { steps: { op: string; urn: string }[]; changeSummary: Record<string, number> };
    expect(preview.steps.filter((s) => s.op !== "same" && s.op !== "refresh")).toEqual([]);
    expect(Object.keys(preview.changeSummary).filter((op) => op !== "same")).toEqual([]);
    // Every resource was looked at (the template refreshes first): the stack, the policy component and each config.
    expect(new Set(preview.steps.map((s) => s.urn)).size).toBe(configs.length + 2);
    expect(await liveConfigs()).toEqual(before);
  });
});
