// What Function Compute's runtime gives a function and says about it, the same in FC 2.0 and FC 3.0: the
// runtime identifiers, the Node.js `context` argument and `FC_*` environment variables, the two function error
// types, the words for why an async event failed, and the record a destination receives. Written once so the
// two APIs' emulators cannot drift apart; each API adds only its own (FC 3.0 has no service, so its `service`
// fields are empty).
import { z } from "zod";
import { crc64 } from "./crc64";

/** The runtime identifiers a function may name. */
export const FC_RUNTIMES = [
  "nodejs4.4", "nodejs6", "nodejs8", "nodejs10", "nodejs12", "nodejs14", "nodejs16", "nodejs18", "nodejs20",
  "python2.7", "python3", "python3.9", "python3.10", "python3.12",
  "java8", "java11", "php7.2", "dotnetcore2.1", "dotnetcore3.1", "go1",
  "custom", "custom.debian10", "custom.debian11", "custom-container",
] as const;

/**
 * FC's own words for a runtime it does not know, under 2.0 and 3.0 alike; the official Node.js SDK suite matches on
 * them ("createFunction with invalid runtime should fail": `Runtime is set to an invalid value`). The rest of the
 * sentence (what was sent, the valid values) is the emulator's.
 */
export const INVALID_RUNTIME = "Runtime is set to an invalid value";

/** The whole InvalidArgument message for an unknown runtime `sent`. */
export function invalidRuntimeMessage(sent: unknown): string {
  return `${INVALID_RUNTIME}: ${JSON.stringify(sent)}; it must be one of ${FC_RUNTIMES.join(", ")}`;
}

/**
 * The Node.js runtimes whose process an error thrown out of the handler ends: the official Node.js SDK suite
 * (aliyun/fc-nodejs-sdk `test/client.test.js`, "invokeFunction with unhandled error", runtime nodejs6, run against
 * the cloud) gets "Process exited unexpectedly before completing request" for a TypeError thrown by the handler.
 * Later runtimes catch it and answer `{errorMessage, errorType, stackTrace}` (FC's "Error handling" page).
 */
export const FC_RUNTIMES_WHERE_A_THROW_EXITS: readonly string[] = ["nodejs4.4", "nodejs6"];

/** FC's Node.js `context` argument, minus `logger` (the runtime adds it). */
export const fcContextSchema = z.object({
  requestId: z.string(),
  credentials: z.object({ accessKeyId: z.string(), accessKeySecret: z.string(), securityToken: z.string() }),
  function: z.object({
    name: z.string(),
    handler: z.string(),
    memory: z.number(),
    timeout: z.number(),
    initializer: z.string().optional(),
    initializationTimeout: z.number().optional(),
  }),
  service: z.object({ name: z.string(), logProject: z.string(), logStore: z.string(), qualifier: z.string(), versionId: z.string() }),
  region: z.string(),
  accountId: z.string(),
});
export type FcContext = z.infer<typeof fcContextSchema>;

/** A function version as FC runs it: its settings, and what FC tells the function about itself. */
export interface FcFunction {
  accountId: string;
  region: string;
  /** `""` under FC 3.0, which has no services. */
  serviceName: string;
  functionName: string;
  /** As invoked: `LATEST`, a version number or an alias name. */
  qualifier: string;
  /** The version actually run (`""` for LATEST), as FC passes it in `context.service.versionId`. */
  versionId: string;
  runtime: string;
  handler: string;
  memorySize: number;
  timeout: number;
  initializer?: string;
  initializationTimeout?: number;
  environmentVariables: Readonly<Record<string, string>>;
  logProject?: string;
  logStore?: string;
}

/** What a runtime needs to start `fn`: its settings, its environment (FC's variables, then the function's own, which win) and its `context`. */
export function fcRuntimeSettings(fn: FcFunction) {
  return {
    runtime: fn.runtime,
    handler: fn.handler,
    memorySize: fn.memorySize,
    timeout: fn.timeout,
    thrownErrors: FC_RUNTIMES_WHERE_A_THROW_EXITS.includes(fn.runtime) ? ("exit" as const) : ("report" as const),
    ...(fn.initializer !== undefined && { initializer: fn.initializer }),
    ...(fn.initializationTimeout !== undefined && { initializationTimeout: fn.initializationTimeout }),
    environment: (codeDir: string): Record<string, string> => ({
      FC_FUNC_CODE_PATH: codeDir,
      FC_RUNTIME: fn.runtime,
      FC_REGION: fn.region,
      FC_ACCOUNT_ID: fn.accountId,
      FC_SERVICE_NAME: fn.serviceName,
      FC_FUNCTION_NAME: fn.functionName,
      FC_QUALIFIER: fn.qualifier,
      FC_FUNCTION_HANDLER: fn.handler,
      FC_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
      ...fn.environmentVariables,
    }),
    context: (requestId: string): FcContext => fcContext(fn, requestId),
  };
}

/** FC's `context` for Node.js. There is no service role in the emulator, so the credentials are empty. */
function fcContext(fn: FcFunction, requestId: string): FcContext {
  const described: FcContext["function"] = { name: fn.functionName, handler: fn.handler, memory: fn.memorySize, timeout: fn.timeout };
  if (fn.initializer !== undefined) described.initializer = fn.initializer;
  if (fn.initializationTimeout !== undefined) described.initializationTimeout = fn.initializationTimeout;
  return {
    requestId,
    credentials: { accessKeyId: "", accessKeySecret: "", securityToken: "" },
    function: described,
    service: { name: fn.serviceName, logProject: fn.logProject ?? "", logStore: fn.logStore ?? "", qualifier: fn.qualifier, versionId: fn.versionId },
    region: fn.region,
    accountId: fn.accountId,
  };
}

/** FC's two function error types; InvokeFunction answers them as 200 + `X-Fc-Error-Type`. */
export type FcFunctionErrorType = "HandledInvocationError" | "UnhandledInvocationError";

/** A function error's type: handled when the function reported it (`callback(err)`), unhandled otherwise (a throw, a crash, a timeout). */
export function fcErrorType(cause: "handled" | "unhandled" | "timeout" | "crash"): FcFunctionErrorType {
  return cause === "handled" ? "HandledInvocationError" : "UnhandledInvocationError";
}

/**
 * Why an async event ended without success, as the destination record's `condition` and the task's
 * `invocationErrorMessage` name it; the first two are the function's own error types, as the cloud's seed
 * example shows.
 */
export const FC_FAILURE_CAUSE = {
  unhandledFunctionError: "UnhandledInvocationError",
  handledFunctionError: "HandledInvocationError",
  eventAgeExceeded: "EventAgeExceeded",
  throttled: "ResourceThrottled",
} as const;

/**
 * What an onSuccess/onFailure destination receives (the service's partly documented shape).
 * `statusCode` is `null` when the function never answered (the event expired before any attempt).
 */
export const FcDestinationRecordSchema = z.object({
  timestamp: z.string(),
  requestContext: z.object({
    requestId: z.string(),
    functionArn: z.string(),
    /** `""` on success; otherwise the failure cause. */
    condition: z.string(),
    approximateInvokeCount: z.number().int().nonnegative(),
  }),
  requestPayload: z.string(),
  responseContext: z.object({
    statusCode: z.number().int().nullable(),
    functionError: z.string(),
  }),
  responsePayload: z.string(),
});
/** What a destination receives. */
export type FcDestinationRecord = z.infer<typeof FcDestinationRecordSchema>;

/** What FC reports of a code package: its size in bytes and its CRC-64 (`codeSize`, `codeChecksum`); none, `0` and `""`. */
export function codePackageFacts(zipBase64: string | undefined): { codeSize: number; codeChecksum: string } {
  if (zipBase64 === undefined) return { codeSize: 0, codeChecksum: "" };
  const zip = Buffer.from(zipBase64, "base64");
  return { codeSize: zip.length, codeChecksum: crc64(zip) };
}
