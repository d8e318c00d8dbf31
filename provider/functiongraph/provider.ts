/**
 * The implementation behind `functiongraph.AsyncInvokeConfig`, loaded at run time by the thin provider serialized
 * into state (resource.ts), so refresh and destroy always run the installed code.
 *
 * Method → API calls:
 * - `check`   none. zod from the contract; names the property and the allowed values; fills defaults.
 * - `diff`    none. Normalized comparison (a destination's param is compared as data, so a reordered JSON string is
 *             no change); the URN (or package / functionName / qualifier) replaces, the rest updates.
 * - `create`  ShowFunctionAsyncInvokeConfig, then UpdateFunctionAsyncInvokeConfig. An existing config is refused unless
 *             `adoptExisting: true`.
 * - `read`    ShowFunctionAsyncInvokeConfig. Gone → no id; otherwise the live values as outputs and as inputs.
 * - `update`  UpdateFunctionAsyncInvokeConfig with every field (0 retries and false included, `destination_config`
 *             whole, a removed side sent as `null`).
 * - `delete`  DeleteFunctionAsyncInvokeConfig; a 404 (config, function, version or alias gone) is success.
 */
import { completeRef, formatUrn, GONE_CODES, parseUrn, type UpdateAsyncConfigBody } from "../../contracts/functiongraph";
import { ENABLE_ASYNC_STATUS_LOG_DEFAULT, MAX_ASYNC_EVENT_AGE_IN_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS } from "../../contracts/functiongraph/config";
import { tolerantConfig } from "../shared/config";
import type { FailureContext } from "../shared/dynamic/check-failures";
import { ConfigProvider, type ConfigApi, type ConfigResourceSpec } from "../shared/dynamic/config-provider";
import { ExistingConfigError } from "../shared/dynamic/errors";
import { bindProviderMethods, type ProviderMethods } from "../shared/dynamic/methods";
import { lazyCalls } from "../shared/lazy-client";
import { stderrSink } from "../shared/progress";
import { retryPolicyFromSettings } from "../shared/retry";
import type { FunctionGraphClient } from "./client";
import { resolveConnection, type ConfigSource, type Environment } from "./credentials";
import {
  INPUT_KEYS,
  OUTPUTS_SCHEMA_VERSION,
  OutputsSchema,
  SETTING_KEYS,
  parseInputs,
  toWireDestination,
  type AsyncInvokeConfig,
  type AsyncInvokeConfigOutputs,
  type CheckedInputs,
} from "./schema";

export { UNKNOWN } from "../shared/dynamic/unknowns";
export { ConfigNotAppliedError, ExistingConfigError } from "../shared/dynamic/errors";
export type { ProviderMethods } from "../shared/dynamic/methods";

export type AsyncInvokeConfigApi = Pick<FunctionGraphClient, "showAsyncInvokeConfig" | "updateAsyncInvokeConfig" | "deleteAsyncInvokeConfig"> & {
  readonly region: string;
  readonly projectId: string;
};

/** Where a config lives: its full URN, and which form the program names it by (kept in state as `addressedBy`). */
export interface ConfigAddress {
  readonly functionUrn: string;
  readonly addressedBy: "functionUrn" | "functionName";
}

/** The connection as the shared provider core calls it: Get, Put and Delete of one address, and where it connects. */
type ConnectedApi = ConfigApi<ConfigAddress, UpdateAsyncConfigBody, AsyncInvokeConfig> & { readonly region: string; readonly projectId: string };

function connected(api: AsyncInvokeConfigApi): ConnectedApi {
  return {
    region: api.region,
    projectId: api.projectId,
    getAsyncInvokeConfig: (ref) => api.showAsyncInvokeConfig(ref.functionUrn),
    putAsyncInvokeConfig: (ref, body) => api.updateAsyncInvokeConfig(ref.functionUrn, body),
    deleteAsyncInvokeConfig: (ref) => api.deleteAsyncInvokeConfig(ref.functionUrn),
  };
}

export class AsyncInvokeConfigProvider extends ConfigProvider<ConfigAddress, CheckedInputs, UpdateAsyncConfigBody, AsyncInvokeConfig, AsyncInvokeConfigOutputs, ConnectedApi> {
  /** `api` is asked on the first call that needs the service, so `check` and `diff` work without credentials. */
  constructor(api: () => AsyncInvokeConfigApi) {
    super(FUNCTIONGRAPH_CONFIG, () => connected(api()));
  }
}

// ---- entry point of the serialized thin provider

/**
 * The FunctionGraph client as this resource and the batch connect it: region, project id, keys and endpoint from
 * `huaweicloud:*` stack config, then `HW_*`, then `HUAWEICLOUD_SDK_*`; the retry policy from
 * `pulumi-async-invoke:retry*`, progress of a long retry on stderr. Call it when the first API call needs it.
 */
export function connectFunctionGraph(config: ConfigSource | undefined, env?: Environment): AsyncInvokeConfigApi {
  const source = config && tolerantConfig(config);
  const c = resolveConnection({ config: source, env });
  // The client's modules load on its first call (shared/lazy-client.ts): `check` and `diff` never wait for them.
  const client = lazyCalls(async () => {
    const { FunctionGraphClient } = await import("./client.js");
    return new FunctionGraphClient({ endpoint: c.endpoint, projectId: c.projectId, credentials: c.credentials, retry: retryPolicyFromSettings(source, env), progress: stderrSink });
  }, ["showAsyncInvokeConfig", "updateAsyncInvokeConfig", "deleteAsyncInvokeConfig"]);
  return { ...client, region: c.region, projectId: c.projectId };
}

/** A provider whose client is connected (`connectFunctionGraph`) on the first call that needs it. */
export function createProvider(config: ConfigSource | undefined, env?: Environment): AsyncInvokeConfigProvider {
  return new AsyncInvokeConfigProvider(() => connectFunctionGraph(config, env));
}

export function configure(config: ConfigSource): ProviderMethods {
  return bindProviderMethods(createProvider(config));
}

// ---- helpers


/** The full URN the config lives at: given, or built from package/name/qualifier and the connection. */
export function urnOf(desired: CheckedInputs, where: { region: string; projectId: string }): string {
  if ("functionUrn" in desired) return desired.functionUrn;
  const q = parseUrn(`${where.projectId}:${desired.package}:${desired.functionName}:${desired.qualifier}`);
  if (!q.ok) throw new Error(q.reason);
  return formatUrn(completeRef(q.ref, where.region, where.projectId));
}


/** Every field, explicitly: 0 retries and `false` are sent; a removed destination side is `null`. */
export function updateBody(desired: CheckedInputs): Required<UpdateAsyncConfigBody> {
  const { onSuccess, onFailure } = desired.destinationConfig;
  return {
    max_async_event_age_in_seconds: desired.maxAsyncEventAgeInSeconds,
    max_async_retry_attempts: desired.maxAsyncRetryAttempts,
    enable_async_status_log: desired.enableAsyncStatusLog,
    destination_config: {
      on_success: onSuccess === undefined ? null : toWireDestination(onSuccess),
      on_failure: onFailure === undefined ? null : toWireDestination(onFailure),
    },
  };
}

export function toOutputs(urn: string, addressedBy: "functionUrn" | "functionName", live: AsyncInvokeConfig, adopted: boolean): AsyncInvokeConfigOutputs {
  const parsed = parseUrn(urn);
  if (!parsed.ok) throw new Error(`functionUrn ${parsed.reason}`);
  const q = parsed.ref.qualifier;
  return {
    schemaVersion: OUTPUTS_SCHEMA_VERSION,
    addressedBy,
    functionUrn: urn,
    package: parsed.ref.package,
    functionName: parsed.ref.name,
    qualifier: q.kind === "latest" ? "latest" : q.kind === "version" ? q.name : `!${q.name}`,
    maxAsyncRetryAttempts: live.maxAsyncRetryAttempts,
    maxAsyncEventAgeInSeconds: live.maxAsyncEventAgeInSeconds,
    enableAsyncStatusLog: live.enableAsyncStatusLog,
    destinationConfig: live.destinationConfig,
    createdTime: live.createdTime,
    lastModifiedTime: live.lastModifiedTime,
    ...(adopted && { adoptExisting: true as const }),
  };
}



// ---- unknowns during preview: validate the rest with valid placeholders, keep the unknown

const P = "00000000000000000000000000000000";
const PLACEHOLDERS: Record<string, unknown> = {
  functionUrn: `urn:fss:cn-north-4:${P}:function:default:unknown:latest`,
  functionName: "unknown",
  qualifier: "latest",
  package: "default",
  maxAsyncRetryAttempts: MAX_ASYNC_RETRY_ATTEMPTS.default,
  maxAsyncEventAgeInSeconds: MAX_ASYNC_EVENT_AGE_IN_SECONDS.default,
  enableAsyncStatusLog: ENABLE_ASYNC_STATUS_LOG_DEFAULT,
  adoptExisting: false,
  destinationConfig: {},
  onSuccess: { type: "DIS", streamName: "unknown" },
  onFailure: { type: "DIS", streamName: "unknown" },
  bucket: "unknown-bucket",
  prefix: "",
  expires: 0,
  topicUrn: `urn:smn:cn-north-4:${P}:unknown`,
  streamName: "unknown",
};

// ---- check failures: the property by its path, the reason with the allowed values

const DESTINATION_KEYS = ["type and the fields of that type: OBS bucket, prefix, expires; SMN topicUrn; DIS streamName; FunctionGraph functionUrn"];
const FAILURE_CONTEXT: FailureContext = {
  resourceName: "functiongraph.AsyncInvokeConfig",
  allowedKeys: {
    "": INPUT_KEYS,
    destinationConfig: ["onSuccess", "onFailure"],
    "destinationConfig.onSuccess": DESTINATION_KEYS,
    "destinationConfig.onFailure": DESTINATION_KEYS,
  },
};

const BY_URN = ["functionUrn"] as const;
const BY_NAME = ["package", "functionName", "qualifier"] as const;

/** What FunctionGraph's config resource is made of; the provider itself is `shared/dynamic/config-provider.ts`. */
const FUNCTIONGRAPH_CONFIG: ConfigResourceSpec<ConfigAddress, CheckedInputs, UpdateAsyncConfigBody, AsyncInvokeConfig, AsyncInvokeConfigOutputs, ConnectedApi> = {
  service: "FunctionGraph",
  configName: "FunctionGraph async invoke config",
  idShape: "a function URN (urn:fss:{region}:{projectId}:function:{package}:{name}:{qualifier})",
  parse: (prepared) => parseInputs(prepared as Record<string, unknown>),
  // Nulls are dropped by `parseInputs` itself (YAML programs write `null` where TypeScript omits).
  prepareInput: (raw) => raw,
  placeholders: PLACEHOLDERS,
  failureContext: FAILURE_CONTEXT,
  identityKeys: [...BY_URN, ...BY_NAME],
  // A config named by URN is replaced when the URN changes; one named by name when package, name or qualifier does.
  identityKeysOf: (config) => ("schemaVersion" in config ? config["addressedBy"] === "functionUrn" : "functionUrn" in config) ? BY_URN : BY_NAME,
  settingKeys: SETTING_KEYS,
  goneCodes: GONE_CODES,
  parseStateOutputs: (props) => OutputsSchema.parse(props),
  refOf: (config, api) => {
    if ("schemaVersion" in config) return { functionUrn: config.functionUrn, addressedBy: config.addressedBy };
    return { functionUrn: urnOf(config, api), addressedBy: "functionUrn" in config ? "functionUrn" : "functionName" };
  },
  idOf: (ref) => ref.functionUrn,
  // An id alone (no state, as `get` reads): the URN, named by URN.
  parseId: (id) => (parseUrn(id).ok ? { functionUrn: id, addressedBy: "functionUrn" } : undefined),
  existingError: (ref, existing) => new ExistingConfigError(ref, ref.functionUrn, existing.lastModifiedTime, "functiongraph.AsyncInvokeConfig"),
  putBody: updateBody,
  toOutputs: (live, ref, adopted = false) => toOutputs(ref.functionUrn, ref.addressedBy, live, adopted),
  recordsInterruptedCreate: true,
};
