// A dynamic resource's type token: `pulumi-nodejs:dynamic/<module>:<name>` in state.

/** The module and name a dynamic resource registers under; `module:name` is also the key `dynamic-provider.ts` finds its implementation by. */
export interface ResourceType {
  readonly module: string;
  readonly name: string;
}

/** `fc:FunctionAsyncInvokeConfig`: the key the loader passes to `dynamic-provider.ts`. */
export const typeKey = (type: ResourceType): string => `${type.module}:${type.name}`;
