/** The FC 3.0 contract: names, ranges, defaults, resource-name grammar and error codes, shared by provider and emulator. */
export * from "./facts";
export * from "./destinations";
export * from "./errors";
