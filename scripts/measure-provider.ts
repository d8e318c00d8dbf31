// Prints the figures the README quotes for fc.FunctionAsyncInvokeConfig: FC API calls per Pulumi operation
// (counted by the emulator's control surface) and the bytes of `__provider` each resource leaves in state.
// Usage: node -r ts-node/register/transpile-only scripts/measure-provider.ts [resources=10]
import path from "node:path";
import { start } from "../emulator";
import { emulatorStack } from "./lib/emulator-stack.ts";
import { fc2For, nodeFunction } from "./lib/official-sdks.ts";

const program = path.join(__dirname, "..", "test", "e2e", "fixtures", "async-configs");

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10);
  const emulator = await start({ port: 0 });
  try {
    const sdk = fc2For(emulator);
    await sdk.createService("bench");
    for (let i = 0; i < count; i++) await sdk.createFunction("bench", nodeFunction(`fn${i}`));
    const stack = await emulatorStack({ program, label: "measure", emulator });
    const declare = (retries: number) =>
      stack.setConfig(
        "configs",
        JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, i) => [`cfg${i}`, { serviceName: "bench", functionName: `fn${i}`, maxAsyncRetryAttempts: retries }]))),
      );

    const rows: Array<[string, Record<string, number>]> = [];
    const measure = async (label: string, args: string[]) => {
      await emulator.control.resetRequestCounts();
      await stack.run(args);
      const counts = Object.fromEntries(Object.entries(await emulator.control.requestCounts()).filter(([, n]) => n > 0));
      rows.push([label, counts]);
    };

    await declare(1);
    await measure("create (`up`)", ["up", "--yes", "--skip-preview"]);
    await measure("no-op `preview`", ["preview", "--expect-no-changes"]);
    await measure("`preview --refresh`", ["preview", "--refresh", "--expect-no-changes"]);
    await measure("`refresh`", ["refresh", "--yes", "--skip-preview"]);
    await declare(2);
    await measure("update (`up`)", ["up", "--yes", "--skip-preview"]);

    const state = JSON.parse(await stack.run(["stack", "export"])) as {
      deployment: { resources: Array<{ type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }> };
    };
    const configs = state.deployment.resources.filter((r) => r.type.endsWith("fc:FunctionAsyncInvokeConfig"));
    const providerBytes = configs.map((r) => Buffer.byteLength(String(r.outputs?.["__provider"] ?? "")) + Buffer.byteLength(String(r.inputs?.["__provider"] ?? "")));
    const resourceBytes = configs.map((r) => Buffer.byteLength(JSON.stringify(r)));

    await measure("delete (`destroy`)", ["destroy", "--yes", "--skip-preview"]);

    const per = (n: number) => (Number.isInteger(n / count) ? String(n / count) : (n / count).toFixed(2));
    console.log(`FC API calls made by Pulumi operations on a stack of ${count} FunctionAsyncInvokeConfig resources (emulator request counts):\n`);
    console.log("| operation | FC calls | per resource |");
    console.log("|---|---|---:|");
    for (const [label, counts] of rows) {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const detail = Object.entries(counts).map(([op, n]) => `${op} ×${n}`).join(", ") || "none";
      console.log(`| ${label} | ${detail} | ${per(total)} |`);
    }
    console.log(`\nState per resource: __provider ${Math.max(...providerBytes)} bytes (inputs + outputs copies together), whole resource entry ${Math.max(...resourceBytes)} bytes.`);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
