// `pulumi import` of configs made outside Pulumi, through the asyncinvoke plugin and a Pulumi YAML project: each
// config resource by its id (`service:function:qualifier`, `function:qualifier`, the FunctionGraph URN), then 20
// at once with `pulumi import --file`. Import only reads; the generated code, put into the program, previews with
// no change and no write.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { fc3For, fc3NodeFunction, $Fc3 } from "../../scripts/lib/fc3-sdk.ts";
import { functionGraphSdk, urnOf } from "../../scripts/lib/huawei-sdk.ts";
import { E2E_TEST_TIMEOUT_MS, repoRoot, stateRoot } from "../../scripts/lib/pulumi.ts";
import { fc2For, nodeFunction, startEmulator } from "../kit/emulator";
import { fgNodeFunction } from "../kit/functiongraph";
import { apiCalls, configureDefaultProvider, pluginStack, writes, type PluginStack } from "./plugin-kit";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const hasYamlHost = existsSync(path.join(repoRoot, ".tools", "bin", "pulumi-language-yaml"));
const FLEET = Array.from({ length: 20 }, (_, i) => `fleet${String(i).padStart(2, "0")}`);

let emulator: Emulator;
let stack: PluginStack;
/** The program: its header, then every resource block `pulumi import` generated so far. */
const generated: string[] = [];

function writeProgram(): void {
  const header = readFileSync(path.join(stack.cwd, "Pulumi.yaml"), "utf8").split("\nresources:\n")[0]!;
  writeFileSync(path.join(stack.cwd, "Pulumi.yaml"), `${header.trimEnd()}\nresources:\n${generated.join("")}`);
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

async function importAndKeep(args: readonly string[]): Promise<Record<string, number>> {
  const out = path.join(stack.cwd, "generated.yaml");
  const calls = await apiCalls(emulator, () => stack.run(["import", ...args, "--yes", "--protect=false", "--out", out]));
  generated.push(resourceBlocks(readFileSync(out, "utf8")));
  writeProgram();
  return calls;
}

beforeAll(async () => {
  if (!hasYamlHost) return;
  emulator = await startEmulator();
  const fc2 = fc2For(emulator);
  await fc2.createService("shop");
  for (const fn of ["orders", ...FLEET]) {
    await fc2.createFunction("shop", nodeFunction(fn));
    await fc2.putFunctionAsyncConfig("shop", fn, "LATEST", { maxAsyncRetryAttempts: 1, maxAsyncEventAgeInSeconds: 600 });
  }
  const fc3 = fc3For(emulator);
  await fc3.createFunction(fc3NodeFunction("invoices"));
  await fc3.putAsyncInvokeConfig("invoices", new $Fc3.PutAsyncInvokeConfigRequest({ body: new $Fc3.PutAsyncInvokeConfigInput({ asyncTask: true, maxAsyncRetryAttempts: 0 }) }));
  const fg = functionGraphSdk(emulator);
  await fg.createFunction(fgNodeFunction("reports"));
  await fg.updateFunctionAsyncInvokeConfig({ function_urn: urnOf(emulator, "reports"), body: { max_async_retry_attempts: 2, max_async_event_age_in_seconds: 7200 } });

  const dir = path.join(stateRoot, "work");
  mkdirSync(dir, { recursive: true });
  const program = mkdtempSync(path.join(dir, "plugin-import-program-"));
  writeFileSync(
    path.join(program, "Pulumi.yaml"),
    ["name: plugin-import", "runtime: yaml", "plugins:", "  providers:", "    - name: asyncinvoke", "      path: ../../bin", ""].join("\n"),
  );
  stack = await pluginStack(program, "plugin-import");
  await configureDefaultProvider(stack, emulator);
});

afterAll(async () => {
  await emulator?.close();
});

describe.skipIf(!hasYamlHost)("pulumi import with the asyncinvoke plugin", () => {
  it("imports an FC 2.0 config by service:function:qualifier, reading only", async () => {
    const calls = await importAndKeep(["asyncinvoke:fc:FunctionAsyncInvokeConfig", "orders", "shop:orders:LATEST"]);
    expect(writes(calls)).toEqual({});
    expect(generated.at(-1)).toContain("type: asyncinvoke:fc:FunctionAsyncInvokeConfig");
    expect(generated.at(-1)).toMatch(/maxAsyncRetryAttempts: 1\n/);
  });

  it("imports an FC 3.0 config by function:qualifier", async () => {
    const calls = await importAndKeep(["asyncinvoke:fc3:AsyncInvokeConfig", "invoices", "invoices:LATEST"]);
    expect(writes(calls)).toEqual({});
    expect(generated.at(-1)).toMatch(/asyncTask: true\n/);
  });

  it("imports a FunctionGraph config by its URN", async () => {
    const calls = await importAndKeep(["asyncinvoke:functiongraph:AsyncInvokeConfig", "reports", urnOf(emulator, "reports")]);
    expect(writes(calls)).toEqual({});
    expect(generated.at(-1)).toContain(`functionUrn: ${urnOf(emulator, "reports")}`);
    expect(generated.at(-1)).toMatch(/maxAsyncEventAgeInSeconds: 7200\n/);
  });

  it("imports 20 at once with --file", async () => {
    const file = path.join(stack.cwd, "import.json");
    writeFileSync(file, JSON.stringify({ resources: FLEET.map((fn) => ({ type: "asyncinvoke:fc:FunctionAsyncInvokeConfig", name: fn, id: `shop:${fn}:LATEST` })) }));
    const calls = await importAndKeep(["--file", file]);
    expect(writes(calls)).toEqual({});
    // One read per config in import's preview, one in the import itself.
    expect(calls).toEqual({ GetFunctionAsyncInvokeConfig: 40 });
    expect(generated.at(-1)!.match(/type: asyncinvoke:fc:FunctionAsyncInvokeConfig/g)).toHaveLength(20);
  });

  it("previews the program with the generated code as no change, writing nothing", async () => {
    const calls = await apiCalls(emulator, () => stack.run(["preview", "--expect-no-changes"]));
    expect(writes(calls)).toEqual({});
    const refreshed = await apiCalls(emulator, () => stack.run(["preview", "--refresh", "--expect-no-changes"]));
    expect(writes(refreshed)).toEqual({});
    const state = JSON.parse(await stack.run(["stack", "export"])) as { deployment: { resources?: { type: string }[] } };
    expect((state.deployment.resources ?? []).filter((r) => r.type.startsWith("asyncinvoke:"))).toHaveLength(23);
  });
});
