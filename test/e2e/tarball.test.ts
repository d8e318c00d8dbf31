// The package as a user installs it: `npm pack` of this repository, installed into a project made from
// examples/stack-template OUTSIDE the clone, beside a different @pulumi/pulumi than the one we develop with (the
// newest of the tested peer range), then up / preview / destroy through the real CLI against the emulator.
// The program must get exactly one @pulumi/pulumi: ours is a peer dependency, so npm never nests a second copy.
//
// npm reads from its cache first (`--prefer-offline`); the first run on a machine downloads the packages.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { liveAsyncConfig } from "../../scripts/lib/official-sdks.ts";
import { offlineEnv, pulumi, repoRoot, runPulumi } from "../../scripts/lib/pulumi.ts";
import { failure, fc2For, nodeFunction, startEmulator, type Fc2Client } from "../kit/emulator";

/** The newest @pulumi/pulumi the peer range is tested with; the dev dependency is the oldest. */
const NEWEST_TESTED_SDK = "3.276.0";

type PackageJson = {
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const rootPackage = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as PackageJson;
const DEV_SDK = rootPackage.devDependencies?.["@pulumi/pulumi"] ?? "";

let emulator: Emulator;
let sdk: Fc2Client;
let workDir: string;
let project: string;
let tarball: string;
let env: NodeJS.ProcessEnv;
let stackCreated = false;
const run = (args: string[]) => pulumi(args, { cwd: project, env });

function exec(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function npm(args: string[], cwd: string): Promise<string> {
  const result = await exec("npm", args, cwd);
  if (result.code !== 0) throw new Error(`npm ${args.join(" ")} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Every installed copy of a package under node_modules (nested ones included), by version. */
function installedVersions(root: string, name: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    const candidate = path.join(dir, "node_modules", name, "package.json");
    if (existsSync(candidate)) found.push((JSON.parse(readFileSync(candidate, "utf8")) as PackageJson).version);
    const modules = path.join(dir, "node_modules");
    if (!existsSync(modules)) return;
    for (const entry of readdirNames(modules)) visit(path.join(modules, entry));
  };
  visit(root);
  return found.sort();
}

function readdirNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory() || entry.name.startsWith(".")) return [];
    if (entry.name.startsWith("@")) return readdirSync(path.join(dir, entry.name)).map((inner) => path.join(entry.name, inner));
    return [entry.name];
  });
}

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc2For(emulator);
  // The template's default function list.
  await sdk.createService("app");
  for (const fn of ["worker", "mailer"]) await sdk.createFunction("app", nodeFunction(fn));

  // Outside the repository, so nothing can resolve from the clone's node_modules.
  workDir = mkdtempSync(path.join(os.tmpdir(), "pulumi-async-invoke-tarball-"));
  project = path.join(workDir, "orders");
  mkdirSync(project);
  env = offlineEnv(path.join(workDir, ".backend"));
}, 60_000);

afterAll(async () => {
  if (stackCreated) await runPulumi(["destroy", "--yes", "--skip-preview", "--refresh=false", "--stack", "dev"], { cwd: project, env });
  await emulator?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("the packed package in a program of its own", () => {
  it("declares @pulumi/pulumi as a peer dependency whose range holds both tested versions", () => {
    expect(rootPackage.dependencies?.["@pulumi/pulumi"]).toBeUndefined();
    expect(rootPackage.peerDependencies).toEqual({ "@pulumi/pulumi": ">=3.259.0 <4.0.0" });
    expect(DEV_SDK).toBe("3.259.0");
    expect(NEWEST_TESTED_SDK).not.toBe(DEV_SDK);
    const semver = require("semver") as { satisfies(v: string, range: string): boolean };
    for (const v of [DEV_SDK, NEWEST_TESTED_SDK]) expect(semver.satisfies(v, ">=3.259.0 <4.0.0")).toBe(true);
  });

  it("packs dist/ (provider, emulator and the dashboard's files) and nothing else of the repository", async () => {
    const [packed] = JSON.parse(await npm(["pack", "--json", "--pack-destination", workDir], repoRoot)) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    expect(packed).toBeDefined();
    tarball = path.join(workDir, packed!.filename);
    expect(packed!.filename).toBe(`pulumi-async-invoke-${rootPackage.version}.tgz`);
    const files = packed!.files.map((f) => f.path);
    expect(files).toContain("dist/provider/index.js");
    expect(files).toContain("dist/provider/fc2/provider.js");
    expect(files).toContain("dist/emulator/cli.js");
    expect(files).toContain("dist/emulator/core/control/ui/index.html");
    expect(files).toContain("dist/provider/plugin/schema.json");
    // The provider plugin's launcher is the one file outside dist/.
    expect(files.filter((f) => !f.startsWith("dist/") && !["package.json", "README.md", "LICENSE"].includes(f))).toEqual(["bin/pulumi-resource-asyncinvoke"]);
  }, 120_000);

  it(`installs from the tarball beside @pulumi/pulumi ${NEWEST_TESTED_SDK}, with one copy of the SDK`, async () => {
    await run(["new", path.join(repoRoot, "examples", "stack-template"), "--dir", project, "--name", "orders", "--yes", "--generate-only", "--force"]);
    const generated = JSON.parse(readFileSync(path.join(project, "package.json"), "utf8")) as PackageJson;
    expect(generated.dependencies).toEqual({ "@pulumi/pulumi": "^3.259.0", "pulumi-async-invoke": `^${rootPackage.version}` });
    // The template names the package by version; here it comes from the tarball (as the template's README says
    // to do in a clone), and the SDK is pinned to the version under test.
    await npm(["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, `@pulumi/pulumi@${NEWEST_TESTED_SDK}`], project);

    expect(installedVersions(project, "@pulumi/pulumi")).toEqual([NEWEST_TESTED_SDK]);
    expect(existsSync(path.join(project, "node_modules", "pulumi-async-invoke", "dist", "provider", "index.js"))).toBe(true);
    const ls = JSON.parse(await npm(["ls", "@pulumi/pulumi", "--all", "--json"], project)) as {
      dependencies: Record<string, { version: string; dependencies?: Record<string, { version: string }> }>;
    };
    expect(ls.dependencies["@pulumi/pulumi"]?.version).toBe(NEWEST_TESTED_SDK);
    expect(ls.dependencies["pulumi-async-invoke"]?.dependencies?.["@pulumi/pulumi"]?.version).toBe(NEWEST_TESTED_SDK);
  }, 600_000);

  it("up, preview and destroy the template's stack against the emulator", async () => {
    await run(["stack", "init", "dev"]);
    stackCreated = true;
    const { url, region, credentials } = emulator;
    await run(["config", "set-all", "--stack", "dev",
      "--plaintext", `pulumi-async-invoke:fcEndpoint=${url}`,
      "--plaintext", `alicloud:region=${region}`,
      "--plaintext", `alicloud:accountId=${credentials.accountId}`,
      "--secret", `alicloud:accessKey=${credentials.accessKeyId}`,
      "--secret", `alicloud:secretKey=${credentials.accessKeySecret}`,
      "--plaintext", "maxAsyncRetryAttempts=1",
    ]);

    await run(["up", "--yes", "--skip-preview", "--stack", "dev"]);
    for (const fn of ["worker", "mailer"]) {
      expect(await liveAsyncConfig(sdk, "app", fn)).toEqual({
        qualifier: "LATEST",
        maxAsyncRetryAttempts: 1,
        maxAsyncEventAgeInSeconds: 86400,
        statefulInvocation: false,
        destinationConfig: { onSuccess: null, onFailure: null },
      });
    }
    // The SDK that ran the program is the one installed beside the tarball.
    expect(JSON.parse(readFileSync(path.join(project, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version).toBe(NEWEST_TESTED_SDK);

    const preview = await runPulumi(["preview", "--expect-no-changes", "--stack", "dev"], { cwd: project, env });
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);

    await run(["destroy", "--yes", "--skip-preview", "--stack", "dev"]);
    stackCreated = false;
    for (const fn of ["worker", "mailer"]) {
      expect(await failure(sdk.getFunctionAsyncConfig("app", fn))).toMatchObject({ code: "AsyncConfigNotExists", status: 404 });
    }
  }, 600_000);
});
