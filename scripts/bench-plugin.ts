// The asyncinvoke plugin beside the dynamic resources and the SDK floor, in one run: wall time of create,
// update-all and destroy for N = 100 configs (FC 2.0) as 100 plugin resources in a Pulumi YAML program, as 100
// `fc.FunctionAsyncInvokeConfig` dynamic resources in a TypeScript program (both `--parallel 8`), and as the
// same FC calls made directly with the official SDK 8 at a time. The emulator answers every request after 20 ms.
// Also: state bytes per resource (`pulumi stack export`), and the plugin's start-up time (launcher spawned until
// it prints its port), the median of 5.
//
// Usage: node -r ts-node/register/transpile-only scripts/bench-plugin.ts [--quick]   (--quick: N = 10)
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { start } from "../emulator";
import { settleLimited } from "../provider/shared/parallel";
import { configureDefaultProvider, pluginStack, type PluginStack } from "../test/e2e/plugin-kit.ts";
import { emulatorStack, type EmulatorStack } from "./lib/emulator-stack.ts";
import { fc2For, nodeFunction } from "./lib/official-sdks.ts";
import { stateRoot } from "./lib/pulumi.ts";

const N = process.argv.includes("--quick") ? 10 : 100;
const PARALLEL = 8;
const LATENCY_MS = 20;
const SERVICE = "bench";
const fn = (i: number) => `fn${i}`;
const names = Array.from({ length: N }, (_, i) => fn(i));

async function timed<T>(action: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await action();
  return (performance.now() - started) / 1000;
}

/** A YAML program of N plugin resources, retries from the stack config `retries`. */
function yamlProgram(): string {
  const dir = mkdtempSync(path.join(stateRoot, "work", "bench-plugin-program-"));
  const resources = names.map((name) => `  ${name}:\n    type: asyncinvoke:fc:FunctionAsyncInvokeConfig\n    properties:\n      serviceName: ${SERVICE}\n      functionName: ${name}\n      maxAsyncRetryAttempts: \${retries}\n`);
  writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: bench-plugin\nruntime: yaml\nplugins:\n  providers:\n    - name: asyncinvoke\n      path: ../../bin\nconfig:\n  retries:\n    type: integer\nresources:\n${resources.join("")}`,
  );
  return dir;
}

/** Bytes of each custom resource of the stack's state, on average. */
async function stateBytesPerResource(run: (args: readonly string[]) => Promise<string>, typePrefix: string): Promise<number> {
  const exported = JSON.parse(await run(["stack", "export"])) as { deployment: { resources?: { type: string }[] } };
  const mine = (exported.deployment.resources ?? []).filter((r) => r.type.startsWith(typePrefix));
  return Math.round(mine.reduce((sum, r) => sum + JSON.stringify(r).length, 0) / Math.max(1, mine.length));
}

/** Launcher spawned until its first stdout line (the port): the plugin's start-up, in seconds. */
function pluginStartup(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(path.join(__dirname, "..", "bin", "pulumi-resource-asyncinvoke"), ["127.0.0.1:1"], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.once("data", () => {
      resolve((performance.now() - started) / 1000);
      child.kill();
    });
    child.on("error", reject);
  });
}

async function main(): Promise<void> {
  const load = [os.loadavg()];
  mkdirSync(path.join(stateRoot, "work"), { recursive: true });
  const emulator = await start({ port: 0 });
  try {
    const sdk = fc2For(emulator);
    await sdk.createService(SERVICE);
    await settleLimited(names, 8, (name) => sdk.createFunction(SERVICE, nodeFunction(name)));
    await emulator.control.setFaults({ latencyMs: LATENCY_MS });

    const rows: Record<string, Record<string, number>> = {};
    const plugin: PluginStack = await pluginStack(yamlProgram(), "bench-plugin");
    await configureDefaultProvider(plugin, emulator);
    await plugin.setConfig("retries", "1");
    const up = ["up", "--yes", "--skip-preview", "--parallel", String(PARALLEL)];
    rows["plugin (YAML)"] = { create: await timed(() => plugin.run(up)) };
    await plugin.setConfig("retries", "2");
    rows["plugin (YAML)"]["update-all"] = await timed(() => plugin.run(up));
    rows["plugin (YAML)"]["state bytes per resource"] = await stateBytesPerResource(plugin.run, "asyncinvoke:");
    rows["plugin (YAML)"]["destroy"] = await timed(() => plugin.run(["destroy", "--yes", "--skip-preview", "--parallel", String(PARALLEL)]));

    const dynamic: EmulatorStack = await emulatorStack({ program: path.join(__dirname, "..", "test", "e2e", "fixtures", "async-configs"), label: "bench-plugin-dynamic", emulator });
    const declare = (retries: number) => dynamic.setConfig("configs", JSON.stringify(Object.fromEntries(names.map((name) => [name, { serviceName: SERVICE, functionName: name, maxAsyncRetryAttempts: retries }]))));
    await declare(1);
    rows["dynamic (TypeScript)"] = { create: await timed(() => dynamic.run(up)) };
    await declare(2);
    rows["dynamic (TypeScript)"]["update-all"] = await timed(() => dynamic.run(up));
    rows["dynamic (TypeScript)"]["state bytes per resource"] = await stateBytesPerResource(dynamic.run, "pulumi-nodejs:dynamic");
    rows["dynamic (TypeScript)"]["destroy"] = await timed(() => dynamic.run(["destroy", "--yes", "--skip-preview", "--parallel", String(PARALLEL)]));

    const body = (retries: number) => ({ maxAsyncRetryAttempts: retries, maxAsyncEventAgeInSeconds: 86400, statefulInvocation: false, destinationConfig: { onSuccess: null, onFailure: null } });
    rows["SDK floor"] = {
      create: await timed(() =>
        settleLimited(names, PARALLEL, async (name) => {
          await sdk.getFunctionAsyncConfig(SERVICE, name, "LATEST").catch(() => undefined);
          await sdk.putFunctionAsyncConfig(SERVICE, name, "LATEST", body(1));
        }),
      ),
      "update-all": await timed(() => settleLimited(names, PARALLEL, (name) => sdk.putFunctionAsyncConfig(SERVICE, name, "LATEST", body(2)))),
      destroy: await timed(() => settleLimited(names, PARALLEL, (name) => sdk.deleteFunctionAsyncConfig(SERVICE, name, "LATEST"))),
    };

    const startups: number[] = [];
    for (let i = 0; i < 5; i++) startups.push(await pluginStartup());
    startups.sort((a, b) => a - b);
    load.push(os.loadavg());

    const s = (x: number | undefined) => (x === undefined ? "–" : x.toFixed(2));
    console.log(`\nN = ${N} FC 2.0 configs; emulator ${LATENCY_MS} ms per request; --parallel ${PARALLEL}, SDK ${PARALLEL} at a time.`);
    console.log(`Node ${process.version}, ${os.cpus().length} cores; load average before ${load[0]?.map((x) => x.toFixed(2)).join(" ")}, after ${load[1]?.map((x) => x.toFixed(2)).join(" ")}.\n`);
    console.log("| form | create s | update-all s | destroy s | state bytes per resource |");
    console.log("|---|---:|---:|---:|---:|");
    for (const [form, row] of Object.entries(rows)) {
      console.log(`| ${form} | ${s(row["create"])} | ${s(row["update-all"])} | ${s(row["destroy"])} | ${row["state bytes per resource"] ?? "–"} |`);
    }
    console.log(`\nPlugin start-up (launcher to port), 5 runs: median ${s(startups[2])} s, fastest ${s(startups[0])} s, slowest ${s(startups[4])} s.`);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
