// Narrates the demo: starts the embedded FC emulator, creates the functions the program configures, and runs
// the root Pulumi program through the real CLI: up, a change made behind Pulumi's back with Alibaba's own SDK,
// a plain `preview` showing it (Pulumi.yaml sets `options: refresh: always`), `up` putting it right, destroy.
import path from "node:path";
import { start } from "pulumi-async-invoke/emulator";
import { emulatorStack } from "../scripts/lib/emulator-stack.ts";
import { fc2For, nodeFunction } from "../scripts/lib/official-sdks.ts";
import { repoRoot } from "../scripts/lib/pulumi.ts";

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
let stepNumber = 0;
function step(title: string, why: string): void {
  stepNumber += 1;
  console.log(`\n${bold(`── ${stepNumber}. ${title}`)}\n   ${why}\n`);
}

async function main(): Promise<void> {
  step("Start the Function Compute emulator", "The same API the cloud serves, on this machine; the official SDKs cannot tell the difference.");
  const emulator = await start({ port: 0 });
  console.log(`   endpoint ${emulator.url}, region ${emulator.region}, account ${emulator.credentials.accountId}`);
  try {
    const sdk = fc2For(emulator);
    step("Create the functions with Alibaba's SDK (@alicloud/fc2)", "What already exists in your account: a service, three functions, version 1 and an alias `prod`.");
    await sdk.createService("shop");
    for (const name of ["orders", "receipts", "audit"]) await sdk.createFunction("shop", nodeFunction(name));
    await sdk.publishVersion("shop");
    await sdk.createAlias("shop", "prod", "1");
    console.log("   shop/orders, shop/receipts, shop/audit; version 1; alias prod -> 1");

    step("Create a stack", "A local file backend under .pulumi-state/demo; the stack config points the provider at the emulator.");
    const stack = await emulatorStack({ program: repoRoot, label: "demo", emulator, stack: "demo", inPlace: true, echo: true });

    step("pulumi up", "Declares both configs (demo/index.ts).");
    await stack.run(["up", "--yes"]);

    step("Someone changes a config behind Pulumi's back", "With the official SDK: orders gets 5 retries and loses its failure queue.");
    await sdk.putFunctionAsyncConfig("shop", "orders", undefined, { maxAsyncRetryAttempts: 5, destinationConfig: { onSuccess: null, onFailure: null } });
    const drifted = (await sdk.getFunctionAsyncConfig("shop", "orders")).data;
    console.log(`   live now: maxAsyncRetryAttempts=${String(drifted["maxAsyncRetryAttempts"])}, destinationConfig=${JSON.stringify(drifted["destinationConfig"])}`);

    step(
      "pulumi preview --diff",
      "A plain preview: Pulumi.yaml sets `options: refresh: always`, so it reads what is live first and shows the drift, field by field.",
    );
    await stack.run(["preview", "--diff"]);

    step("pulumi up", "Refreshes the same way, then puts the program's values back.");
    await stack.run(["up", "--yes", "--skip-preview"]);
    const fixed = (await sdk.getFunctionAsyncConfig("shop", "orders")).data;
    console.log(`\n   live again: maxAsyncRetryAttempts=${String(fixed["maxAsyncRetryAttempts"])}, destinationConfig=${JSON.stringify(fixed["destinationConfig"])}`);

    step("pulumi destroy", "Removes both configs; the functions themselves stay.");
    await stack.run(["destroy", "--yes", "--skip-preview"]);
    const left = await Promise.all(["orders", "receipts"].map(async (fn) => ((await sdk.listFunctionAsyncConfigs("shop", fn)).data["configs"] as unknown[]).length));
    console.log(`\n   async configs left in the emulator: ${left.reduce((a, b) => a + b, 0)}`);
    console.log(`\n${bold("Done.")} State of this run: ${path.relative(process.cwd(), stack.backendDir)}/`);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
