/** Huawei Cloud FunctionGraph v2 in the emulator: registered from `emulator/index.ts`. */
export { identityLookup, projectIdOf } from "./accounts";
export { FgEngine } from "./engine";
export { FUNCTIONGRAPH_PREFIX, functionGraphListener, type FgContext } from "./listener";
export { functionGraphOperations } from "./operations";
export const DEFAULT_FUNCTIONGRAPH_REGION = "cn-north-4";
