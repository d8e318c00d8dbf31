// Prints the FC 3.0 API calls each Pulumi operation makes on a stack of fc3.AsyncInvokeConfig resources, counted by
// the emulator's control surface. Usage: node -r ts-node/register/transpile-only scripts/measure-fc3.ts [resources=10]
import path from "node:path";
import { start } from "../emulator";
import { emulatorStack } from "./lib/emulator-stack.ts";
import { fc3For, fc3NodeFunction } from "./lib/fc3-sdk.ts";

const program = path.join(__dirname, "..", "test", "e2e", "fixtures", "fc3-configs");

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10);
  const emulator = await start({ port: 0 });
  try {
    const sdk = fc3For(emulator);
    for (let i = 0; i < count; i++) await sdk.createFunction(fc3NodeFunction(`fn${i}`));
    const stack = await emulatorStack({ program, label: "measure-fc3", emulator });
    const declare = (retries: number) =>
      stack.setConfig("configs", JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, i) => [`cfg${i}`, { functionName: `fn${i}`, maxAsyncRetryAttempts: retries }]))));
    const rows: Array<[string, Record<string, number>]> = [];
    const measure = async (label: string, args: string[]) => {
      await emulator.control.resetRequestCounts();
      await stack.run(args);
      rows.push([label, Object.fromEntries(Object.entries(await emulator.control.requestCounts()).filter(([, n]) => n > 0))]);
    };
    await declare(1);
    await measure("create (`up`)", ["up", "--yes", "--skip-preview"]);
    await measure("no-op `preview`", ["preview", "--expect-no-changes"]);
    await measure("`preview --refresh`", ["preview", "--refresh", "--expect-no-changes"]);
    await measure("`refresh`", ["refresh", "--yes", "--skip-preview"]);
    await declare(2);
    await measure("update (`up`)", ["up", "--yes", "--skip-preview"]);
    await measure("delete (`destroy`)", ["destroy", "--yes", "--skip-preview"]);
    console.log(`FC 3.0 API calls made by Pulumi operations on a stack of ${count} fc3.AsyncInvokeConfig resources (emulator request counts):\n`);
    console.log("| operation | FC 3.0 calls | per resource |");
    console.log("|---|---|---:|");
    for (const [label, counts] of rows) {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(`| ${label} | ${Object.entries(counts).map(([op, n]) => `${op} ×${n}`).join(", ") || "none"} | ${total / count} |`);
    }
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
