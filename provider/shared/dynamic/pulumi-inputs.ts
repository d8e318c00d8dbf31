// The argument types of every resource and read function: each member of a plain type accepted as a `pulumi.Input`.
import type * as pulumi from "@pulumi/pulumi";

/** The one input every config resource has beside its API's own: which connection profile it uses. */
export type ConnectionInput = {
  /** The name of a connection profile in `pulumi-async-invoke:connections` to use instead of the stack's own settings; changing it replaces the resource. */
  connection?: pulumi.Input<string>;
};

/** Every member of `T`, recursively, accepted as a `pulumi.Input` (a value, a promise or an output). */
export type PulumiInputs<T> = { [K in keyof T]: PulumiInput<T[K]> };
type PulumiInput<V> = [Exclude<V, undefined>] extends [string | number | boolean]
  ? pulumi.Input<Exclude<V, undefined>> | Extract<V, undefined>
  : pulumi.Input<PulumiInputs<Exclude<V, undefined>>> | Extract<V, undefined>;
