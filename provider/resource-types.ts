/**
 * The type tokens (`module:name`) of the package's dynamic resources: each resource registers under its token
 * (`pulumi-nodejs:dynamic/<module>:<name>` in state), and `dynamic-provider.ts` finds the implementation by it.
 * Kept apart from the resource classes so that the provider process, which loads `dynamic-provider.ts` first,
 * reads four strings rather than every resource, schema and client of every API.
 */
export const FC2_CONFIG_TYPE = { module: "fc", name: "FunctionAsyncInvokeConfig" } as const;
export const FC3_CONFIG_TYPE = { module: "fc3", name: "AsyncInvokeConfig" } as const;
export const FUNCTIONGRAPH_CONFIG_TYPE = { module: "functiongraph", name: "AsyncInvokeConfig" } as const;
export const BATCH_TYPE = { module: "fc", name: "AsyncInvokePolicyBatch" } as const;

/** `fc:FunctionAsyncInvokeConfig`: the key the loader passes to `dynamic-provider.ts`. */
export const typeKey = (type: { readonly module: string; readonly name: string }): string => `${type.module}:${type.name}`;
