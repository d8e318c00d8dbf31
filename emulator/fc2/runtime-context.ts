import { z } from "zod";
import type { FunctionErrorCause, FunctionSpec } from "../core/runtime";

/**
 * What an FC 2.0 function sees of itself when the runtime runs it: the `context` argument of FC 2.0's
 * Node.js runtime (minus `logger`, which the child adds) and the `FC_*` environment variables; and FC's
 * two words for a function error.
 */

/** FC 2.0's Node.js `context` argument, minus `logger`. */
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

/** An FC 2.0 function version as the runtime runs it: the runtime's own fields, and what FC tells the function about itself. */
export interface FcFunction extends Pick<FunctionSpec, "accountId" | "runtime" | "handler" | "memorySize" | "timeout" | "initializer" | "initializationTimeout"> {
  region: string;
  serviceName: string;
  functionName: string;
  /** As invoked: `LATEST`, a version number or an alias name. */
  qualifier: string;
  /** The version actually run (`""` for LATEST), as FC passes it in `context.service.versionId`. */
  versionId: string;
  environmentVariables: Readonly<Record<string, string>>;
  logProject?: string;
  logStore?: string;
}

/** FC's two function error types; InvokeFunction answers them as 200 + `X-Fc-Error-Type`. */
export type FcFunctionErrorType = "HandledInvocationError" | "UnhandledInvocationError";

export function fcErrorType(cause: FunctionErrorCause): FcFunctionErrorType {
  return cause === "handled" ? "HandledInvocationError" : "UnhandledInvocationError";
}

export function fcFunctionSpec(fn: FcFunction): FunctionSpec {
  return {
    accountId: fn.accountId,
    poolKey: JSON.stringify(["fc2", fn.accountId, fn.serviceName, fn.qualifier, fn.functionName]),
    runtime: fn.runtime,
    handler: fn.handler,
    memorySize: fn.memorySize,
    timeout: fn.timeout,
    ...(fn.initializer !== undefined && { initializer: fn.initializer }),
    ...(fn.initializationTimeout !== undefined && { initializationTimeout: fn.initializationTimeout }),
    // The variables FC's runtime sets, then the function's own (which win, as in the cloud).
    environment: (codeDir) => ({
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
    context: (requestId) => fcContext(fn, requestId),
  };
}

/** FC 2.0's `context` for Node.js. There is no service role here, so the credentials are empty. */
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
