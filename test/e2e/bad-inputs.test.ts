// Bad input to fc.FunctionAsyncInvokeConfig fails `pulumi preview` through the real CLI, naming the property and
// the allowed values, before any FC API call. Its own stack, so it runs beside the lifecycle test.
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Emulator } from "../../emulator";
import { emulatorStack, type EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { startEmulator } from "../support/emulator";
import { E2E_TEST_TIMEOUT_MS } from "../../scripts/lib/pulumi.ts";

// Steps and hooks run real `pulumi` commands; each command has its own timeout (STEP_TIMEOUT_MS) that kills it
// and unlocks the stack, so a slow step on a loaded machine fails alone instead of locking the stack for the next.
vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

const program = path.join(__dirname, "fixtures", "async-configs");

let emulator: Emulator;
let stack: EmulatorStack;

beforeAll(async () => {
  emulator = await startEmulator();
  stack = await emulatorStack({ program, label: "bad-inputs", emulator });
});

afterAll(async () => {
  await emulator?.close();
});

const badInputs: Array<[string, Record<string, unknown>, string]> = [
  ["retries above 8", { maxAsyncRetryAttempts: 9 }, "property maxAsyncRetryAttempts value {9} has a problem: must be an integer from 0 to 8 (default 3); got 9"],
  ["negative retries", { maxAsyncRetryAttempts: -1 }, "property maxAsyncRetryAttempts value {-1} has a problem: must be an integer from 0 to 8 (default 3); got -1"],
  ["fractional retries", { maxAsyncRetryAttempts: 1.5 }, "property maxAsyncRetryAttempts value {1.5} has a problem: must be an integer from 0 to 8 (default 3); got 1.5"],
  ["event age 0", { maxAsyncEventAgeInSeconds: 0 }, "property maxAsyncEventAgeInSeconds value {0} has a problem: must be an integer from 1 to 2592000 (default 86400); got 0"],
  ["event age above 30 days", { maxAsyncEventAgeInSeconds: 2592001 }, "property maxAsyncEventAgeInSeconds value {2.592001e+06} has a problem: must be an integer from 1 to 2592000 (default 86400); got 2592001"],
  ["qualifier with a space", { qualifier: "not valid" }, "property qualifier value {not valid} has a problem: must be \"LATEST\" (the default), a published version number such as \"1\", or an alias name that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters); got \"not valid\""],
  ["service name starting with a digit", { serviceName: "1shop" }, "property serviceName value {1shop} has a problem: must be a service name that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters); got \"1shop\""],
  ["destination that is no Alibaba resource", { destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:1:q" } } }, "property destinationConfig.onFailure.destination value {<nil>} has a problem: must be an Alibaba Cloud resource name of a supported destination, one of: acs:mns:{region}:{accountId}:/queues/{queue}/messages, acs:mns:{region}:{accountId}:/topics/{topic}/messages, acs:fc:{region}:{accountId}:services/{service}[.{qualifier}]/functions/{function}, acs:eventbridge:{region}:{accountId}:eventbus/{eventBus}, acs:mq:{region}:{accountId}:/instances/{instanceId}/topic/{topic}; got \"arn:aws:sqs:us-east-1:1:q\""],
  ["stateful flag as a string", { statefulInvocation: "yes" }, "property statefulInvocation value {yes} has a problem: must be true or false (default false); got \"yes\""],
  ["a misspelt property", { maxAsyncRetryAttempt: 2 }, "property maxAsyncRetryAttempt value {2} has a problem: is not a property of FunctionAsyncInvokeConfig; allowed: serviceName, functionName, qualifier, destinationConfig, maxAsyncEventAgeInSeconds, maxAsyncRetryAttempts, statefulInvocation, adoptExisting"],
];

it.each(badInputs)("refuses %s at preview, naming the field, with no API call", async (_label, override, message) => {
  await stack.setConfig("configs", JSON.stringify({ bad: { serviceName: "shop", functionName: "orders", ...override } }));
  await emulator.control.resetRequestCounts();
  const result = await stack.attempt(["preview"]);
  const counts = await emulator.control.requestCounts();
  expect(result.code).toBe(1);
  expect(result.stdout + result.stderr).toContain(`error: pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig resource 'bad': ${message}\n`);
  expect(Object.values(counts).filter((n) => n > 0)).toEqual([]);
});
