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
import { changedKeys, deepEqual } from "../shared/diff";
import { isNotFoundError } from "../shared/errors";
import { FunctionGraphClient } from "./client";
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

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
type RawProps = Record<string, unknown>;

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

export class ConfigNotAppliedError extends Error {
  constructor(functionUrn: string, reasons: string[]) {
    super(`FunctionGraph accepted the configuration of ${functionUrn} but reports different values: ${reasons.join("; ")}`);
    this.name = "ConfigNotAppliedError";
  }
}

export class AsyncInvokeConfigProvider implements dynamic.ResourceProvider<RawProps, RawProps> {
  readonly #api: () => AsyncInvokeConfigApi;

  constructor(api: () => AsyncInvokeConfigApi) {
    let client: AsyncInvokeConfigApi | undefined;
    this.#api = () => (client ??= api());
  }

  async check(_olds: RawProps, news: RawProps): Promise<dynamic.CheckResult<RawProps>> {
    const { value, unknownPaths } = withPlaceholders(withoutProvider(news));
    const result = parseInputs(value as RawProps);
    if (!result.success) return { inputs: news, failures: result.error.issues.flatMap(toFailures) };
    const { adoptExisting, ...rest } = result.data;
    return { inputs: restoreUnknowns(adoptExisting ? result.data : rest, unknownPaths) };
  }

  async diff(_id: string, olds: RawProps, news: RawProps): Promise<dynamic.DiffResult> {
    const old = OutputsSchema.safeParse(withoutProvider(olds));
    if (!old.success) return { changes: true, replaces: [], deleteBeforeReplace: false };
    const { value, unknownPaths } = withPlaceholders(withoutProvider(news));
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
    if (existing !== undefined && !desired.adoptExisting) throw new ExistingConfigError(urn, existing);
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

export function createProvider(config: ConfigSource | undefined, env?: Environment): AsyncInvokeConfigProvider {
  return new AsyncInvokeConfigProvider(() => {
    const c = resolveConnection({ config: config && tolerant(config), env });
    const client = new FunctionGraphClient({ endpoint: c.endpoint, projectId: c.projectId, credentials: c.credentials });
    return Object.assign(client, { region: c.region });
  });
}

export type ProviderMethods = Required<Pick<dynamic.ResourceProvider<RawProps, RawProps>, "check" | "diff" | "create" | "read" | "update" | "delete">>;

export function configure(config: ConfigSource): ProviderMethods {
  const p = createProvider(config);
  return { check: p.check.bind(p), diff: p.diff.bind(p), create: p.create.bind(p), read: p.read.bind(p), update: p.update.bind(p), delete: p.delete.bind(p) };
}

function tolerant(config: ConfigSource): ConfigSource {
  return {
    get: (key) => {
      try {
        return config.get(key);
      } catch {
        return undefined;
      }
    },
  };
}

// ---- helpers

function withoutProvider(props: RawProps | undefined): RawProps {
  const { __provider: _ignored, ...rest } = props ?? {};
  return rest;
}

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
    throw new ConfigNotAppliedError(urn, mismatched.map((k) => `${k} is ${JSON.stringify(outputs[k])}, expected ${JSON.stringify(desired[k])}`));
  }
  return outputs;
}

function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  return value !== null && typeof value === "object" && Object.values(value).some(containsUnknown);
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

function withPlaceholders(value: unknown): { value: unknown; unknownPaths: string[][] } {
  const unknownPaths: string[][] = [];
  const walk = (node: unknown, path: string[]): unknown => {
    const key = path[path.length - 1];
    if (node === UNKNOWN && key !== undefined) {
      const functionUrnOfDestination = key === "functionUrn" && path.length > 1;
      unknownPaths.push(path);
      return functionUrnOfDestination ? PLACEHOLDERS["functionUrn"] : (PLACEHOLDERS[key] ?? node);
    }
    if (node !== null && typeof node === "object" && !Array.isArray(node)) {
      return Object.fromEntries(Object.entries(node).map(([k, child]) => [k, walk(child, [...path, k])]));
    }
    return node;
  };
  return { value: walk(value, []), unknownPaths };
}

function restoreUnknowns(data: object, paths: readonly string[][]): RawProps {
  const out = structuredClone(data) as RawProps;
  for (const path of paths) {
    let node: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) {
      if (node[key] === null || typeof node[key] !== "object") break;
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = UNKNOWN;
  }
  return out;
}

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

const ALLOWED: Record<string, readonly string[]> = {
  "": INPUT_KEYS,
  destinationConfig: ["onSuccess", "onFailure"],
};

function toFailures(issue: Issue): dynamic.CheckFailure[] {
  const where = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys" && issue.keys !== undefined) {
    const allowed = ALLOWED[where] ?? (where.startsWith("destinationConfig.") ? ["type and the fields of that type: OBS bucket, prefix, expires; SMN topicUrn; DIS streamName; FunctionGraph functionUrn"] : []);
    return issue.keys.map((key) => ({
      property: where === "" ? key : `${where}.${key}`,
      reason: `is not a property of ${where === "" ? "functiongraph.AsyncInvokeConfig" : where}; allowed: ${allowed.join(", ")}`,
    }));
  }
  return [{ property: where, reason: issue.message }];
}
