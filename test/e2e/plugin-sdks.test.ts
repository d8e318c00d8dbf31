// The Python and .NET SDKs generated from the provider's schema (scripts/gen-sdks.sh into the git-ignored sdk/).
// Neither runs here: PyPI is not reachable (no `pulumi` package to install) and there is no `dotnet`. So this
// checks what can be checked on this machine: every generated Python file compiles, the resources are classes of
// the right Pulumi kind, and the .NET project file is well-formed XML naming the package and its plugin.
// Python's own parser does both jobs (compileall, and xml.etree for the project file): without python3 it skips.
import { execFile, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { E2E_TEST_TIMEOUT_MS, STEP_TIMEOUT_MS, repoRoot } from "../../scripts/lib/pulumi.ts";

vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const run = promisify(execFile);
const python = (args: string[]) => run("python3", args, { cwd: repoRoot, timeout: STEP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
const hasPython = spawnSync("python3", ["--version"]).status === 0;
const sdk = path.join(repoRoot, "sdk");
const PLUGIN_JSON = { resource: true, name: "asyncinvoke", version: "0.1.0" };

beforeAll(async () => {
  if (!hasPython) return;
  // Only the two languages this file checks: the Go program's test generates sdk/go, so the two never race.
  await run("bash", [path.join(repoRoot, "scripts", "gen-sdks.sh"), "python", "dotnet"], { cwd: repoRoot, timeout: STEP_TIMEOUT_MS });
});

const title = "the Python and .NET SDKs generated from the schema";
describe.skipIf(!hasPython)(hasPython ? title : `${title} (skipped: no python3, which compiles the one and parses the other)`, () => {
  it("the Python SDK compiles, file by file", async () => {
    const { stdout, stderr } = await python(["-m", "compileall", "-q", "sdk/python"]);
    expect(stdout).toBe("");
    expect(stderr).toBe("");
    expect(JSON.parse(readFileSync(path.join(sdk, "python", "pulumi_asyncinvoke", "pulumi-plugin.json"), "utf8"))).toEqual(PLUGIN_JSON);
  });

  it("the Python SDK declares each resource as a Pulumi resource class", async () => {
    // The classes as Python's parser sees them: module -> class -> its bases, for the modules of the resources.
    const script = `
import ast, json, sys
found = {}
for module in sys.argv[1:]:
    tree = ast.parse(open(module, encoding="utf-8").read(), module)
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(ast.unparse(b).startswith("pulumi.") for b in node.bases):
            found[module.split("pulumi_asyncinvoke/")[1] + ":" + node.name] = [ast.unparse(b) for b in node.bases]
print(json.dumps(found, sort_keys=True))
`;
    const modules = ["provider.py", "async_invoke_policy_batch.py", "fc/function_async_invoke_config.py", "fc3/async_invoke_config.py", "functiongraph/async_invoke_config.py"];
    const { stdout } = await python(["-c", script, ...modules.map((m) => path.join("sdk", "python", "pulumi_asyncinvoke", m))]);
    expect(JSON.parse(stdout)).toEqual({
      "async_invoke_policy_batch.py:AsyncInvokePolicyBatch": ["pulumi.CustomResource"],
      "fc/function_async_invoke_config.py:FunctionAsyncInvokeConfig": ["pulumi.CustomResource"],
      "fc3/async_invoke_config.py:AsyncInvokeConfig": ["pulumi.CustomResource"],
      "functiongraph/async_invoke_config.py:AsyncInvokeConfig": ["pulumi.CustomResource"],
      "provider.py:Provider": ["pulumi.ProviderResource"],
    });
  });

  it("the .NET project file is well-formed XML naming the package, its version and its plugin", async () => {
    const project = path.join("sdk", "dotnet", "PulumiAsyncInvoke.Asyncinvoke.csproj");
    // ElementTree refuses a file that is not well-formed XML (exit 1, a ParseError naming line and column).
    const script = `
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
print(json.dumps({
    "root": root.tag,
    "sdk": root.get("Sdk"),
    "version": root.findtext("PropertyGroup/Version"),
    "targetFramework": root.findtext("PropertyGroup/TargetFramework"),
    "pulumi": [r.get("Version") for r in root.iter("PackageReference") if r.get("Include") == "Pulumi"],
    "embedded": sorted(r.get("Include") for r in root.iter("EmbeddedResource")),
}))
`;
    const { stdout } = await python(["-c", script, project]);
    expect(JSON.parse(stdout)).toEqual({
      root: "Project",
      sdk: "Microsoft.NET.Sdk",
      version: "0.1.0",
      targetFramework: "net6.0",
      pulumi: ["3.*"],
      embedded: ["pulumi-plugin.json", "version.txt"],
    });
    // The package id is the project file's name: the schema's csharp rootNamespace, then the package name.
    expect(readFileSync(path.join(sdk, "dotnet", "version.txt"), "utf8").trim()).toBe("0.1.0");
    expect(JSON.parse(readFileSync(path.join(sdk, "dotnet", "pulumi-plugin.json"), "utf8"))).toEqual(PLUGIN_JSON);
  });
});
