/**
 * The read functions as the plugin's invokes: each token calls the function `provider/index.ts` exports for it
 * (`fc.getFunctionAsyncInvokeConfig`, `fc3.stopAsyncTask`, …, from their modules) with the connection of the provider instance that
 * was asked, so an invoke on an explicit provider reads that provider's account and region.
 *
 * Each entry also describes its arguments and result, from which `package-schema.ts` writes the schema and `checkArgs`
 * refuses a missing or mistyped argument before any call.
 */
import { resolveConnection as resolveFc } from "../alicloud/credentials";
import type { ConfigSource } from "../shared/config";
import { resolveConnection as resolveFg } from "../functiongraph/credentials";
import { PACKAGE } from "./config";

/** A property in the schema's terms. */
export interface PropertySpec {
  readonly type: "string" | "integer" | "boolean" | "object" | "array";
  readonly description: string;
  /** For `array`: the items' type; for `object`: free-form members. */
  readonly items?: "string" | "object";
}

export interface InvokeSpec {
  readonly description: string;
  readonly inputs: Readonly<Record<string, PropertySpec>>;
  readonly required: readonly string[];
  readonly outputs: Readonly<Record<string, PropertySpec>>;
  readonly run: (args: Record<string, unknown>, config: ConfigSource) => Promise<Record<string, unknown>>;
}

// The options the read functions take, from the provider's settings (then the environment, then the credential chain).
async function fcOptions(config: ConfigSource) {
  const connection = resolveFc({ config });
  return { endpoint: connection.endpoint, accountId: connection.accountId, region: connection.region, credentials: await connection.credentials() };
}
function fgOptions(config: ConfigSource) {
  const connection = resolveFg({ config });
  return { endpoint: connection.endpoint, region: connection.region, projectId: connection.projectId, credentials: connection.credentials };
}

const str = (description: string): PropertySpec => ({ type: "string", description });
const int = (description: string): PropertySpec => ({ type: "integer", description });
const bool = (description: string): PropertySpec => ({ type: "boolean", description });
const obj = (description: string): PropertySpec => ({ type: "object", description });
const list = (description: string): PropertySpec => ({ type: "array", items: "object", description });

const QUALIFIER = str("`LATEST` (default), a version number or an alias name.");
const PAGE_SIZE = int("Items per request, 1–100; default 100. Every page is read.");
const TASK_FILTERS = {
  status: str("Only tasks in this status."),
  startedTimeBegin: int("Only tasks started at or after this time, ms since the epoch."),
  startedTimeEnd: int("Only tasks started at or before this time, ms since the epoch."),
  sortOrderByTime: str("`asc` or `desc` by start time."),
  includePayload: bool("Include each task's payload; default false."),
  pageSize: PAGE_SIZE,
};
const FC2_CONFIG_OUT = {
  serviceName: str("The service."),
  functionName: str("The function."),
  qualifier: str("The qualifier."),
  destinationConfig: obj("`{onSuccess?: {destination}, onFailure?: {destination}}`."),
  maxAsyncEventAgeInSeconds: int("Seconds an event may wait."),
  maxAsyncRetryAttempts: int("Retries after a function error."),
  statefulInvocation: bool("Whether invocations run as asynchronous tasks."),
  createdTime: str("When the config was created."),
  lastModifiedTime: str("When the config last changed."),
};
const FC3_CONFIG_OUT = {
  functionName: str("The function."),
  qualifier: str("The qualifier."),
  asyncTask: bool("Whether invocations run as async tasks."),
  destinationConfig: obj("`{onSuccess?: {destination}, onFailure?: {destination}}`."),
  maxAsyncEventAgeInSeconds: int("Seconds an event may wait."),
  maxAsyncRetryAttempts: int("Retries after a function error."),
  functionArn: str("The function's ARN."),
  createdTime: str("When the config was created."),
  lastModifiedTime: str("When the config last changed."),
};
const FG_CONFIG_OUT = {
  functionUrn: str("The version's or alias's URN."),
  maxAsyncRetryAttempts: int("Retries after a function error."),
  maxAsyncEventAgeInSeconds: int("Seconds an event may wait."),
  enableAsyncStatusLog: bool("Whether async status logs are kept."),
  destinationConfig: obj("Typed destinations `{onSuccess?, onFailure?}`."),
  createdTime: str("RFC 3339."),
  lastModifiedTime: str("RFC 3339."),
};

const asRecord = (value: unknown) => value as Record<string, unknown>;

// The read functions load on the first invoke: a plugin that only manages resources never waits for them.
const fcFunctions = () => import("../fc2/functions.js");
const fc3Functions = () => import("../fc3/functions.js");
const fgFunctions = () => import("../functiongraph/functions.js");

/** Invoke token → its description and the call it makes. */
export const INVOKES: Readonly<Record<string, InvokeSpec>> = {
  [`${PACKAGE}:fc:getFunctionAsyncInvokeConfig`]: {
    description: "The async invoke config FC 2.0 holds for one service, function and qualifier (fails when there is none).",
    inputs: { serviceName: str("The service."), functionName: str("The function."), qualifier: QUALIFIER },
    required: ["serviceName", "functionName"],
    outputs: FC2_CONFIG_OUT,
    run: async (args, config) => asRecord(await (await fcFunctions()).getFunctionAsyncInvokeConfig(args as never, await fcOptions(config))),
  },
  [`${PACKAGE}:fc:listFunctionAsyncInvokeConfigs`]: {
    description: "Every qualifier's async invoke config of one FC 2.0 function, all pages.",
    inputs: { serviceName: str("The service."), functionName: str("The function."), pageSize: PAGE_SIZE },
    required: ["serviceName", "functionName"],
    outputs: { serviceName: str("The service."), functionName: str("The function."), configs: list("The configs, as getFunctionAsyncInvokeConfig returns each.") },
    run: async (args, config) => asRecord(await (await fcFunctions()).listFunctionAsyncInvokeConfigs(args as never, await fcOptions(config))),
  },
  [`${PACKAGE}:fc:getStatefulAsyncInvocation`]: {
    description: "One FC 2.0 asynchronous task (stateful async invocation): status, retries, events, payloads.",
    inputs: { serviceName: str("The service."), functionName: str("The function."), qualifier: QUALIFIER, invocationId: str("The task id.") },
    required: ["serviceName", "functionName", "invocationId"],
    outputs: { invocationId: str("The task id."), status: str("The task's status."), events: list("Its events.") },
    run: async (args, config) => asRecord(await (await fcFunctions()).getStatefulAsyncInvocation(args as never, await fcOptions(config))),
  },
  [`${PACKAGE}:fc:listStatefulAsyncInvocations`]: {
    description: "The FC 2.0 asynchronous tasks of a function, filtered, all pages.",
    inputs: { serviceName: str("The service."), functionName: str("The function."), qualifier: QUALIFIER, invocationIdPrefix: str("Only task ids starting with this."), ...TASK_FILTERS },
    required: ["serviceName", "functionName"],
    outputs: { invocations: list("The tasks.") },
    run: async (args, config) => asRecord(await (await fcFunctions()).listStatefulAsyncInvocations(args as never, await fcOptions(config))),
  },
  [`${PACKAGE}:fc3:getAsyncInvokeConfig`]: {
    description: "The async invoke config FC 3.0 holds for one function and qualifier (fails when there is none).",
    inputs: { functionName: str("The function."), qualifier: QUALIFIER },
    required: ["functionName"],
    outputs: FC3_CONFIG_OUT,
    run: async (args, config) => asRecord(await (await fc3Functions()).getAsyncInvokeConfig(args as never, await fcOptions(config))),
  },
  [`${PACKAGE}:fc3:listAsyncInvokeConfigs`]: {
    description: "Every async invoke config of one FC 3.0 function, or of the whole account, all pages.",
    inputs: { functionName: str("Only this function's configs; omitted: every function."), pageSize: PAGE_SIZE },
    required: [],
    outputs: { functionName: str("The function asked for."), configs: list("The configs, as getAsyncInvokeConfig returns each.") },
    run: async (args, config) => asRecord(await (await fc3Functions()).listAsyncInvokeConfigs(args as never, await fcOptions(config))),
  },
  [`${PACKAGE}:fc3:getAsyncTask`]: {
    description: "One FC 3.0 async task: status, retries, events, payloads.",
    inputs: { functionName: str("The function."), qualifier: QUALIFIER, taskId: str("The task id.") },
    required: ["functionName", "taskId"],
    outputs: { taskId: str("The task id."), status: str("The task's status."), events: list("Its events.") },
    run: async (args, config) => asRecord(await (await fc3Functions()).getAsyncTask(args as never, await fcOptions(config))),
  },
  [`${PACKAGE}:fc3:listAsyncTasks`]: {
    description: "The FC 3.0 async tasks of a function, filtered, all pages.",
    inputs: { functionName: str("The function."), qualifier: str("Only tasks of this qualifier."), prefix: str("Only task ids starting with this."), ...TASK_FILTERS },
    required: ["functionName"],
    outputs: { tasks: list("The tasks.") },
    run: async (args, config) => asRecord(await (await fc3Functions()).listAsyncTasks(args as never, await fcOptions(config))),
  },
  [`${PACKAGE}:fc3:stopAsyncTask`]: {
    description: "Stops a running or retrying FC 3.0 async task and returns it as read after the stop.",
    inputs: { functionName: str("The function."), qualifier: QUALIFIER, taskId: str("The task id.") },
    required: ["functionName", "taskId"],
    outputs: { taskId: str("The task id."), status: str("The task's status after the stop."), events: list("Its events.") },
    run: async (args, config) => {
      const options = await fcOptions(config);
      await (await fc3Functions()).stopAsyncTask(args as never, options);
      return asRecord(await (await fc3Functions()).getAsyncTask(args as never, options));
    },
  },
  [`${PACKAGE}:functiongraph:getAsyncInvokeConfig`]: {
    description: "The async invoke config FunctionGraph holds for one version or alias URN (fails when there is none).",
    inputs: { functionUrn: str("Full URN of the version or alias (`…:latest`, `…:1`, `…:!prod`).") },
    required: ["functionUrn"],
    outputs: FG_CONFIG_OUT,
    run: async (args, config) => asRecord(await (await fgFunctions()).getAsyncInvokeConfig(args as never, fgOptions(config))),
  },
  [`${PACKAGE}:functiongraph:listAsyncInvokeConfigs`]: {
    description: "Every version's and alias's async invoke config of a FunctionGraph function, all pages.",
    inputs: { functionUrn: str("URN of the function (any qualifier)."), pageSize: PAGE_SIZE },
    required: ["functionUrn"],
    outputs: { functionUrn: str("The function asked for."), configs: list("The configs, as getAsyncInvokeConfig returns each.") },
    run: async (args, config) => asRecord(await (await fgFunctions()).listAsyncInvokeConfigs(args as never, fgOptions(config))),
  },
  [`${PACKAGE}:functiongraph:listAsyncInvocations`]: {
    description: "Async invocation records of a FunctionGraph version or alias, by status and time window (default the last hour), all pages.",
    inputs: {
      functionUrn: str("URN of the version or alias."),
      requestId: str("Only this invocation."),
      status: str("WAIT, RUNNING, SUCCESS, FAIL or DISCARD."),
      queryBeginTime: str("`YYYY-MM-DDTHH:mm:ss`, UTC."),
      queryEndTime: str("`YYYY-MM-DDTHH:mm:ss`, UTC."),
      pageSize: int("Records per request, 1–500; default 100."),
    },
    required: ["functionUrn"],
    outputs: { invocations: list("The records: requestId, status, errorMessage, errorCode, startTime, endTime.") },
    run: async (args, config) => asRecord(await (await fgFunctions()).listAsyncInvocations(args as never, fgOptions(config))),
  },
  [`${PACKAGE}:functiongraph:cancelAsyncInvocation`]: {
    description: "Cancels a queued or running FunctionGraph async invocation; it ends as DISCARD.",
    inputs: { functionUrn: str("URN of the version or alias."), requestId: str("The invocation's request id."), type: str("`force` (default) or `recursive`.") },
    required: ["functionUrn", "requestId"],
    outputs: { requestId: str("The cancelled invocation.") },
    run: async (args, config) => asRecord(await (await fgFunctions()).cancelAsyncInvocation(args as never, fgOptions(config))),
  },
};

const JS_TYPE: Readonly<Record<PropertySpec["type"], (value: unknown) => boolean>> = {
  string: (value) => typeof value === "string",
  integer: (value) => Number.isInteger(value),
  boolean: (value) => typeof value === "boolean",
  object: (value) => value !== null && typeof value === "object" && !Array.isArray(value),
  array: Array.isArray,
};

/** Missing, unknown and mistyped arguments, each naming the argument and what it must be; empty when all is well. */
export function checkArgs(token: string, spec: InvokeSpec, args: Readonly<Record<string, unknown>>): { property: string; reason: string }[] {
  const failures: { property: string; reason: string }[] = [];
  for (const name of spec.required) {
    if (args[name] === undefined || args[name] === null) failures.push({ property: name, reason: `${token} needs ${name} (${spec.inputs[name]?.type})` });
  }
  for (const [name, value] of Object.entries(args)) {
    const property = spec.inputs[name];
    if (property === undefined) {
      failures.push({ property: name, reason: `${token} takes no ${name}; its arguments are ${Object.keys(spec.inputs).join(", ")}` });
    } else if (value !== null && value !== undefined && !JS_TYPE[property.type](value)) {
      failures.push({ property: name, reason: `${token}'s ${name} must be ${property.type === "integer" ? "an integer" : `a ${property.type}`}` });
    }
  }
  return failures;
}
