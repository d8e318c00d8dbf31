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
import type { dynamic } from "@pulumi/pulumi";
import { completeRef, formatUrn, GONE_CODES, parseUrn, type UpdateAsyncConfigBody } from "../../contracts/functiongraph";
import { tolerantConfig } from "../shared/config";
import { changedKeys, deepEqual } from "../shared/diff";
import { toCheckFailures, type FailureContext } from "../shared/dynamic/check-failures";
import { ConfigNotAppliedError } from "../shared/dynamic/errors";
import { bindProviderMethods, type ProviderMethods } from "../shared/dynamic/methods";
import { withoutProvider, type RawProps } from "../shared/dynamic/props";
import { containsUnknown, restoreUnknowns, withPlaceholders } from "../shared/dynamic/unknowns";
import { isNotFoundError } from "../shared/errors";
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
export { ConfigNotAppliedError } from "../shared/dynamic/errors";
export type { ProviderMethods } from "../shared/dynamic/methods";

export type AsyncInvokeConfigApi = Pick<FunctionGraphClient, "showAsyncInvokeConfig" | "updateAsyncInvokeConfig" | "deleteAsyncInvokeConfig"> & {
  readonly region: string;
  readonly projectId: string;
};

export class ExistingConfigError extends Error {
  constructor(functionUrn: string, existing: AsyncInvokeConfig) {
    const since = existing.lastModifiedTime === "" ? "" : ` (last modified ${existing.lastModifiedTime})`;
    super(
      `An async invoke config already exists for ${functionUrn}${since}. It is not overwritten silently: another stack, tool or person may manage it. ` +
        "To take it over on purpose, set `adoptExisting: true` on this functiongraph.AsyncInvokeConfig and run again; it will then be managed, and deleted on destroy.",
    );
    this.name = "ExistingConfigError";
  }
}

export class AsyncInvokeConfigProvider implements dynamic.ResourceProvider<RawProps, RawProps> {
  readonly #api: () => AsyncInvokeConfigApi;

  constructor(api: () => AsyncInvokeConfigApi) {
    let client: AsyncInvokeConfigApi | undefined;
    this.#api = () => (client ??= api());
  }

  async check(_olds: RawProps, news: RawProps): Promise<dynamic.CheckResult<RawProps>> {
    const { value, unknownPaths } = withPlaceholders(withoutProvider(news), PLACEHOLDERS);
    const result = parseInputs(value as RawProps);
    if (!result.success) return { inputs: news, failures: result.error.issues.flatMap((issue) => toCheckFailures(issue, FAILURE_CONTEXT)) };
    const { adoptExisting, ...rest } = result.data;
    return { inputs: restoreUnknowns(adoptExisting ? result.data : rest, unknownPaths) };
  }

  async diff(_id: string, olds: RawProps, news: RawProps): Promise<dynamic.DiffResult> {
    const old = OutputsSchema.safeParse(withoutProvider(olds));
    if (!old.success) return { changes: true, replaces: [], deleteBeforeReplace: false };
    const { value, unknownPaths } = withPlaceholders(withoutProvider(news), PLACEHOLDERS);
    const parsed = parseInputs(value as RawProps);
    if (!parsed.success) return { changes: true, replaces: [], deleteBeforeReplace: false };
    const next = restoreUnknowns(parsed.data, unknownPaths);
    const differs = (key: string, oldValue: unknown) => containsUnknown(next[key]) || !deepEqual(oldValue, next[key]);
    const o = old.data;
    const replaces =
      "functionUrn" in parsed.data
        ? differs("functionUrn", o.functionUrn) ? ["functionUrn"] : []
        : (["package", "functionName", "qualifier"] as const).filter((k) => differs(k, o[k]));
    if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };
    const updates = SETTING_KEYS.filter((k) => differs(k, o[k]));
    if (updates.length === 0) return { changes: false, replaces: [], deleteBeforeReplace: false };
    return { replaces: [], deleteBeforeReplace: false };
  }

  async create(inputs: RawProps): Promise<dynamic.CreateResult<AsyncInvokeConfigOutputs>> {
    const desired = checked(inputs);
    const api = this.#api();
    const urn = urnOf(desired, api);
    const existing = await showIfExists(api, urn);
    if (existing !== undefined && !desired.adoptExisting) {
      // Exactly the values this create is about to write: our own create, killed after its write and before Pulumi
      // recorded it. Recorded without a write, so cancel + refresh + up recovers; any other value is refused.
      const outputs = toOutputs(urn, "functionUrn" in desired ? "functionUrn" : "functionName", existing, false);
      if (changedKeys(outputs, desired, SETTING_KEYS).length === 0) return { id: urn, outs: outputs };
      throw new ExistingConfigError(urn, existing);
    }
    const live = await api.updateAsyncInvokeConfig(urn, updateBody(desired));
    return { id: urn, outs: verified(desired, urn, live) };
  }

  async read(id: string, props?: RawProps): Promise<dynamic.ReadResult<RawProps>> {
    const state = OutputsSchema.safeParse(withoutProvider(props));
    const urn = state.success ? state.data.functionUrn : id;
    const live = await showIfExists(this.#api(), urn);
    if (live === undefined) return {};
    const addressedBy = state.success ? state.data.addressedBy : "functionUrn";
    const outputs = toOutputs(urn, addressedBy, live, props?.["adoptExisting"] === true);
    return { id, props: outputs, inputs: toInputs(outputs) };
  }

  async update(_id: string, _olds: RawProps, news: RawProps): Promise<dynamic.UpdateResult<AsyncInvokeConfigOutputs>> {
    const desired = checked(news);
    const api = this.#api();
    const urn = urnOf(desired, api);
    return { outs: verified(desired, urn, await api.updateAsyncInvokeConfig(urn, updateBody(desired))) };
  }

  async delete(id: string, props: RawProps): Promise<void> {
    const state = OutputsSchema.safeParse(withoutProvider(props));
    try {
      await this.#api().deleteAsyncInvokeConfig(state.success ? state.data.functionUrn : id);
    } catch (error) {
      if (isNotFoundError(error) && GONE_CODES.has(error.code)) return;
      throw error;
    }
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

function checked(inputs: RawProps): CheckedInputs {
  const result = parseInputs(withoutProvider(inputs));
  if (!result.success) throw new Error(result.error.issues.map((i) => i.message).join("; "));
  return result.data;
}

/** The full URN the config lives at: given, or built from package/name/qualifier and the connection. */
export function urnOf(desired: CheckedInputs, where: { region: string; projectId: string }): string {
  if ("functionUrn" in desired) return desired.functionUrn;
  const q = parseUrn(`${where.projectId}:${desired.package}:${desired.functionName}:${desired.qualifier}`);
  if (!q.ok) throw new Error(q.reason);
  return formatUrn(completeRef(q.ref, where.region, where.projectId));
}

async function showIfExists(api: AsyncInvokeConfigApi, urn: string): Promise<AsyncInvokeConfig | undefined> {
  try {
    return await api.showAsyncInvokeConfig(urn);
  } catch (error) {
    if (isNotFoundError(error) && GONE_CODES.has(error.code)) return undefined;
    throw error;
  }
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

function toInputs(o: AsyncInvokeConfigOutputs): RawProps {
  const identity = o.addressedBy === "functionUrn" ? { functionUrn: o.functionUrn } : { functionName: o.functionName, qualifier: o.qualifier, package: o.package };
  const inputs: RawProps = { ...identity };
  for (const key of SETTING_KEYS) inputs[key] = o[key];
  if (o.adoptExisting) inputs["adoptExisting"] = true;
  return inputs;
}

function verified(desired: CheckedInputs, urn: string, live: AsyncInvokeConfig): AsyncInvokeConfigOutputs {
  const outputs = toOutputs(urn, "functionUrn" in desired ? "functionUrn" : "functionName", live, desired.adoptExisting);
  const mismatched = changedKeys(outputs, desired, SETTING_KEYS);
  if (mismatched.length > 0) {
    const reasons = mismatched.map((k) => `${k} is ${JSON.stringify(outputs[k])}, expected ${JSON.stringify(desired[k])}`);
    // Not recorded even from `create` (no id): a plain failure, as FunctionGraph's resource has always had it.
    throw new ConfigNotAppliedError("FunctionGraph", urn, outputs, reasons, false);
  }
  return outputs;
}

// ---- unknowns during preview: validate the rest with valid placeholders, keep the unknown

const P = "00000000000000000000000000000000";
const PLACEHOLDERS: Record<string, unknown> = {
  functionUrn: `urn:fss:cn-north-4:${P}:function:default:unknown:latest`,
  functionName: "unknown",
  qualifier: "latest",
  package: "default",
  maxAsyncRetryAttempts: 1,
  maxAsyncEventAgeInSeconds: 3600,
  enableAsyncStatusLog: false,
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
