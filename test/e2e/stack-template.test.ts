// The stack template end to end, through the real `pulumi` CLI against an embedded emulator: a project made by
// `pulumi new` from examples/stack-template, two stacks with their own config, list edits that touch exactly one
// config, a per-function override, no-op previews, and a bad config value that stops preview with its key named.
//
// Why `pulumi new --generate-only`: without it `pulumi new` runs `npm install` in the new project (about 20 s
// over the network, and the template's `file:../..` dependency only resolves inside a clone's examples/). The
// project is generated inside the repo instead, where `pulumi-async-invoke` and `@pulumi/pulumi` resolve from the
// repo's node_modules, and the config `pulumi new --yes` would save (the template's prompt defaults, plus `-c`
// values) is saved with `pulumi config set-all`, read from the template's own Pulumi.yaml.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_ACCOUNT, DEFAULT_REGION, type Emulator } from "../../emulator";
import { liveAsyncConfig } from "../../scripts/lib/official-sdks.ts";
import { E2E_TEST_TIMEOUT_MS, offlineEnv, pulumi, repoRoot, runPulumi, stateRoot } from "../../scripts/lib/pulumi.ts";
import { fc2For, failure, nodeFunction, startEmulator, type Fc2Client } from "../support/emulator.ts";

// Steps and hooks run real `pulumi` commands; each command has its own timeout (STEP_TIMEOUT_MS) that kills it
// and unlocks the stack, so a slow step on a loaded machine fails alone instead of locking the stack for the next.
vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const TEMPLATE = path.join(repoRoot, "examples", "stack-template");
const rootPackage = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
const PROJECT = "orders";
const COMPONENT = "pulumi-async-invoke:fc:AsyncInvokePolicy";
const CONFIG_TYPE = "pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig";
const FAILED_QUEUE = "acs:mns:cn-hangzhou:1234567890123456:/queues/async-failures/messages";
const PROD_FAILED = "acs:mns:cn-hangzhou:1234567890123456:/queues/prod-failed/messages";
const PROD_DONE = "acs:mns:cn-hangzhou:1234567890123456:/topics/prod-done/messages";

const PROD_FUNCTIONS = [
  { serviceName: "shop", functionName: "checkout" },
  { serviceName: "shop", functionName: "refund", qualifier: "prod", overrides: { maxAsyncRetryAttempts: 0, onFailure: "", statefulInvocation: true } },
  { serviceName: "shop", functionName: "mail" },
];
const INVOICE = { serviceName: "shop", functionName: "invoice" };

type Step = { op: string; urn: string };
type Preview = { steps: Step[]; changeSummary: Record<string, number> };
type TemplateConfig = Record<string, { description?: string; default?: string; secret?: boolean }>;

let emulator: Emulator;
let sdk: Fc2Client;
let cwd: string;
let env: NodeJS.ProcessEnv;
const run = (args: string[]) => pulumi(args, { cwd, env });

function childUrn(stack: string, key: string): string {
  return `urn:pulumi:${stack}::${PROJECT}::${COMPONENT}$${CONFIG_TYPE}::async-policy/${key}`;
}

/** The changes a preview plans, without the resources it leaves as they are. */
async function plannedChanges(stack: string): Promise<Preview> {
  const preview = JSON.parse(await run(["preview", "--json", "--stack", stack])) as Preview;
  // Pulumi.yaml refreshes before every preview; the refresh steps are not changes.
  return { steps: preview.steps.filter((s) => s.op !== "same" && s.op !== "refresh").map(({ op, urn }) => ({ op, urn })), changeSummary: preview.changeSummary };
}

/** The config the emulator holds for one function and qualifier, as the official SDK reads it. */
const live = (service: string, fn: string, qualifier = "LATEST") => liveAsyncConfig(sdk, service, fn, qualifier);

/** Every config of a function, as `qualifier` list, from the SDK's List call. */
async function qualifiersOf(service: string, fn: string): Promise<string[]> {
  const { data } = await sdk.listFunctionAsyncConfigs(service, fn, { limit: 100 });
  return ((data["configs"] ?? []) as { qualifier: string }[]).map((c) => c.qualifier).sort();
}

function npm(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

beforeAll(async () => {
  emulator = await startEmulator();
  sdk = fc2For(emulator);
  // prod's functions; dev's are created by the template's own seed script, as a user would.
  await sdk.createService("shop");
  for (const fn of ["checkout", "refund", "mail", "invoice"]) await sdk.createFunction("shop", nodeFunction(fn));
  await sdk.publishVersion("shop", "v1");
  await sdk.createAlias("shop", "prod", "1");

  const parent = path.join(stateRoot, "work");
  mkdirSync(parent, { recursive: true });
  cwd = mkdtempSync(path.join(parent, "stack-template-"));
  env = offlineEnv(path.join(cwd, ".backend"));
});

afterAll(async () => {
  await emulator?.close();
});

describe("examples/stack-template", () => {
  it("is a template `pulumi new` accepts, whose prompts default to the emulator's documented endpoint and keys", async () => {
    const out = await run(["new", TEMPLATE, "--dir", cwd, "--name", PROJECT, "--stack", "dev", "--yes", "--generate-only", "--force"]);
    expect(out).toContain(`Created project '${PROJECT}'`);
    const project = readFileSync(path.join(cwd, "Pulumi.yaml"), "utf8");
    expect(project).toMatch(/^name: orders$/m);
    expect(project).not.toMatch(/^template:/m);
    expect(JSON.parse(readFileSync(path.join(cwd, "package.json"), "utf8"))).toMatchObject({
      name: PROJECT,
      // By version, as a user outside a clone needs it; tarball.test.ts installs it from `npm pack`.
      dependencies: { "@pulumi/pulumi": "^3.259.0", "pulumi-async-invoke": `^${rootPackage.version}` },
    });

    const help = await new Promise<string>((resolve, reject) => {
      const child = spawn("node", ["-r", "ts-node/register/transpile-only", path.join(repoRoot, "emulator", "cli.ts"), "--help"], { cwd: repoRoot, env });
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
      child.on("error", reject);
      child.on("close", () => resolve(text));
    });
    const cliPort = /--port\s+port to listen on \(default (\d+)/.exec(help)?.[1];
    expect(Object.fromEntries(Object.entries(templatePrompts()).map(([key, v]) => [key, [v.default, v.secret ?? false]]))).toEqual({
      maxAsyncRetryAttempts: ["3", false],
      maxAsyncEventAgeInSeconds: ["86400", false],
      onFailure: [FAILED_QUEUE, false],
      "pulumi-async-invoke:fcEndpoint": [`http://127.0.0.1:${cliPort}`, false],
      "alicloud:region": [DEFAULT_REGION, false],
      "alicloud:accountId": [DEFAULT_ACCOUNT.accountId, false],
      "alicloud:accessKey": [DEFAULT_ACCOUNT.accessKeyId, true],
      "alicloud:secretKey": [DEFAULT_ACCOUNT.accessKeySecret, true],
    });
  });

  it("dev, with every prompt at its default: the seed script creates its functions and up applies the policy", async () => {
    await run(["stack", "init", "dev"]);
    await saveConfigAsPulumiNewWould("dev", { "pulumi-async-invoke:fcEndpoint": emulator.url });
    const seeded = await npm(["run", "seed-emulator"]);
    expect(seeded.code).toBe(0);
    expect(seeded.output).toContain("created function app/worker");
    expect(seeded.output).toContain("created function app/mailer");

    await run(["up", "--yes", "--skip-preview", "--stack", "dev"]);
    const expected = {
      qualifier: "LATEST",
      maxAsyncRetryAttempts: 3,
      maxAsyncEventAgeInSeconds: 86400,
      statefulInvocation: false,
      destinationConfig: { onSuccess: null, onFailure: { destination: FAILED_QUEUE } },
    };
    expect(await live("app", "worker")).toEqual(expected);
    expect(await live("app", "mailer")).toEqual(expected);
    expect(JSON.parse(await run(["stack", "output", "configIds", "--json", "--stack", "dev"]))).toEqual({
      "app:mailer:LATEST": "app:mailer:LATEST",
      "app:worker:LATEST": "app:worker:LATEST",
    });
  });

  it("prod, with its own policy, function list and a per-function override, holds its own values beside dev's", async () => {
    await run(["stack", "init", "prod"]);
    await saveConfigAsPulumiNewWould("prod", {
      "pulumi-async-invoke:fcEndpoint": emulator.url,
      maxAsyncRetryAttempts: "1",
      maxAsyncEventAgeInSeconds: "3600",
      onFailure: PROD_FAILED,
    });
    await setStructured("prod", {
      [`${PROJECT}:onSuccess`]: PROD_DONE,
      [`${PROJECT}:functions`]: PROD_FUNCTIONS,
    });
    await run(["up", "--yes", "--skip-preview", "--stack", "prod"]);

    const policy = {
      qualifier: "LATEST",
      maxAsyncRetryAttempts: 1,
      maxAsyncEventAgeInSeconds: 3600,
      statefulInvocation: false,
      destinationConfig: { onSuccess: { destination: PROD_DONE }, onFailure: { destination: PROD_FAILED } },
    };
    expect(await live("shop", "checkout")).toEqual(policy);
    expect(await live("shop", "mail")).toEqual(policy);
    expect(await live("shop", "refund", "prod")).toEqual({
      qualifier: "prod",
      maxAsyncRetryAttempts: 0,
      maxAsyncEventAgeInSeconds: 3600,
      statefulInvocation: true,
      destinationConfig: { onSuccess: { destination: PROD_DONE }, onFailure: null },
    });
    expect(await qualifiersOf("shop", "refund")).toEqual(["prod"]);
    // dev's configs are untouched by prod's deployment.
    expect((await live("app", "worker")).maxAsyncRetryAttempts).toBe(3);
  });

  it("a second preview of each stack plans no change", async () => {
    // Different stacks, so the two previews may run side by side.
    const results = await Promise.all(["dev", "prod"].map((stack) => runPulumi(["preview", "--expect-no-changes", "--stack", stack], { cwd, env })));
    for (const result of results) expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it("adding a function to the list creates exactly its config", async () => {
    await setStructured("prod", { [`${PROJECT}:functions`]: [...PROD_FUNCTIONS, INVOICE] });
    expect(await plannedChanges("prod")).toEqual({
      steps: [{ op: "create", urn: childUrn("prod", "shop:invoice:LATEST") }],
      changeSummary: { create: 1, same: 5 },
    });
    await run(["up", "--yes", "--skip-preview", "--stack", "prod"]);
    expect((await live("shop", "invoice")).maxAsyncRetryAttempts).toBe(1);
  });

  it("removing a function from the middle of the list deletes exactly its config", async () => {
    await setStructured("prod", { [`${PROJECT}:functions`]: [...PROD_FUNCTIONS.slice(1), INVOICE] });
    expect(await plannedChanges("prod")).toEqual({
      steps: [{ op: "delete", urn: childUrn("prod", "shop:checkout:LATEST") }],
      changeSummary: { delete: 1, same: 5 },
    });
    await run(["up", "--yes", "--skip-preview", "--stack", "prod"]);
    expect(await failure(sdk.getFunctionAsyncConfig("shop", "checkout", "LATEST"))).toMatchObject({ code: "AsyncConfigNotExists", status: 404 });
    expect(await qualifiersOf("shop", "mail")).toEqual(["LATEST"]);
    expect(await qualifiersOf("shop", "refund")).toEqual(["prod"]);
    expect(await qualifiersOf("shop", "invoice")).toEqual(["LATEST"]);
  });

  it("a bad config value stops preview with the full key and the allowed values, and changes nothing", async () => {
    await run(["config", "set", "--stack", "dev", "maxAsyncRetryAttempts", "9"]);
    await setStructured("prod", {
      [`${PROJECT}:functions`]: [{ serviceName: "shop", functionName: "mail", overrides: { maxAsyncEventAgeInSeconds: 0 } }],
    });
    const [flat, nested] = await Promise.all(["dev", "prod"].map((stack) => runPulumi(["preview", "--stack", stack], { cwd, env })));
    expect(flat?.code).not.toBe(0);
    expect(`${flat?.stdout}${flat?.stderr}`).toContain("orders:maxAsyncRetryAttempts must be an integer from 0 to 8 (default 3); got 9");
    expect(nested?.code).not.toBe(0);
    expect(`${nested?.stdout}${nested?.stderr}`).toContain(
      "orders:functions[0].overrides.maxAsyncEventAgeInSeconds must be an integer from 1 to 2592000 (default 86400); got 0",
    );
    expect((await live("app", "worker")).maxAsyncRetryAttempts).toBe(3);
    expect((await live("shop", "mail")).maxAsyncEventAgeInSeconds).toBe(3600);
  });
});

/** The template's prompts, from its own Pulumi.yaml (js-yaml comes with @pulumi/pulumi and has no types here). */
function templatePrompts(): TemplateConfig {
  const yaml = require("js-yaml") as { load(text: string): unknown };
  const parsed = yaml.load(readFileSync(path.join(TEMPLATE, "Pulumi.yaml"), "utf8")) as { template: { config: TemplateConfig } };
  return parsed.template.config;
}

/** What `pulumi new --yes -c key=value…` saves: every prompt's default, the `-c` values instead where given. */
async function saveConfigAsPulumiNewWould(stack: string, flags: Record<string, string>): Promise<void> {
  const args = ["config", "set-all", "--stack", stack];
  for (const [key, prompt] of Object.entries(templatePrompts())) {
    const value = flags[key] ?? prompt.default ?? "";
    if (value !== "") args.push(prompt.secret ? "--secret" : "--plaintext", `${key}=${value}`);
  }
  await run(args);
}

/** Sets structured values the way a user edits Pulumi.<stack>.yaml (`pulumi config --json` format). */
async function setStructured(stack: string, values: Record<string, unknown>): Promise<void> {
  const json = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === "string" ? { value, secret: false } : { value: JSON.stringify(value), objectValue: value, secret: false },
    ]),
  );
  await run(["config", "set-all", "--stack", stack, "--json", JSON.stringify(json)]);
}
