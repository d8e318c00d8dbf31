// The batched policy's type token, apart from its resource class so the serialized provider reads two strings.
import type { ResourceType } from "../shared/dynamic/resource-type";

/** `pulumi-nodejs:dynamic/fc:AsyncInvokePolicyBatch` in state: the module stays `fc`, as the first release wrote it. */
export const BATCH_TYPE = { module: "fc", name: "AsyncInvokePolicyBatch" } as const satisfies ResourceType;
