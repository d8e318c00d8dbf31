/**
 * The provider object Pulumi serializes into each dynamic resource's state (`__provider`): a loader, not the provider.
 *
 * Pulumi serializes a dynamic resource's provider object into state (twice per resource) and runs *that* text on
 * refresh and destroy. Pulumi's dynamic-provider host deserializes this object, calls `configure` once with the stack
 * config (secrets decrypted), and only then looks up and calls `check`, `diff`, `create`, `read`, `update` and
 * `delete` on it (`@pulumi/pulumi/cmd/dynamic-provider`, `getProvider`). So `configure` loads the implementation
 * from the installed package — resolved from the program's `node_modules`, where Pulumi runs the host — and
 * installs its methods on this object. State stays small (about 590 bytes per copy), holds no credentials (they arrive
 * through `configure` and stay in memory), and every operation runs the code installed now, not a frozen copy.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * The one module the serialized provider requires at run time (written out in `thinProviderFor`):
 * `../dynamic-provider.ts`, exported by the package as `pulumi-async-invoke/dynamic-provider`. It finds the
 * implementation by resource type.
 */
export const IMPLEMENTATION_MODULE = "pulumi-async-invoke/dynamic-provider";

/**
 * The loader for one resource `type` (e.g. `fc:FunctionAsyncInvokeConfig`, the type token's module and name).
 * The serializer wraps every function in ~180 bytes of scaffolding and every captured variable in more, and the
 * text is stored twice per resource: so one plain function (no `create` stub: @pulumi/pulumi >= 3.259 always calls
 * `configure` first), one statement, the module path written out rather than captured, and only `type` captured.
 * About 590 bytes per copy (1,005 with a stub and a captured path; 612 with the body on three lines).
 */
export function thinProviderFor(type: string): pulumi.dynamic.ResourceProvider {
  return {
    // On one line: the text is stored as compiled, indentation and all, twice per resource.
    configure: function (this: Record<string, unknown>, r: pulumi.dynamic.ConfigureRequest) { Object.assign(this, require("pulumi-async-invoke/dynamic-provider").configure(type, r.config)); },
  } as unknown as pulumi.dynamic.ResourceProvider; // `create` and the rest are installed by `configure`
}
