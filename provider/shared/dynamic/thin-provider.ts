/**
 * The provider object Pulumi serializes into each dynamic resource's state (`__provider`): a loader, not the provider.
 *
 * Pulumi serializes a dynamic resource's provider object into state (twice per resource) and runs *that* text on
 * refresh and destroy. Pulumi's dynamic-provider host deserializes this object, calls `configure` once with the stack
 * config (secrets decrypted), and only then looks up and calls `check`, `diff`, `create`, `read`, `update` and
 * `delete` on it (`@pulumi/pulumi/cmd/dynamic-provider`, `getProvider`). So `configure` loads the implementation
 * from the installed package — resolved from the program's `node_modules`, where Pulumi runs the host — and
 * installs its methods on this object. State stays small (under 1 KB per copy), holds no credentials (they arrive
 * through `configure` and stay in memory), and every operation runs the code installed now, not a frozen copy.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * The one module the serialized provider requires at run time: `../dynamic-provider.ts`, exported by the package
 * as `pulumi-async-invoke/dynamic-provider`. It finds the implementation by resource type.
 */
const IMPLEMENTATION_MODULE = "pulumi-async-invoke/dynamic-provider";
// Exported apart from its declaration: CommonJS output then keeps a local binding, which the serializer captures
// by value, instead of rewriting each use to `exports.IMPLEMENTATION_MODULE`.
export { IMPLEMENTATION_MODULE };

/**
 * The loader for one resource `type` (e.g. `fc:FunctionAsyncInvokeConfig`, the type token's module and name).
 * The serializer wraps every function in ~180 bytes of scaffolding and copies whatever it captures; two small
 * functions and two strings keep `__provider` under 1 KB, free of credentials and of our code; so the bodies
 * are one statement each, with short names and no comments inside (a function's text is stored as written).
 */
export function thinProviderFor(type: string) {
  return {
    async configure(this: Record<string, unknown>, req: pulumi.dynamic.ConfigureRequest): Promise<void> {
      Object.assign(this, (require(IMPLEMENTATION_MODULE) as typeof import("../../dynamic-provider")).configure(type, req.config));
    },
    // Replaced by `configure`; reached only by a host that never calls `configure` (a @pulumi/pulumi too old for it).
    // Short on purpose: this text is stored twice in every resource's state.
    async create(): Promise<never> {
      throw new Error("pulumi-async-invoke needs @pulumi/pulumi >= 3.259");
    },
  } satisfies pulumi.dynamic.ResourceProvider;
}
