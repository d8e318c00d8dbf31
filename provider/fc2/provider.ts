/**
 * The implementation behind `fc.FunctionAsyncInvokeConfig`, loaded at run time by the thin provider that Pulumi
 * serializes into state (resource.ts). Because it is loaded from the installed package, refresh and destroy always
 * run the current code, whatever release wrote the state.
 *
 * Method → API calls:
 * - `check`   none. Validates with zod, names the property and the allowed values, fills defaults.
 * - `diff`    none. Compares normalized values; serviceName / functionName / qualifier replace, the rest update.
 * - `create`  GetFunctionAsyncInvokeConfig, then PutFunctionAsyncInvokeConfig. An existing config is refused
 *             unless `adoptExisting` is set: create never silently takes over what someone else manages.
 * - `read`    GetFunctionAsyncInvokeConfig. Gone → no id (Pulumi drops the resource); otherwise the live values as
 *             outputs *and* inputs, so refresh and `preview --refresh` show drift field by field.
 * - `update`  PutFunctionAsyncInvokeConfig with every field, because Put keeps fields a request leaves out: a field
 *             removed from the program must go back to its default. A removed destination is cleared by sending
 *             `destinationConfig` whole with that side `null` (the shape FC itself answers): a present
 *             `destinationConfig` replaces the stored one as a whole, in FC and in the emulator.
 * - `delete`  DeleteFunctionAsyncInvokeConfig. Already gone (config, version, alias, function or service) is success.
 *
 * After each Put the configuration FC reports is compared with what was asked for; a service that silently keeps
 * a field (say, a destination sent as `null`) is reported rather than recorded as if it had worked.
 */
import type { dynamic } from "@pulumi/pulumi";
import { changedKeys, deepEqual } from "../shared/diff";
import { isNotFoundError } from "../shared/errors";
import type { FcClient } from "./client";
import { resolveConnection, type ConfigSource, type DefaultChain, type Environment } from "./credentials";
import {
  DEFAULT_QUALIFIER,
  FunctionAsyncInvokeConfigInputSchema,
  IDENTITY_KEYS,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  OUTPUTS_SCHEMA_VERSION,
  SETTING_KEYS,
  STATEFUL_INVOCATION_DEFAULT,
  parseStateOutputs,
  prepareInput,
  type AsyncInvokeConfig,
  type ConfigAddress,
  type CheckedInputs,
  type FunctionAsyncInvokeConfigOutputs,
  type PutAsyncInvokeConfigBody,
} from "./schema";

/** The value Pulumi passes for inputs not known yet during preview (`@pulumi/pulumi/runtime/rpc` `unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const PROVIDER_KEY = "__provider";

/** FC error codes that mean the config cannot exist any more. Any other 404 (a wrong endpoint, say) stays an error. */
export const GONE_CODES: ReadonlySet<string> = new Set(["AsyncConfigNotExists", "ServiceNotFound", "FunctionNotFound", "VersionNotFound", "AliasNotFound"]);

/** The calls the provider makes; `FcClient` implements them. */
export type AsyncInvokeConfigApi = Pick<FcClient, "getAsyncInvokeConfig" | "putAsyncInvokeConfig" | "deleteAsyncInvokeConfig">;

/** Inputs as Pulumi hands them over: checked, possibly with unknowns, plus the reserved `__provider`. */
type RawProps = Record<string, unknown>;

/**
 * Thrown by `create`/`update` when the Put went through but FC reports a different configuration.
 *
 * From `create` it carries `id`, `properties` (the live values) and `reasons`, which Pulumi's dynamic-provider host
 * turns into a partial failure: the resource is recorded, so the config FC now holds is not orphaned. From `update`
 * it carries no `id`: a plain failure, so state keeps the previous inputs and the next `up` tries again.
 */
export class ConfigNotAppliedError extends Error {
  readonly id: string | undefined;
  readonly properties: FunctionAsyncInvokeConfigOutputs | undefined;
  readonly reasons: string[];
  constructor(resourceId: string, live: FunctionAsyncInvokeConfigOutputs, reasons: string[], recordLive: boolean) {
    super(`FC accepted the configuration of ${resourceId} but reports different values: ${reasons.join("; ")}`);
    this.name = "ConfigNotAppliedError";
    this.id = recordLive ? resourceId : undefined;
    this.properties = recordLive ? live : undefined;
    this.reasons = reasons;
  }
}

/** `create` found a config it was not told to adopt. */
export class ExistingConfigError extends Error {
  readonly ref: ConfigAddress;
  constructor(ref: ConfigAddress, existing: AsyncInvokeConfig) {
    const since = existing.lastModifiedTime === "" ? "" : ` (last modified ${existing.lastModifiedTime})`;
    super(
      `An async invoke config already exists for service "${ref.serviceName}", function "${ref.functionName}", qualifier "${ref.qualifier}"${since}. ` +
        "It is not overwritten silently: another stack, tool or person may manage it. To take it over on purpose, set " +
        "`adoptExisting: true` on this FunctionAsyncInvokeConfig and run again; this resource will then manage it and delete it on destroy. " +
        "(`pulumi import` cannot adopt it: dynamic resources do not support import.)",
    );
    this.name = "ExistingConfigError";
    this.ref = ref;
  }
}

export class FunctionAsyncInvokeConfigProvider implements dynamic.ResourceProvider<RawProps, RawProps> {
  readonly #api: () => AsyncInvokeConfigApi;

  /** `api` is asked on the first call that needs the service, so `check` and `diff` work without credentials. */
  constructor(api: () => AsyncInvokeConfigApi) {
    let client: AsyncInvokeConfigApi | undefined;
    this.#api = () => (client ??= api());
  }

  async check(_olds: RawProps, news: RawProps): Promise<dynamic.CheckResult<RawProps>> {
    const { result, unknownPaths } = parseNews(news);
    if (!result.success) {
      return { inputs: news, failures: result.error.issues.flatMap(toFailures) };
    }
    // `adoptExisting: false` is the default and means nothing to FC: leaving it out keeps it out of Pulumi's
    // property diffs, which it computes from old and new inputs and would otherwise list after every refresh.
    const { adoptExisting, ...settings } = result.data;
    return { inputs: restoreUnknowns(adoptExisting === false ? settings : result.data, unknownPaths) };
  }

  async diff(_id: string, olds: RawProps, news: RawProps): Promise<dynamic.DiffResult> {
    const next = normalizeNews(news);
    let old: Record<string, unknown>;
    try {
      old = parseStateOutputs(withoutProvider(olds));
    } catch {
      // Outputs this release cannot read: let the update rewrite them.
      return { changes: true, replaces: [], deleteBeforeReplace: false };
    }
    const differs = (key: string) => containsUnknown(next[key]) || !deepEqual(old[key], next[key]);
    const replaces = IDENTITY_KEYS.filter(differs);
    const updates = SETTING_KEYS.filter(differs);
    // A new config lives at a different path, so the replacement can be created before the old one is deleted.
    if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };
    if (updates.length === 0) return { changes: false, replaces: [], deleteBeforeReplace: false };
    // In-place changes are answered "unknown" (no `changes`): a dynamic provider cannot name the changed properties,
    // and on "unknown" the engine lists them itself from old and new inputs. Those are normalized alike (check here,
    // read on refresh), so the list is exactly the changed fields — which is what `pulumi refresh` and the refresh
    // steps of `preview --refresh` show. No-change stays "none": the engine never second-guesses it.
    return { replaces: [], deleteBeforeReplace: false };
  }

  async create(inputs: RawProps): Promise<dynamic.CreateResult<FunctionAsyncInvokeConfigOutputs>> {
    const desired = FunctionAsyncInvokeConfigInputSchema.parse(prepareInput(withoutProvider(inputs)));
    const ref = refOf(desired);
    const api = this.#api();
    const existing = await getIfExists(api, ref);
    if (existing !== undefined && !desired.adoptExisting) throw new ExistingConfigError(ref, existing);
    const live = await api.putAsyncInvokeConfig(ref, putBody(desired));
    return { id: idOf(ref), outs: verified(idOf(ref), desired, live, true) };
  }

  async read(id: string, props?: RawProps): Promise<dynamic.ReadResult<RawProps>> {
    const ref = refFromState(id, props);
    const live = await getIfExists(this.#api(), ref);
    if (live === undefined) return {};
    const outputs = toOutputs(live, ref, props?.["adoptExisting"] === true);
    return { id, props: outputs, inputs: toInputs(outputs) };
  }

  async update(id: string, _olds: RawProps, news: RawProps): Promise<dynamic.UpdateResult<FunctionAsyncInvokeConfigOutputs>> {
    const desired = FunctionAsyncInvokeConfigInputSchema.parse(prepareInput(withoutProvider(news)));
    const ref = refOf(desired);
    const live = await this.#api().putAsyncInvokeConfig(ref, putBody(desired));
    return { outs: verified(id, desired, live, false) };
  }

  async delete(id: string, props: RawProps): Promise<void> {
    const ref = refFromState(id, props);
    try {
      await this.#api().deleteAsyncInvokeConfig(ref);
    } catch (error) {
      if (isNotFoundError(error) && GONE_CODES.has(error.code)) return;
      throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Entry point of the serialized thin provider (resource.ts).

/** Options for `createProvider`; tests inject the environment and the credential chain. */
export interface CreateProviderOptions {
  readonly env?: Environment;
  readonly defaultChain?: DefaultChain;
}

/** A provider that reads endpoint and credentials from `config` (stack config), then the environment, then the default chain. */
export function createProvider(config: ConfigSource | undefined, options: CreateProviderOptions = {}): FunctionAsyncInvokeConfigProvider {
  return new FunctionAsyncInvokeConfigProvider(() => lazyClient(config, options));
}

/**
 * The calls of an `FcClient` made from the stack config, loaded on the first call: `check` and `diff` (the only
 * methods a no-op preview runs) never wait for the HTTP client (undici) to load. A failed set-up (no account id,
 * say) is not kept, so a later call reports it again rather than a stale promise.
 */
export function lazyClient(config: ConfigSource | undefined, options: CreateProviderOptions = {}): AsyncInvokeConfigApi {
  let client: Promise<FcClient> | undefined;
  const connect = (): Promise<FcClient> =>
    (client ??= (async () => {
      const connection = resolveConnection({ config: config && tolerant(config), ...options });
      const { FcClient } = await import("./client.js");
      return new FcClient({ endpoint: connection.endpoint, accountId: connection.accountId, credentials: connection.credentials });
    })().catch((error: unknown) => {
      client = undefined;
      throw error;
    }));
  return {
    getAsyncInvokeConfig: async (...args) => (await connect()).getAsyncInvokeConfig(...args),
    putAsyncInvokeConfig: async (...args) => (await connect()).putAsyncInvokeConfig(...args),
    deleteAsyncInvokeConfig: async (...args) => (await connect()).deleteAsyncInvokeConfig(...args),
  };
}

/** The methods the thin provider installs on itself: bound to one provider configured from the stack config. */
export type ProviderMethods = Required<Pick<dynamic.ResourceProvider<RawProps, RawProps>, "check" | "diff" | "create" | "read" | "update" | "delete">>;

/**
 * Called by the thin provider's `configure` with the stack config (secrets decrypted). Nothing is resolved yet:
 * endpoint and credentials are read on the first call that needs the service, and kept in memory only.
 */
export function configure(config: ConfigSource): ProviderMethods {
  const provider = createProvider(config);
  return {
    check: provider.check.bind(provider),
    diff: provider.diff.bind(provider),
    create: provider.create.bind(provider),
    read: provider.read.bind(provider),
    update: provider.update.bind(provider),
    delete: provider.delete.bind(provider),
  };
}

// The host builds its Config over whatever the engine sent; reading a key must not fail when it sent nothing.
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

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function withoutProvider(props: RawProps | undefined): RawProps {
  const { [PROVIDER_KEY]: _ignored, ...rest } = props ?? {};
  return rest;
}

function refOf(config: { serviceName: string; functionName: string; qualifier: string }): ConfigAddress {
  return { serviceName: config.serviceName, functionName: config.functionName, qualifier: config.qualifier };
}

/** `service:function:qualifier`, the id the Terraform provider uses too; names cannot contain `:`. */
export function idOf(ref: ConfigAddress): string {
  return `${ref.serviceName}:${ref.functionName}:${ref.qualifier}`;
}

export function parseId(id: string): ConfigAddress | undefined {
  const parts = id.split(":");
  if (parts.length !== 3 || parts.some((part) => part === "")) return undefined;
  const [serviceName, functionName, qualifier] = parts as [string, string, string];
  return { serviceName, functionName, qualifier };
}

function refFromState(id: string, props: RawProps | undefined): ConfigAddress {
  const fromId = parseId(id);
  if (fromId !== undefined) return fromId;
  try {
    return refOf(parseStateOutputs(withoutProvider(props)));
  } catch {
    throw new Error(`cannot tell which async invoke config the resource with id ${JSON.stringify(id)} refers to: expected service:function:qualifier`);
  }
}

async function getIfExists(api: AsyncInvokeConfigApi, ref: ConfigAddress): Promise<AsyncInvokeConfig | undefined> {
  try {
    return await api.getAsyncInvokeConfig(ref);
  } catch (error) {
    if (isNotFoundError(error) && GONE_CODES.has(error.code)) return undefined;
    throw error;
  }
}

/** The whole desired configuration, every member explicit: Put keeps whatever a request leaves out. */
export function putBody(desired: CheckedInputs): Required<PutAsyncInvokeConfigBody> {
  return {
    destinationConfig: {
      onSuccess: desired.destinationConfig.onSuccess ?? null,
      onFailure: desired.destinationConfig.onFailure ?? null,
    },
    maxAsyncEventAgeInSeconds: desired.maxAsyncEventAgeInSeconds,
    maxAsyncRetryAttempts: desired.maxAsyncRetryAttempts,
    statefulInvocation: desired.statefulInvocation,
  };
}

export function toOutputs(live: AsyncInvokeConfig, ref: ConfigAddress, adopted = false): FunctionAsyncInvokeConfigOutputs {
  // The path names the config; a service answering with other spellings (or none) must not change the identity.
  return {
    schemaVersion: OUTPUTS_SCHEMA_VERSION,
    serviceName: ref.serviceName,
    functionName: ref.functionName,
    qualifier: ref.qualifier,
    destinationConfig: live.destinationConfig,
    maxAsyncEventAgeInSeconds: live.maxAsyncEventAgeInSeconds,
    maxAsyncRetryAttempts: live.maxAsyncRetryAttempts,
    statefulInvocation: live.statefulInvocation,
    createdTime: live.createdTime,
    lastModifiedTime: live.lastModifiedTime,
    ...(adopted && { adoptExisting: true as const }),
  };
}

/** Inputs matching the live values, so a refresh makes the next diff compare the program with the cloud. */
function toInputs(outputs: FunctionAsyncInvokeConfigOutputs): RawProps {
  const inputs: RawProps = {};
  for (const key of [...IDENTITY_KEYS, ...SETTING_KEYS]) inputs[key] = outputs[key];
  if (outputs.adoptExisting) inputs["adoptExisting"] = true;
  return inputs;
}

function verified(id: string, desired: CheckedInputs, live: AsyncInvokeConfig, recordLive: boolean): FunctionAsyncInvokeConfigOutputs {
  const outputs = toOutputs(live, refOf(desired), desired.adoptExisting);
  const mismatched = changedKeys(outputs, desired, SETTING_KEYS);
  if (mismatched.length > 0) {
    const reasons = mismatched.map((key) => `${key} is ${JSON.stringify(outputs[key])}, expected ${JSON.stringify(desired[key])}`);
    throw new ConfigNotAppliedError(id, outputs, reasons, recordLive);
  }
  return outputs;
}

/** New inputs as `check` and `diff` read them: prepared, and parsed with placeholders standing in for unknowns. */
function parseNews(news: RawProps) {
  const prepared = prepareInput(withoutProvider(news));
  const { value, unknownPaths } = withPlaceholders(prepared);
  return { prepared, unknownPaths, result: FunctionAsyncInvokeConfigInputSchema.safeParse(value) };
}

function normalizeNews(news: RawProps): Record<string, unknown> {
  const { prepared, unknownPaths, result } = parseNews(news);
  // `check` has already refused invalid inputs; compare whatever arrived rather than fail the diff.
  return result.success ? restoreUnknowns(result.data, unknownPaths) : (prepared as Record<string, unknown>);
}

function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

// ---- unknowns during preview: validate everything else, keep the unknown as it is

// Any valid value will do; the defaults are valid by construction.
const PLACEHOLDER_ARN = "acs:mns:cn-hangzhou:1:/queues/unknown/messages";
const PLACEHOLDERS: Record<string, unknown> = {
  serviceName: "unknown",
  functionName: "unknown",
  qualifier: DEFAULT_QUALIFIER,
  destinationConfig: {},
  onSuccess: { destination: PLACEHOLDER_ARN },
  onFailure: { destination: PLACEHOLDER_ARN },
  destination: PLACEHOLDER_ARN,
  maxAsyncEventAgeInSeconds: MAX_ASYNC_EVENT_AGE_IN_SECONDS.default,
  maxAsyncRetryAttempts: MAX_ASYNC_RETRY_ATTEMPTS.default,
  statefulInvocation: STATEFUL_INVOCATION_DEFAULT,
  adoptExisting: false,
};

function withPlaceholders(value: unknown): { value: unknown; unknownPaths: string[][] } {
  const unknownPaths: string[][] = [];
  const walk = (node: unknown, path: string[]): unknown => {
    if (node === UNKNOWN && path.length > 0) {
      const key = path[path.length - 1] as string;
      if (key in PLACEHOLDERS) {
        unknownPaths.push(path);
        return PLACEHOLDERS[key];
      }
    }
    if (node !== null && typeof node === "object" && !Array.isArray(node)) {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child, [...path, key])]));
    }
    return node;
  };
  return { value: walk(value, []), unknownPaths };
}

function restoreUnknowns<T extends object>(data: T, paths: readonly string[][]): RawProps {
  const out = structuredClone(data) as RawProps;
  for (const path of paths) {
    let node: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[path[path.length - 1] as string] = UNKNOWN;
  }
  return out;
}

// ---- check failures: the property by its path, the reason with the allowed values

const ALLOWED_KEYS: Record<string, readonly string[]> = {
  "": Object.keys(FunctionAsyncInvokeConfigInputSchema.shape),
  destinationConfig: ["onSuccess", "onFailure"],
  "destinationConfig.onSuccess": ["destination"],
  "destinationConfig.onFailure": ["destination"],
};

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

function toFailures(issue: Issue): dynamic.CheckFailure[] {
  const where = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys" && issue.keys !== undefined) {
    const allowed = ALLOWED_KEYS[where] ?? [];
    return issue.keys.map((key) => ({
      property: where === "" ? key : `${where}.${key}`,
      reason: `is not a property of ${where === "" ? "FunctionAsyncInvokeConfig" : where}; allowed: ${allowed.join(", ")}`,
    }));
  }
  return [{ property: where, reason: issue.message }];
}
