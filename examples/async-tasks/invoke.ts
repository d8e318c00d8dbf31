// Invokes the function asynchronously twice — an order that is processed and one that fails — names
// each invocation as an asynchronous task, waits for both to finish and prints their timelines: the
// retries, the event age and the destinations declared in index.ts, seen at work.
//
// Connection from the environment (FC_ENDPOINT, ALICLOUD_ACCOUNT_ID, ALICLOUD_ACCESS_KEY,
// ALICLOUD_SECRET_KEY), as in deploy-function.ts. Against the emulator it also prints what the
// success queue and the failure topic received, read from the emulator's control surface.
import { fc } from "pulumi-async-invoke";
import { ControlClient } from "pulumi-async-invoke/emulator";

const serviceName = process.env["SERVICE_NAME"] ?? "orders";
const functionName = process.env["FUNCTION_NAME"] ?? "process-order";
/** Retries back off 0.5 s, then 1 s …: a minute is plenty for two retries. */
const WAIT_LIMIT_MS = 60_000;
const FINISHED = new Set(["Succeeded", "Failed", "Stopped", "Expired", "Invalid"]);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntilFinished(invocationId: string): Promise<fc.StatefulAsyncInvocation> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const task = await fc.getStatefulAsyncInvocation({ serviceName, functionName, invocationId });
    if (FINISHED.has(task.status)) return task;
    if (Date.now() > deadline) throw new Error(`task ${invocationId} is still ${task.status} after ${WAIT_LIMIT_MS / 1000} s`);
    await sleep(250);
  }
}

const truncate = (text: string, max = 160): string => (text.length > max ? `${text.slice(0, max)}…` : text);

function printTimeline(task: fc.StatefulAsyncInvocation): void {
  const started = task.startedTime ?? 0;
  console.log(`\ntask ${task.invocationId}: ${task.status}`);
  console.log(`  retries: ${task.alreadyRetriedTimes ?? 0}   destination: ${task.destinationStatus ?? "-"}${task.invocationErrorMessage ? `   error: ${task.invocationErrorMessage}` : ""}`);
  for (const event of task.events ?? []) {
    const offset = `+${(event.timestamp ?? started) - started} ms`.padStart(10);
    console.log(`  ${String(event.eventId ?? "").padStart(2)}  ${offset}  ${event.status.padEnd(9)} ${event.eventDetail ?? ""}`.trimEnd());
  }
  if (task.returnPayload !== undefined) console.log(`  returned: ${truncate(task.returnPayload)}`);
}

async function main(): Promise<void> {
  const run = Date.now();
  const orders = [
    { invocationId: `order-${run}-ok`, payload: { orderId: `A-${run}` } },
    { invocationId: `order-${run}-bad`, payload: { orderId: `B-${run}`, fail: true } },
  ];
  for (const order of orders) {
    const result = await fc.invokeFunction({
      serviceName,
      functionName,
      invocationType: "Async",
      statefulAsyncInvocationId: order.invocationId,
      payload: JSON.stringify(order.payload),
    });
    if (result.statefulAsyncInvocationId === undefined) {
      throw new Error(`the invocation was accepted (HTTP ${result.status}) but is not an asynchronous task: run \`pulumi up\` first, it turns statefulInvocation on`);
    }
    console.log(`invoked ${functionName} asynchronously: HTTP ${result.status}, task ${result.statefulAsyncInvocationId}`);
  }

  for (const order of orders) printTimeline(await waitUntilFinished(order.invocationId));

  const endpoint = process.env["FC_ENDPOINT"];
  if (endpoint !== undefined) {
    const control = new ControlClient(endpoint);
    const health = await control.health().catch(() => undefined);
    if (health !== undefined) {
      console.log("\nwhat the destinations received (emulator control surface):");
      for (const { destination, messages } of await control.destinations()) {
        const ours = messages.filter((m) => m.body.includes(`-${run}`));
        for (const message of ours) {
          const record = JSON.parse(message.body) as { requestContext: { condition: string; approximateInvokeCount: number }; responsePayload: string };
          const condition = record.requestContext.condition === "" ? "success" : record.requestContext.condition;
          console.log(`  ${destination}\n    ${condition}, after ${record.requestContext.approximateInvokeCount} attempt(s): ${truncate(record.responsePayload)}`);
        }
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(`invoke: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
