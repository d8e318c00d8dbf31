// discover --adopt's import document, used as it is: a small planted estate (FC 2.0 in a service, FC 3.0 with a
// version and an alias `prod`, FunctionGraph with a version and an alias `!prod`), `pulumi import --file import.json`
// into a Pulumi YAML program that uses the asyncinvoke plugin, the generated code put into the program, then a
// `preview` that plans no change. Import and preview only read: no Put, Update, Create or Delete reaches the
// emulator, and every config the official SDKs read afterwards is exactly as before (times aside).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { $Fc3, fc3For } from "../../scripts/lib/fc3-sdk.ts";
import { functionGraphSdk } from "../../scripts/lib/huawei-sdk.ts";
import { fc2For } from "../../scripts/lib/official-sdks.ts";
import { E2E_TEST_TIMEOUT_MS, repoRoot, stateRoot } from "../../scripts/lib/pulumi.ts";
import { seedEstate, type Planted } from "../../scripts/seed-estate.ts";
import { startEmulator } from "../kit/emulator";
import { apiCalls, configureDefaultProvider, pluginStack, writes, type PluginStack } from "./plugin-kit";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const hasYamlHost = existsSync(path.join(repoRoot, ".tools", "bin", "pulumi-language-yaml"));
const TYPES = {
  fc2: "asyncinvoke:fc:FunctionAsyncInvokeConfig",
  fc3: "asyncinvoke:fc3:AsyncInvokeConfig",
  functiongraph: "asyncinvoke:functiongraph:AsyncInvokeConfig",
} as const;

let emulator: Emulator;
let planted: Planted[];
let configs: Planted[];
let before: Record<string, unknown>;
let stack: PluginStack;
let adoptDir: string;

/** Every planted config as the official SDKs read it, keyed by API, function and qualifier; times dropped. */
async function liveConfigs(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const fc2 = fc2For(emulator);
  const fc3 = fc3For(emulator);
  const fg = functionGraphSdk(emulator);
  for (const p of configs) {
    const key = `${p.api} ${p.serviceName ?? p.package ?? ""}/${p.functionName}:${p.qualifier}`;
    if (p.api === "fc2") {
      const { lastModifiedTime: _m, createdTime: _c, ...rest } = (await fc2.getFunctionAsyncConfig(p.serviceName as string, p.functionName, p.qualifier)).data;
      out[key] = rest;
    } else if (p.api === "fc3") {
      const body = (await fc3.getAsyncInvokeConfig(p.functionName, new $Fc3.GetAsyncInvokeConfigRequest({ qualifier: p.qualifier }))).body;
      const { lastModifiedTime: _m, createdTime: _c, ...rest } = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
      out[key] = rest;
    } else {
      const urn = `urn:fss:cn-north-4:${emulator.projectId}:function:${p.package}:${p.functionName}:${p.qualifier}`;
      const { last_modified: _m, created_time: _c, httpStatusCode: _s, ...rest } = await fg.showFunctionAsyncInvokeConfig({ function_urn: urn });
      out[key] = rest;
    }
  }
  return out;
}

/** The resource blocks of a generated YAML program (`resources:` and the indented lines under it). */
function resourceBlocks(code: string): string {
  const lines = code.split("\n");
  const start = lines.findIndex((line) => line === "resources:");
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line !== "" && !line.startsWith(" ")) break;
    if (line !== "") body.push(line);
  }
  return `${body.join("\n")}\n`;
}

beforeAll(async () => {
  if (!hasYamlHost) return;
  emulator = await startEmulator();
  // 12 functions: 5 on FC 2.0 (one service), 4 on FC 3.0 (the first with version 1 and alias prod), 3 on
  // FunctionGraph (the first with version v1 and alias prod); some of each without a config.
  planted = await seedEstate(emulator, { functions: 12 });
  configs = planted.filter((p) => p.hasConfig);
  before = await liveConfigs();

  const dir = path.join(stateRoot, "work");
  mkdirSync(dir, { recursive: true });
  const program = mkdtempSync(path.join(dir, "estate-import-program-"));
  writeFileSync(
    path.join(program, "Pulumi.yaml"),
    ["name: estate-import", "runtime: yaml", "plugins:", "  providers:", "    - name: asyncinvoke", "      path: ../../bin", ""].join("\n"),
  );
  stack = await pluginStack(program, "estate-import");
  await configureDefaultProvider(stack, emulator);
  adoptDir = mkdtempSync(path.join(dir, "estate-import-adopt-"));
});

afterAll(async () => {
  await emulator?.close();
});

describe.skipIf(!hasYamlHost)("discover --adopt's import document through pulumi import", () => {
  it("plants configs on every API, an alias and a version among them", () => {
    expect(configs.map((p) => `${p.api} ${p.functionName}:${p.qualifier}`).sort()).toEqual([
      "fc2 fn-000:LATEST",
      "fc2 fn-002:LATEST",
      "fc2 fn-003:LATEST",
      "fc2 fn-004:LATEST",
      "fc3 estate-fc3-000:LATEST",
      "fc3 estate-fc3-000:prod",
      "fc3 estate-fc3-002:LATEST",
      "fc3 estate-fc3-003:LATEST",
      "functiongraph estate-fg-000:!prod",
      "functiongraph estate-fg-000:latest",
      "functiongraph estate-fg-002:latest",
    ]);
    expect(planted.filter((p) => !p.hasConfig).map((p) => `${p.api} ${p.functionName}:${p.qualifier}`).sort()).toEqual([
      "fc2 fn-001:LATEST",
      "fc3 estate-fc3-000:1",
      "fc3 estate-fc3-001:LATEST",
      "functiongraph estate-fg-000:v1",
      "functiongraph estate-fg-001:latest",
    ]);
    expect(Object.keys(before)).toHaveLength(11);
  });

  it("discover --adopt writes one import entry per config, reading only", async () => {
    const env = {
      ...process.env,
      ALICLOUD_ACCESS_KEY: emulator.credentials.accessKeyId,
      ALICLOUD_SECRET_KEY: emulator.credentials.accessKeySecret,
      ALICLOUD_ACCOUNT_ID: emulator.credentials.accountId,
      HW_ACCESS_KEY: emulator.credentials.accessKeyId,
      HW_SECRET_KEY: emulator.credentials.accessKeySecret,
      HW_PROJECT_ID: emulator.projectId,
      HW_REGION_NAME: "cn-north-4",
    };
    const calls = await apiCalls(emulator, () =>
      promisify(execFile)("node", [path.join(repoRoot, "dist", "provider", "estate", "cli.js"), "discover", "--emulator", emulator.url, "--adopt", adoptDir, "--no-progress"], { env, cwd: adoptDir }),
    );
    expect(writes(calls)).toEqual({});
    const doc = JSON.parse(readFileSync(path.join(adoptDir, "import.json"), "utf8")) as { resources: { type: string; name: string; id: string }[] };
    const urn = (pkg: string, fn: string, q: string) => `urn:fss:cn-north-4:${emulator.projectId}:function:${pkg}:${fn}:${q}`;
    expect([...doc.resources].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { type: TYPES.fc2, name: "fc2-estate-svc-00-fn-000-LATEST", id: "estate-svc-00:fn-000:LATEST" },
      { type: TYPES.fc2, name: "fc2-estate-svc-00-fn-002-LATEST", id: "estate-svc-00:fn-002:LATEST" },
      { type: TYPES.fc2, name: "fc2-estate-svc-00-fn-003-LATEST", id: "estate-svc-00:fn-003:LATEST" },
      { type: TYPES.fc2, name: "fc2-estate-svc-00-fn-004-LATEST", id: "estate-svc-00:fn-004:LATEST" },
      { type: TYPES.fc3, name: "fc3-estate-fc3-000-LATEST", id: "estate-fc3-000:LATEST" },
      { type: TYPES.fc3, name: "fc3-estate-fc3-000-prod", id: "estate-fc3-000:prod" },
      { type: TYPES.fc3, name: "fc3-estate-fc3-002-LATEST", id: "estate-fc3-002:LATEST" },
      { type: TYPES.fc3, name: "fc3-estate-fc3-003-LATEST", id: "estate-fc3-003:LATEST" },
      { type: TYPES.functiongraph, name: "functiongraph-default-estate-fg-000-latest", id: urn("default", "estate-fg-000", "latest") },
      { type: TYPES.functiongraph, name: "functiongraph-default-estate-fg-000-prod", id: urn("default", "estate-fg-000", "!prod") },
      { type: TYPES.functiongraph, name: "functiongraph-default-estate-fg-002-latest", id: urn("default", "estate-fg-002", "latest") },
    ]);
  });

  it("pulumi import --file takes every config over, reading only, and generates its code", async () => {
    const out = path.join(stack.cwd, "generated.yaml");
    const calls = await apiCalls(emulator, () => stack.run(["import", "--file", path.join(adoptDir, "import.json"), "--yes", "--protect=false", "--out", out]));
    expect(writes(calls)).toEqual({});
    const blocks = resourceBlocks(readFileSync(out, "utf8"));
    for (const type of Object.values(TYPES)) expect(blocks).toContain(`type: ${type}`);
    expect(blocks.match(/type: asyncinvoke:fc:FunctionAsyncInvokeConfig/g)).toHaveLength(4);
    expect(blocks.match(/type: asyncinvoke:fc3:AsyncInvokeConfig/g)).toHaveLength(4);
    expect(blocks.match(/type: asyncinvoke:functiongraph:AsyncInvokeConfig/g)).toHaveLength(3);
    expect(blocks).toContain(`functionUrn: urn:fss:cn-north-4:${emulator.projectId}:function:default:estate-fg-000:!prod`);
    const header = readFileSync(path.join(stack.cwd, "Pulumi.yaml"), "utf8").split("\nresources:\n")[0]!;
    writeFileSync(path.join(stack.cwd, "Pulumi.yaml"), `${header.trimEnd()}\nresources:\n${blocks}`);
    expect(await liveConfigs()).toEqual(before);
  });

  it("the program with the generated code previews as no change, writing nothing, every config as before", async () => {
    const calls = await apiCalls(emulator, () => stack.run(["preview", "--expect-no-changes"]));
    expect(writes(calls)).toEqual({});
    const refreshed = await apiCalls(emulator, () => stack.run(["preview", "--refresh", "--expect-no-changes"]));
    expect(writes(refreshed)).toEqual({});
    const state = JSON.parse(await stack.run(["stack", "export"])) as { deployment: { resources?: { type: string; id?: string }[] } };
    const managed = (state.deployment.resources ?? []).filter((r) => r.type.startsWith("asyncinvoke:") && !r.type.startsWith("pulumi:providers:"));
    expect(managed.map((r) => r.id).sort()).toEqual(
      (JSON.parse(readFileSync(path.join(adoptDir, "import.json"), "utf8")) as { resources: { id: string }[] }).resources.map((r) => r.id).sort(),
    );
    expect(await liveConfigs()).toEqual(before);
  });
});
