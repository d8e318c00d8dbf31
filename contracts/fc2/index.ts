// Function Compute 2.0, written once for the provider and the emulator: names and their rules, the async-config
// ranges and defaults, the destination resource-name grammar, task statuses and record shapes, error codes, and
// the `FC` string-to-sign. The 2021-04-06 API also signs with ACS3 (../acs3).
export * from "./async-config";
export * from "./destinations";
export * from "./errors";
export * from "./names";
export * from "./signature";
export * from "./tasks";
