/**
 * `fc.FunctionAsyncInvokeConfig`: the asynchronous invocation configuration of one Function Compute 2.0 function
 * qualifier (LATEST, a version or an alias) as a Pulumi dynamic resource. Pulumi stores a thin loader as its
 * provider (../shared/dynamic/thin-provider.ts), which runs the implementation (provider.ts) installed now.
 */
import * as pulumi from "@pulumi/pulumi";
import { CREDENTIAL_CONFIG_KEYS } from "../alicloud/credentials";
import { ApiResource, loaderFor } from "../shared/dynamic/api-resource";
import type { ConnectionInput, PulumiInputs } from "../shared/dynamic/pulumi-inputs";
import { declareCredentialKeys } from "../shared/secret-config";
import { typeKey } from "../shared/dynamic/resource-type";
import type { FunctionAsyncInvokeConfigInput } from "./inputs";
import type { FunctionAsyncInvokeConfigOutputs } from "./state";

/** The type token: `pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig` in state. */
export const CONFIG_TYPE = { module: "fc", name: "FunctionAsyncInvokeConfig" } as const;

/** `fc:FunctionAsyncInvokeConfig`: the key under which the loader finds the implementation. */
export const RESOURCE_TYPE = typeKey(CONFIG_TYPE);

// Declared when the module loads, so any resource of the program checks this API's keys too (secret-config.ts).
declareCredentialKeys(CREDENTIAL_CONFIG_KEYS);

/** The provider object Pulumi serializes into each resource's state (`__provider`). */
export const thinProvider = loaderFor(CONFIG_TYPE);

export type { PulumiInputs } from "../shared/dynamic/pulumi-inputs";

/**
 * Arguments of `FunctionAsyncInvokeConfig`; the documentation of each member, with its range and default, is on
 * `FunctionAsyncInvokeConfigInputSchema` (inputs.ts), the single source of these types:
 * - `serviceName`, `functionName` (required; changing either replaces the resource);
 * - `qualifier` — `LATEST` (default), a version number or an alias name (changing it replaces the resource);
 * - `destinationConfig` — `{ onSuccess?: { destination }, onFailure?: { destination } }`, resource names of MNS
 *   queues/topics, FC functions, EventBridge buses or RocketMQ topics; default none;
 * - `maxAsyncEventAgeInSeconds` — 1–2592000, default 86400;
 * - `maxAsyncRetryAttempts` — 0–8, default 3;
 * - `statefulInvocation` — default false;
 * - `adoptExisting` — take over a config that already exists instead of failing; default false.
 */
export type FunctionAsyncInvokeConfigArgs = PulumiInputs<FunctionAsyncInvokeConfigInput> & ConnectionInput;

type Outputs = FunctionAsyncInvokeConfigOutputs;

// Every output must be named in the props Pulumi registers, or the engine drops it from the resource.
const OUTPUT_NAMES = {
  schemaVersion: undefined,
  serviceName: undefined,
  functionName: undefined,
  qualifier: undefined,
  destinationConfig: undefined,
  maxAsyncEventAgeInSeconds: undefined,
  maxAsyncRetryAttempts: undefined,
  statefulInvocation: undefined,
  createdTime: undefined,
  lastModifiedTime: undefined,
} satisfies Record<Exclude<keyof Outputs, "adoptExisting">, undefined>;

/**
 * The asynchronous invocation configuration of a Function Compute 2.0 function for one qualifier.
 *
 * ```ts
 * import { fc } from "pulumi-async-invoke";
 * new fc.FunctionAsyncInvokeConfig("orders", {
 *   serviceName: "shop",
 *   functionName: "process-order",
 *   qualifier: "prod",
 *   maxAsyncRetryAttempts: 0,
 *   maxAsyncEventAgeInSeconds: 3600,
 *   destinationConfig: { onFailure: { destination: "acs:mns:cn-hangzhou:123456:/queues/orders-failed/messages" } },
 * });
 * ```
 *
 * Credentials and endpoint come from the stack config (`alicloud:accessKey`, `alicloud:secretKey`,
 * `alicloud:securityToken`, `alicloud:region`, `alicloud:accountId`, `pulumi-async-invoke:fcEndpoint`), else the
 * environment, else Alibaba's default credential chain. The resource id is `service:function:qualifier`; the type
 * token in state is `pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig`.
 */
export class FunctionAsyncInvokeConfig extends ApiResource {
  /** Layout version of these outputs in state (currently 1), so later releases can read today's state. */
  declare readonly schemaVersion: pulumi.Output<Outputs["schemaVersion"]>;
  /** The FC service that holds the function. */
  declare readonly serviceName: pulumi.Output<Outputs["serviceName"]>;
  /** The function the config belongs to. */
  declare readonly functionName: pulumi.Output<Outputs["functionName"]>;
  /** `LATEST`, a version number or an alias name. */
  declare readonly qualifier: pulumi.Output<Outputs["qualifier"]>;
  /** The destinations FC reports: `onSuccess` / `onFailure`, each `{ destination }`, absent when unset. */
  declare readonly destinationConfig: pulumi.Output<Outputs["destinationConfig"]>;
  /** Maximum age of a queued event in seconds, 1–2592000 (default 86400). */
  declare readonly maxAsyncEventAgeInSeconds: pulumi.Output<Outputs["maxAsyncEventAgeInSeconds"]>;
  /** Retries after a function error, 0–8 (default 3). */
  declare readonly maxAsyncRetryAttempts: pulumi.Output<Outputs["maxAsyncRetryAttempts"]>;
  /** Whether async invocations run as stateful asynchronous tasks (default false). */
  declare readonly statefulInvocation: pulumi.Output<Outputs["statefulInvocation"]>;
  /** When FC created the config, e.g. `2020-09-10T02:45:02Z`; empty if FC did not say. */
  declare readonly createdTime: pulumi.Output<Outputs["createdTime"]>;
  /** When FC last changed the config, same format; empty if FC did not say. */
  declare readonly lastModifiedTime: pulumi.Output<Outputs["lastModifiedTime"]>;

  constructor(name: string, args: FunctionAsyncInvokeConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super(CONFIG_TYPE, CREDENTIAL_CONFIG_KEYS, name, { ...OUTPUT_NAMES, ...args }, opts);
  }

  /**
   * Reads an existing config without managing it (Pulumi never changes or deletes it). `id` is
   * `service:function:qualifier`. To manage an existing config, declare it with `adoptExisting: true` instead.
   */
  static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): FunctionAsyncInvokeConfig {
    return new FunctionAsyncInvokeConfig(name, {} as FunctionAsyncInvokeConfigArgs, { ...opts, id });
  }
}
