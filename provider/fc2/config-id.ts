// The id of a `FunctionAsyncInvokeConfig`: `service:function:qualifier`, the id the Terraform provider uses too
// (names cannot contain ':'). The same text names an `AsyncInvokePolicy` child, so both read and write it here.
import { compositeId } from "../shared/resource-id";
import type { ConfigAddress } from "./wire";

/** The codec of `serviceName:functionName:qualifier`. */
export const CONFIG_ID = compositeId(["serviceName", "functionName", "qualifier"] as const);

/** The id of the config at `ref`. */
export function idOf(ref: ConfigAddress): string {
  return CONFIG_ID.format(ref);
}

/** The config an id names, or `undefined` unless it is `service:function:qualifier` with no part empty. */
export function parseId(id: string): ConfigAddress | undefined {
  return CONFIG_ID.parse(id);
}
