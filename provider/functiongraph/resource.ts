/**
 * `functiongraph.AsyncInvokeConfig`: the async invocation configuration of one FunctionGraph function version or
 * alias (or latest), as a Pulumi dynamic resource. Like `fc.FunctionAsyncInvokeConfig`, Pulumi serializes only a
 * thin loader into state; `configure` loads provider.ts from the installed package with the stack config, so state
 * holds no credentials and refresh/destroy run the current code.
 */
import * as pulumi from "@pulumi/pulumi";
import { ApiResource, loaderFor } from "../shared/dynamic/api-resource";
import type { ConnectionInput, PulumiInputs } from "../shared/dynamic/pulumi-inputs";
import { declareCredentialKeys } from "../shared/secret-config";
import { typeKey } from "../shared/dynamic/resource-type";
import { CREDENTIAL_CONFIG_KEYS } from "./credentials";
import type { AsyncInvokeConfigInput, AsyncInvokeConfigOutputs } from "./schema";

/** The type `pulumi-async-invoke/dynamic-provider` knows this resource's implementation by. */
export const CONFIG_TYPE = { module: "functiongraph", name: "AsyncInvokeConfig" } as const;
export const RESOURCE_TYPE = typeKey(CONFIG_TYPE);
// Declared when the module loads, so any resource of the program checks this API's keys too (secret-config.ts).
declareCredentialKeys(CREDENTIAL_CONFIG_KEYS);
/** The loader Pulumi serializes into state: no credentials, no copy of our code. */
export const thinProvider = loaderFor(CONFIG_TYPE);

/**
 * Arguments: either `functionUrn` (full URN; its last field `latest`, a version, or `!alias`) or `functionName`
 * (+ `qualifier`, default `latest`, alias as `!name`; + `package`, default `default`) — changing either replaces;
 * `maxAsyncRetryAttempts` 0–3 (default 1); `maxAsyncEventAgeInSeconds` 1–86400 (default 3600);
 * `enableAsyncStatusLog` (default false); `destinationConfig` `{ onSuccess?, onFailure? }`, each
 * `{ type: "OBS", bucket, prefix?, expires? }`, `{ type: "SMN", topicUrn }`, `{ type: "DIS", streamName }` or
 * `{ type: "FunctionGraph", functionUrn }`; `adoptExisting` (default false).
 */
export type AsyncInvokeConfigArgs = PulumiInputs<AsyncInvokeConfigInput> & ConnectionInput;

type Outputs = AsyncInvokeConfigOutputs;

const OUTPUT_NAMES = {
  schemaVersion: undefined,
  addressedBy: undefined,
  functionUrn: undefined,
  package: undefined,
  functionName: undefined,
  qualifier: undefined,
  maxAsyncRetryAttempts: undefined,
  maxAsyncEventAgeInSeconds: undefined,
  enableAsyncStatusLog: undefined,
  destinationConfig: undefined,
  createdTime: undefined,
  lastModifiedTime: undefined,
} satisfies Record<Exclude<keyof Outputs, "adoptExisting">, undefined>;

/**
 * ```ts
 * import { functiongraph } from "pulumi-async-invoke";
 * new functiongraph.AsyncInvokeConfig("orders", {
 *   functionUrn: "urn:fss:cn-north-4:0123…cdef:function:default:process-order:!prod",
 *   maxAsyncRetryAttempts: 0,
 *   destinationConfig: { onFailure: { type: "SMN", topicUrn: "urn:smn:cn-north-4:0123…cdef:orders-failed" } },
 * });
 * ```
 * Credentials: `huaweicloud:access_key` / `huaweicloud:secret_key` (secrets), `huaweicloud:security_token`,
 * `huaweicloud:region`, `huaweicloud:project_id`, `pulumi-async-invoke:functiongraphEndpoint`; else `HW_*`, else
 * `HUAWEICLOUD_SDK_*`. The id is the full URN; the type token `pulumi-nodejs:dynamic/functiongraph:AsyncInvokeConfig`.
 */
export class AsyncInvokeConfig extends ApiResource {
  declare readonly schemaVersion: pulumi.Output<Outputs["schemaVersion"]>;
  /** Which form the program uses (`functionUrn` or `functionName`). */
  declare readonly addressedBy: pulumi.Output<Outputs["addressedBy"]>;
  /** The full URN, qualifier last (`…:latest`, `…:1`, `…:!prod`). */
  declare readonly functionUrn: pulumi.Output<Outputs["functionUrn"]>;
  declare readonly package: pulumi.Output<Outputs["package"]>;
  declare readonly functionName: pulumi.Output<Outputs["functionName"]>;
  /** `latest`, a version name or `!alias`. */
  declare readonly qualifier: pulumi.Output<Outputs["qualifier"]>;
  declare readonly maxAsyncRetryAttempts: pulumi.Output<Outputs["maxAsyncRetryAttempts"]>;
  declare readonly maxAsyncEventAgeInSeconds: pulumi.Output<Outputs["maxAsyncEventAgeInSeconds"]>;
  declare readonly enableAsyncStatusLog: pulumi.Output<Outputs["enableAsyncStatusLog"]>;
  declare readonly destinationConfig: pulumi.Output<Outputs["destinationConfig"]>;
  /** RFC 3339, e.g. `2026-12-01T15:00:00Z`. */
  declare readonly createdTime: pulumi.Output<Outputs["createdTime"]>;
  declare readonly lastModifiedTime: pulumi.Output<Outputs["lastModifiedTime"]>;

  constructor(name: string, args: AsyncInvokeConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super(CONFIG_TYPE, CREDENTIAL_CONFIG_KEYS, name, { ...OUTPUT_NAMES, ...args }, opts);
  }
}
