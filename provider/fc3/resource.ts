/**
 * `fc3.AsyncInvokeConfig`: the asynchronous invocation configuration of one Function Compute 3.0 function qualifier
 * (LATEST, a version or an alias) as a Pulumi dynamic resource.
 *
 * As for the 2.0 resource, Pulumi stores a thin loader as the provider (`__provider`): its `configure` requires the
 * implementation (provider.ts) from the installed package, so state stays small, holds no credentials, and every
 * operation runs the code installed now.
 */
import * as pulumi from "@pulumi/pulumi";
import { CREDENTIAL_CONFIG_KEYS } from "../alicloud/credentials";
import { ApiResource, loaderFor } from "../shared/dynamic/api-resource";
import type { ConnectionInput, PulumiInputs } from "../shared/dynamic/pulumi-inputs";
import { declareCredentialKeys } from "../shared/secret-config";
import { typeKey } from "../shared/dynamic/resource-type";
import type { AsyncInvokeConfigInput, AsyncInvokeConfigOutputs } from "./schema";

/** `fc3:AsyncInvokeConfig`: the type token's module and name, and the key the loader finds the implementation by. */
export const CONFIG_TYPE = { module: "fc3", name: "AsyncInvokeConfig" } as const;
export const RESOURCE_TYPE = typeKey(CONFIG_TYPE);

// Declared when the module loads, so any resource of the program checks this API's keys too (secret-config.ts).
declareCredentialKeys(CREDENTIAL_CONFIG_KEYS);

/** The provider object Pulumi serializes into each resource's state (`__provider`). */
export const thinProvider = loaderFor(CONFIG_TYPE);

/**
 * Arguments of `fc3.AsyncInvokeConfig` (documented member by member on `AsyncInvokeConfigInputSchema`):
 * `functionName` (required; replaces), `qualifier` (`LATEST` default; replaces), `asyncTask` (false),
 * `maxAsyncRetryAttempts` (0–8, 3), `maxAsyncEventAgeInSeconds` (1–86400, 86400),
 * `destinationConfig` (`{onSuccess?, onFailure?}`, each `{destination}`), `adoptExisting` (false).
 */
export type AsyncInvokeConfigArgs = PulumiInputs<AsyncInvokeConfigInput> & ConnectionInput;

type Outputs = AsyncInvokeConfigOutputs;

const OUTPUT_NAMES = {
  schemaVersion: undefined,
  functionName: undefined,
  qualifier: undefined,
  asyncTask: undefined,
  destinationConfig: undefined,
  maxAsyncEventAgeInSeconds: undefined,
  maxAsyncRetryAttempts: undefined,
  functionArn: undefined,
  createdTime: undefined,
  lastModifiedTime: undefined,
} satisfies Record<Exclude<keyof Outputs, "adoptExisting">, undefined>;

/**
 * The asynchronous invocation configuration of a Function Compute 3.0 function for one qualifier.
 *
 * ```ts
 * import { fc3 } from "pulumi-async-invoke";
 * new fc3.AsyncInvokeConfig("orders", {
 *   functionName: "process-order",
 *   qualifier: "prod",
 *   maxAsyncRetryAttempts: 0,
 *   destinationConfig: { onFailure: { destination: "acs:mns:cn-hangzhou:123456:/queues/orders-failed/messages" } },
 * });
 * ```
 *
 * Credentials and endpoint: the same `alicloud:*` keys, environment and default chain as `fc.FunctionAsyncInvokeConfig`
 * (FC 3.0 has the same per-account endpoint). The id is `function:qualifier`; the type token in state is
 * `pulumi-nodejs:dynamic/fc3:AsyncInvokeConfig`.
 */
export class AsyncInvokeConfig extends ApiResource {
  /** Layout version of these outputs in state (currently 1). */
  declare readonly schemaVersion: pulumi.Output<Outputs["schemaVersion"]>;
  declare readonly functionName: pulumi.Output<Outputs["functionName"]>;
  /** `LATEST`, a version number or an alias name. */
  declare readonly qualifier: pulumi.Output<Outputs["qualifier"]>;
  /** Whether async invocations run as async tasks. */
  declare readonly asyncTask: pulumi.Output<Outputs["asyncTask"]>;
  /** `onSuccess` / `onFailure`, each `{ destination }`, absent when unset. */
  declare readonly destinationConfig: pulumi.Output<Outputs["destinationConfig"]>;
  declare readonly maxAsyncEventAgeInSeconds: pulumi.Output<Outputs["maxAsyncEventAgeInSeconds"]>;
  declare readonly maxAsyncRetryAttempts: pulumi.Output<Outputs["maxAsyncRetryAttempts"]>;
  /** `acs:fc:{region}:{account}:functions/{fn}` as FC reports it. */
  declare readonly functionArn: pulumi.Output<Outputs["functionArn"]>;
  /** e.g. `2023-04-01T08:15:27Z`; empty if FC did not say. */
  declare readonly createdTime: pulumi.Output<Outputs["createdTime"]>;
  declare readonly lastModifiedTime: pulumi.Output<Outputs["lastModifiedTime"]>;

  constructor(name: string, args: AsyncInvokeConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super(CONFIG_TYPE, CREDENTIAL_CONFIG_KEYS, name, { ...OUTPUT_NAMES, ...args }, opts);
  }

  /** Reads an existing config without managing it. `id` is `function:qualifier` (or a function name: LATEST). */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): AsyncInvokeConfig {
    return new AsyncInvokeConfig(name, {} as AsyncInvokeConfigArgs, { ...opts, id });
  }
}
