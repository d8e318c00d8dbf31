// Walks two asynchronous tasks through an FC emulator started with `fc-emulator --virtual-time`, in seconds:
// one whose function keeps failing (three attempts, then Failed, then a record on the failure queue), and one
// that waits in the queue past its maximum event age (Expired, without ever running). The emulator's engine
// time moves only when this script asks the control surface to move it; each step prints the call it makes,
// so the same walk can be done by hand with curl.
//
// Connection from the environment (what `fc-emulator` prints): FC_ENDPOINT (default http://127.0.0.1:9000),
// ALICLOUD_ACCOUNT_ID, ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY (default: the emulator's dummy ones).
import { strToU8, zipSync } from "fflate";
import { fc } from "pulumi-async-invoke";
import { ControlClient } from "pulumi-async-invoke/emulator";

const endpoint = process.env["FC_ENDPOINT"] ?? "http://127.0.0.1:9000";
const accountId = process.env["ALICLOUD_ACCOUNT_ID"] ?? "1234567890123456";
const credentials = {
  accessKeyId: process.env["ALICLOUD_ACCESS_KEY"] ?? "LTAIEmulatorDefaultKey",
  accessKeySecret: process.env["ALICLOUD_SECRET_KEY"] ?? "EmulatorDefaultSecretNotForProduction",
};
const region = process.env["ALICLOUD_REGION"] ?? "cn-hangzhou";
const SERVICE = "walk";
const FUNCTION = "always-fails";
const FAILURES = `acs:mns:${region}:${accountId}:/queues/walk-failures/messages`;

type Fc2 = {
  createService(name: string): Promise<unknown>;
  createFunction(service: string, options: Record<string, unknown>): Promise<unknown>;
  putFunctionAsyncConfig(service: string, fn: string, qualifier: string | undefined, options: Record<string, unknown>): Promise<unknown>;
  invokeFunction(service: string, fn: string, event: string, headers: Record<string, string>): Promise<unknown>;
};
const Fc2 = require("@alicloud/fc2") as new (account: string, config: Record<string, unknown>) => Fc2;
const sdk = new Fc2(accountId, { accessKeyID: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret, region, endpoint, timeout: 10_000 });
const control = new ControlClient(endpoint);

const say = (line: string) => console.log(line);

async function show(invocationId: string): Promise<void> {
  const task = await fc.getStatefulAsyncInvocation({ serviceName: SERVICE, functionName: FUNCTION, invocationId }, { endpoint, accountId, credentials });
  const events = (task.events ?? []).map((e) => e.status);
  const attempts = events.filter((status) => status === "Running").length;
  say(`    ${invocationId}: ${task.status}, ${attempts} attempt(s); events ${events.join(" → ")}`);
}

async function advance(ms: number, why: string): Promise<void> {
  const clock = await control.advanceClock(ms);
  say(`\n  curl -X POST ${endpoint}/_emulator/clock/advance -d '{"ms":${ms}}'    # ${why}`);
  say(`    engine time ${clock.now}, ${clock.pendingTasks ?? 0} task(s) pending`);
}

async function main(): Promise<void> {
  const clock = await control.clock();
  if (!clock.virtual) throw new Error(`the emulator at ${endpoint} runs on real time: start it with \`fc-emulator --virtual-time\``);
  say(`Engine time ${clock.now} (virtual: it moves only when told to)`);

  say(`\n1. A function that always fails, 2 retries, events older than 60 s expire, failures go to an MNS queue`);
  await sdk.createService(SERVICE);
  const code = "exports.handler = (event, context, callback) => callback(new Error('boom'));\n";
  await sdk.createFunction(SERVICE, {
    functionName: FUNCTION,
    runtime: "nodejs18",
    handler: "index.handler",
    code: { zipFile: Buffer.from(zipSync({ "index.js": strToU8(code) })).toString("base64") },
  });
  await sdk.putFunctionAsyncConfig(SERVICE, FUNCTION, undefined, {
    maxAsyncRetryAttempts: 2,
    maxAsyncEventAgeInSeconds: 60,
    statefulInvocation: true,
    destinationConfig: { onFailure: { destination: FAILURES } },
  });

  say(`\n2. Invoke it asynchronously as task "retried": nothing runs until the clock moves`);
  await sdk.invokeFunction(SERVICE, FUNCTION, "{}", { "x-fc-invocation-type": "Async", "x-fc-stateful-async-invocation-id": "retried" });
  await show("retried");
  await advance(0, "the first attempt is due now");
  await show("retried");
  await advance(500, "the first retry comes 0.5 s later");
  await show("retried");
  await advance(1000, "the second and last retry, 1 s after that");
  await show("retried");

  say(`\n3. Task "expired": the queue stalls for 61 s before its first attempt`);
  await sdk.invokeFunction(SERVICE, FUNCTION, "{}", { "x-fc-invocation-type": "Async", "x-fc-stateful-async-invocation-id": "expired" });
  await control.jumpClock(61_000);
  say(`\n  curl -X POST ${endpoint}/_emulator/clock/jump -d '{"ms":61000}'    # time passes, nothing runs`);
  await advance(0, "the attempt finally comes due: the event is too old to run");
  await show("expired");

  say(`\n4. What the failure queue received (curl ${endpoint}/_emulator/destinations)`);
  for (const { destination, messages } of await control.destinations()) {
    for (const message of messages) {
      const record = JSON.parse(message.body) as { requestContext: { condition: string; approximateInvokeCount: number } };
      say(`    ${destination}: condition ${record.requestContext.condition}, invoke count ${record.requestContext.approximateInvokeCount}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
