/**
 * The implementation behind `fc3.AsyncInvokeConfig`, loaded at run time by the thin provider Pulumi serializes into
 * state (resource.ts), so refresh and destroy run the installed code whatever release wrote the state.
 *
 * Method → API calls:
 * - `check`   none. zod names the property and the allowed values; defaults filled.
 * - `diff`    none. Normalized values compared; functionName / qualifier replace, the rest update in place.
 * - `create`  GetAsyncInvokeConfig, then PutAsyncInvokeConfig. An existing config is refused unless `adoptExisting`.
 * - `read`    GetAsyncInvokeConfig. Gone → no id; otherwise the live values as outputs *and* inputs, so
 *             `preview --refresh` and `refresh` show drift field by field.
 * - `update`  PutAsyncInvokeConfig with the whole desired config: the service keeps what a Put leaves out, so a
 *             field removed from the program must be sent at its default. Destinations go as a whole
 *             `destinationConfig` holding only the sides that are set — never an empty side (`onSuccess: {}`),
 *             which FC 3.0 refuses with InvalidDestinationResources.
 * - `delete`  DeleteAsyncInvokeConfig. Already gone (config, version, alias or function) is success.
 *
 * After each Put the configuration FC reports is compared with what was asked; a difference is reported, not
 * recorded as if it had worked.
 */
import type { dynamic } from "@pulumi/pulumi";
import { DEFAULT_QUALIFIER, GONE_CODES, MAX_ASYNC_EVENT_AGE_IN_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS } from "../../contracts/fc3";
import { resolveConnection, type DefaultChain, type Environment } from "../shared/alicloud-credentials";
import { tolerantConfig, type ConfigSource } from "../shared/config";
import { changedKeys, deepEqual } from "../shared/diff";
import { toCheckFailures } from "../shared/dynamic/check-failures";
import { ConfigNotAppliedError, ExistingConfigError } from "../shared/dynamic/errors";
import { bindProviderMethods, type ProviderMethods } from "../shared/dynamic/methods";
import { withoutProvider, type RawProps } from "../shared/dynamic/props";
import { containsUnknown, restoreUnknowns, withPlaceholders } from "../shared/dynamic/unknowns";
import { compositeId } from "../shared/resource-id";
import { isApiError, isNotFoundError } from "../shared/errors";
import { stderrSink } from "../shared/progress";
import { retryPolicyFromSettings } from "../shared/retry";
import { CREDENTIAL_REFUSED_CODES, CredentialsRefusedError } from "../fc2/provider";
import { Fc3Client } from "./client";
import {
  AsyncInvokeConfigInputSchema,
  IDENTITY_KEYS,
  OUTPUTS_SCHEMA_VERSION,
  SETTING_KEYS,
  parseStateOutputs,
  prepareInput,
  type AsyncInvokeConfig,
  type AsyncInvokeConfigOutputs,
  type CheckedInputs,
  type ConfigAddress,
  type PutBody,
} from "./schema";

export { ConfigNotAppliedError, ExistingConfigError } from "../shared/dynamic/errors";
export { UNKNOWN } from "../shared/dynamic/unknowns";

export type AsyncInvokeConfigApi = Pick<Fc3Client, "getAsyncInvokeConfig" | "putAsyncInvokeConfig" | "deleteAsyncInvokeConfig">;

function existingConfig(ref: ConfigAddress, existing: AsyncInvokeConfig): ExistingConfigError<ConfigAddress> {
  return new ExistingConfigError(ref, `FC 3.0 function "${ref.functionName}", qualifier "${ref.qualifier}"`, existing.lastModifiedTime, "fc3.AsyncInvokeConfig");
}

export class AsyncInvokeConfigProvider implements dynamic.ResourceProvider<RawProps, RawProps> {
  readonly #api: () => AsyncInvokeConfigApi;

  /** `api` is asked on the first call that needs the service, so `check` and `diff` work without credentials. */
  constructor(api: () => AsyncInvokeConfigApi) {
    let client: AsyncInvokeConfigApi | undefined;
    this.#api = () => (client ??= api());
  }

  async check(_olds: RawProps, news: RawProps): Promise<dynamic.CheckResult<RawProps>> {
    const { result, unknownPaths } = parseNews(news);
    if (!result.success) return { inputs: news, failures: result.error.issues.flatMap((issue) => toCheckFailures(issue, FAILURE_CONTEXT)) };
    // `adoptExisting: false` means nothing to FC; leaving it out keeps it out of Pulumi's input diffs after a refresh.
    const { adoptExisting, ...settings } = result.data;
    return { inputs: restoreUnknowns(adoptExisting === false ? settings : result.data, unknownPaths) };
  }

  async diff(_id: string, olds: RawProps, news: RawProps): Promise<dynamic.DiffResult> {
    const next = normalizeNews(news);
    let old: Record<string, unknown>;
    try {
      old = parseStateOutputs(withoutProvider(olds));
    } catch {
      return { changes: true, replaces: [], deleteBeforeReplace: false };
    }
    const differs = (key: string) => containsUnknown(next[key]) || !deepEqual(old[key], next[key]);
    const replaces = IDENTITY_KEYS.filter(differs);
    const updates = SETTING_KEYS.filter(differs);
    if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };
    if (updates.length === 0) return { changes: false, replaces: [], deleteBeforeReplace: false };
    // "Unknown" (no `changes`): the engine then lists the changed inputs itself, which are normalized alike.
    return { replaces: [], deleteBeforeReplace: false };
  }

  async create(inputs: RawProps): Promise<dynamic.CreateResult<AsyncInvokeConfigOutputs>> {
    const desired = AsyncInvokeConfigInputSchema.parse(prepareInput(withoutProvider(inputs)));
    const ref = refOf(desired);
    const api = this.#api();
    const existing = await getIfExists(api, ref);
    if (existing !== undefined && !desired.adoptExisting) throw existingConfig(ref, existing);
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

  async update(id: string, _olds: RawProps, news: RawProps): Promise<dynamic.UpdateResult<AsyncInvokeConfigOutputs>> {
    const desired = AsyncInvokeConfigInputSchema.parse(prepareInput(withoutProvider(news)));
    const live = await this.#api().putAsyncInvokeConfig(refOf(desired), putBody(desired));
    return { outs: verified(id, desired, live, false) };
  }

  async delete(id: string, props: RawProps): Promise<void> {
    try {
      await this.#api().deleteAsyncInvokeConfig(refFromState(id, props));
    } catch (error) {
      if (isNotFoundError(error) && GONE_CODES.has(error.code)) return;
      throw error;
    }
  }
}

// ---- entry point of the serialized thin provider (resource.ts)

export interface CreateProviderOptions {
  readonly env?: Environment;
  readonly defaultChain?: DefaultChain;
}

/** The calls of `api`, with a refused credential turned into `CredentialsRefusedError` (what to set, and `--run-program`), as for 2.0. */
export function explainingRefusedCredentials(api: AsyncInvokeConfigApi): AsyncInvokeConfigApi {
  const explain = (error: unknown): never => {
    if (isApiError(error) && error.status === 403 && CREDENTIAL_REFUSED_CODES.has(error.code)) throw new CredentialsRefusedError(error);
    throw error;
  };
  return {
    getAsyncInvokeConfig: (...args) => api.getAsyncInvokeConfig(...args).catch(explain),
    putAsyncInvokeConfig: (...args) => api.putAsyncInvokeConfig(...args).catch(explain),
    deleteAsyncInvokeConfig: (...args) => api.deleteAsyncInvokeConfig(...args).catch(explain),
  };
}

/** A provider reading endpoint and credentials from the stack config, then the environment, then the default chain (the 2.0 resource's keys). */
export function createProvider(config: ConfigSource | undefined, options: CreateProviderOptions = {}): AsyncInvokeConfigProvider {
  return new AsyncInvokeConfigProvider(() => {
    const source = config && tolerantConfig(config);
    const connection = resolveConnection({ config: source, ...options });
    const client = new Fc3Client({ endpoint: connection.endpoint, credentials: connection.credentials, retry: retryPolicyFromSettings(source, options.env), progress: stderrSink });
    return explainingRefusedCredentials(client);
  });
}

/** Called by the thin provider's `configure` with the stack config; credentials are resolved on first need and kept in memory only. */
export function configure(config: ConfigSource): ProviderMethods {
  return bindProviderMethods(createProvider(config));
}

// ---- helpers

function refOf(config: { functionName: string; qualifier: string }): ConfigAddress {
  return { functionName: config.functionName, qualifier: config.qualifier };
}

/**
 * `function:qualifier`: the qualifier is part of the id (unlike Terraform's fcv3 resource, whose id is the function
 * alone, so two qualifiers of one function collide). Names cannot contain `:`.
 */
export const CONFIG_ID = compositeId(["functionName", "qualifier"] as const);

export function idOf(ref: ConfigAddress): string {
  return CONFIG_ID.format(ref);
}

/** `function:qualifier`, or a bare function name (Terraform's id) for LATEST. */
export function parseId(id: string): ConfigAddress | undefined {
  if (id !== "" && !id.includes(":")) return { functionName: id, qualifier: DEFAULT_QUALIFIER };
  return CONFIG_ID.parse(id);
}

function refFromState(id: string, props: RawProps | undefined): ConfigAddress {
  const fromId = parseId(id);
  if (fromId !== undefined) return fromId;
  try {
    return refOf(parseStateOutputs(withoutProvider(props)));
  } catch {
    throw new Error(`cannot tell which FC 3.0 async invoke config the resource with id ${JSON.stringify(id)} refers to: expected function:qualifier`);
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

/**
 * The whole desired configuration. `destinationConfig` always goes, holding only the sides that are set (none:
 * `{}`), so it replaces the stored destinations as a whole without ever sending an empty side.
 */
export function putBody(desired: CheckedInputs): PutBody {
  const { onSuccess, onFailure } = desired.destinationConfig;
  return {
    asyncTask: desired.asyncTask,
    destinationConfig: { ...(onSuccess && { onSuccess: { destination: onSuccess.destination } }), ...(onFailure && { onFailure: { destination: onFailure.destination } }) },
    maxAsyncEventAgeInSeconds: desired.maxAsyncEventAgeInSeconds,
    maxAsyncRetryAttempts: desired.maxAsyncRetryAttempts,
  };
}

export function toOutputs(live: AsyncInvokeConfig, ref: ConfigAddress, adopted = false): AsyncInvokeConfigOutputs {
  return {
    schemaVersion: OUTPUTS_SCHEMA_VERSION,
    functionName: ref.functionName,
    qualifier: ref.qualifier,
    asyncTask: live.asyncTask,
    destinationConfig: live.destinationConfig,
    maxAsyncEventAgeInSeconds: live.maxAsyncEventAgeInSeconds,
    maxAsyncRetryAttempts: live.maxAsyncRetryAttempts,
    functionArn: live.functionArn,
    createdTime: live.createdTime,
    lastModifiedTime: live.lastModifiedTime,
    ...(adopted && { adoptExisting: true as const }),
  };
}

function toInputs(outputs: AsyncInvokeConfigOutputs): RawProps {
  const inputs: RawProps = {};
  for (const key of [...IDENTITY_KEYS, ...SETTING_KEYS]) inputs[key] = outputs[key];
  if (outputs.adoptExisting) inputs["adoptExisting"] = true;
  return inputs;
}

function verified(id: string, desired: CheckedInputs, live: AsyncInvokeConfig, recordLive: boolean): AsyncInvokeConfigOutputs {
  const outputs = toOutputs(live, refOf(desired), desired.adoptExisting);
  const mismatched = changedKeys(outputs, desired, SETTING_KEYS);
  if (mismatched.length > 0) {
    const reasons = mismatched.map((key) => `${key} is ${JSON.stringify(outputs[key])}, expected ${JSON.stringify(desired[key])}`);
    throw new ConfigNotAppliedError("FC 3.0", id, outputs, reasons, recordLive);
  }
  return outputs;
}

function parseNews(news: RawProps) {
  const prepared = prepareInput(withoutProvider(news));
  const { value, unknownPaths } = withPlaceholders(prepared, PLACEHOLDERS);
  return { prepared, unknownPaths, result: AsyncInvokeConfigInputSchema.safeParse(value) };
}

function normalizeNews(news: RawProps): Record<string, unknown> {
  const { prepared, unknownPaths, result } = parseNews(news);
  return result.success ? restoreUnknowns(result.data, unknownPaths) : (prepared as Record<string, unknown>);
}


// ---- unknowns during preview: validate everything else, keep the unknown as it is

const PLACEHOLDER_ARN = "acs:mns:cn-hangzhou:1:/queues/unknown/messages";
const PLACEHOLDERS: Record<string, unknown> = {
  functionName: "unknown",
  qualifier: DEFAULT_QUALIFIER,
  destinationConfig: {},
  onSuccess: { destination: PLACEHOLDER_ARN },
  onFailure: { destination: PLACEHOLDER_ARN },
  destination: PLACEHOLDER_ARN,
  maxAsyncEventAgeInSeconds: MAX_ASYNC_EVENT_AGE_IN_SECONDS.default,
  maxAsyncRetryAttempts: MAX_ASYNC_RETRY_ATTEMPTS.default,
  asyncTask: false,
  adoptExisting: false,
};

// ---- check failures: the property by its path, the reason with the allowed values

const FAILURE_CONTEXT = {
  resourceName: "fc3.AsyncInvokeConfig",
  allowedKeys: {
  "": Object.keys(AsyncInvokeConfigInputSchema.shape),
  destinationConfig: ["onSuccess", "onFailure"],
  "destinationConfig.onSuccess": ["destination"],
  "destinationConfig.onFailure": ["destination"],
  },
};
