// Invokes process-order's prod alias asynchronously with a task id, waits for it, and prints the task as
// fc3.getAsyncTask reads it — and every task of the function, as fc3.listAsyncTasks pages through them.
// Connection from the environment, as in deploy-functions.ts.
import { fc3 } from "pulumi-async-invoke";

const FINISHED = new Set(["Succeeded", "Failed", "Stopped", "Expired", "Invalid"]);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const taskId = `order-${Date.now()}`;
  const accepted = await fc3.invokeFunction({ functionName: "process-order", qualifier: "prod", invocationType: "Async", asyncTaskId: taskId, payload: JSON.stringify({ orderId: taskId }) });
  if (accepted.asyncTaskId === undefined) throw new Error("the invocation is not an async task: run `pulumi up` first, it turns asyncTask on for prod");
  console.log(`invoked process-order:prod asynchronously: HTTP ${accepted.status}, task ${accepted.asyncTaskId}`);
  let task = await fc3.getAsyncTask({ functionName: "process-order", taskId });
  for (let waited = 0; !FINISHED.has(task.status) && waited < 60_000; waited += 250) {
    await sleep(250);
    task = await fc3.getAsyncTask({ functionName: "process-order", taskId });
  }
  console.log(`task ${task.taskId}: ${task.status}, retries ${task.alreadyRetriedTimes ?? 0}, destination ${task.destinationStatus ?? "-"}`);
  for (const event of task.events ?? []) console.log(`  ${event.eventId} ${event.status}`);
  const { tasks } = await fc3.listAsyncTasks({ functionName: "process-order", qualifier: "prod", sortOrderByTime: "asc" });
  console.log(`process-order:prod has ${tasks.length} task(s): ${tasks.map((t) => `${t.taskId}=${t.status}`).join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(`tasks: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
