/** Runs Node.js functions' real code for the emulator (sync invocations and the async engine's attempts), for every API. */
export { CodeCache, CodeUnpackError, type FunctionCode } from "./code-cache";
export { NodeRuntime, type NodeRuntimeOptions } from "./node-runtime";
export {
  InstanceStartError,
  isNodeRuntime,
  UnsupportedRuntimeError,
  type FunctionErrorCause,
  type FunctionSpec,
  type InvocationResult,
  type InvokeOptions,
} from "./types";
export type { FunctionErrorBody } from "./protocol";
