/** Function Compute 3.0 (2023-03-30) in the emulator: its operation table, engine and request listener. */
export { fc3Operations } from "./operations";
export { createFc3Engine } from "./engine";
export { createFc3Listener, isFc3Path, type Fc3Context } from "./serve";
