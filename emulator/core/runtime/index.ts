/** Runs Node.js functions' real code for the emulator (sync invocations and the async engine's attempts). */
export { CodeCache, CodeUnpackError, type FunctionCode } from "./code-cache";
export {
  InstanceStartError,
  isNodeRuntime,
  NodeRuntime,
  UnsupportedRuntimeError,
  type FunctionErrorType,
  type FunctionSpec,
  type InvocationResult,
  type InvokeOptions,
  type NodeRuntimeOptions,
} from "./node-runtime";
export type { FunctionErrorBody, InvocationContext } from "./protocol";
