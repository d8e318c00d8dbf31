/** The facts about Huawei Cloud FunctionGraph v2 that provider and emulator share. */
export * from "./urn";
export * from "./config";
export * from "./errors";
export * as signing from "./signing";
