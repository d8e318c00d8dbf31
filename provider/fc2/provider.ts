/**
 * The implementation behind `fc.FunctionAsyncInvokeConfig`, loaded at run time by the thin provider that Pulumi
 * serializes into state (resource.ts). Because it is loaded from the installed package, refresh and destroy always
 * run the current code, whatever release wrote the state.
 *
 * Method → API calls:
 * - `check`   none. Validates with zod, names the property and the allowed values, fills defaults.
 * - `diff`    none. Compares normalized values; serviceName / functionName / qualifier replace, the rest update.
 * - `create`  GetFunctionAsyncInvokeConfig, then PutFunctionAsyncInvokeConfig. An existing config is refused
 *             unless `adoptExisting` is set: create never silently takes over what someone else manages. One
 *             exception: a config that already holds exactly the desired values is taken as this resource's own
 *             create, interrupted after its Put and before Pulumi saved the result (a killed `pulumi up`, a lost
 *             connection); it is recorded without a Put. Someone else's config with other values is still refused.
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
import { tolerantConfig, type ConfigSource } from "../shared/config";
import { resolveConnection, type DefaultChain, type Environment } from "../shared/alicloud-credentials";
import { changedKeys, deepEqual } from "../shared/diff";
import { toCheckFailures } from "../shared/dynamic/check-failures";
import { ConfigNotAppliedError, ExistingConfigError } from "../shared/dynamic/errors";
import { bindProviderMethods, type ProviderMethods } from "../shared/dynamic/methods";
import { PROVIDER_KEY, withoutProvider, type RawProps } from "../shared/dynamic/props";
import { containsUnknown, restoreUnknowns, withPlaceholders } from "../shared/dynamic/unknowns";
import { isApiError, isNotFoundError } from "../shared/errors";
import { stderrSink } from "../shared/progress";
import { retryPolicyFromSettings } from "../shared/retry";
import { CONFIG_GONE_CODES } from "../../contracts/fc2";
import type { FcClient } from "./client";
import { idOf, parseId } from "./config-id";
import {
  DEFAULT_QUALIFIER,
  FunctionAsyncInvokeConfigInputSchema,
  IDENTITY_KEYS,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  SETTING_KEYS,
  STATEFUL_INVOCATION_DEFAULT,
  prepareInput,
  type CheckedInputs,
} from "./inputs";
import { OUTPUTS_SCHEMA_VERSION, parseStateOutputs, type FunctionAsyncInvokeConfigOutputs } from "./state";
import type { AsyncInvokeConfig, ConfigAddress, PutAsyncInvokeConfigBody } from "./wire";

export { ConfigNotAppliedError, ExistingConfigError } from "../shared/dynamic/errors";
export { UNKNOWN } from "../shared/dynamic/unknowns";
export { idOf, parseId } from "./config-id";

/** FC error codes that mean the config cannot exist any more. Any other 404 (a wrong endpoint, say) stays an error. */
export const GONE_CODES: ReadonlySet<string> = CONFIG_GONE_CODES;

/** The calls the provider makes; `FcClient` implements them. */
export type AsyncInvokeConfigApi = Pick<FcClient, "getAsyncInvokeConfig" | "putAsyncInvokeConfig" | "deleteAsyncInvokeConfig">;

/** FC error codes that mean the credentials were refused: a wrong, rotated, revoked or expired key. */
export const CREDENTIAL_REFUSED_CODES: ReadonlySet<string> = new Set([
  "InvalidAccessKeyID",
  "InvalidAccessKeyId",
  "InvalidAccessKeyId.NotFound",
  "InvalidAccessKeyId.Inactive",
  "SignatureNotMatch",
  "SignatureDoesNotMatch",
  "InvalidSecurityToken.Expired",
  "InvalidSecurityToken.Malformed",
]);

/**
 * FC refused the credentials. Says what to do, including the trap of a rotated key: `pulumi refresh` and
 * `pulumi destroy` configure the provider from the stack config recorded in state at the last update, not from
 * the current stack config, unless they run the program (`--run-program`).
 */
export class CredentialsRefusedError extends Error {
  readonly code: string;
  constructor(cause: { code: string; message: string }) {
    super(
      `${cause.message}\n` +
        "Function Compute refused the access key. If it is wrong, rotated or revoked, set the current one " +
        "(`pulumi config set --secret alicloud:accessKey <id>`, `pulumi config set --secret alicloud:secretKey <secret>`, and " +
        "alicloud:securityToken for STS; or the ALICLOUD_* environment variables), then run `pulumi refresh --run-program` or " +
        "`pulumi destroy --run-program`: without --run-program, refresh and destroy sign with the stack config saved in state by the " +
        "last `pulumi up` (running `pulumi up` once also saves the new key there).",
      { cause },
    );
    this.name = "CredentialsRefusedError";
    this.code = cause.code;
  }
}

/** The calls of `api`, with a refused credential turned into `CredentialsRefusedError`. */
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
      return { inputs: news, failures: result.error.issues.flatMap((issue) => toCheckFailures(issue, FAILURE_CONTEXT)) };
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
    if (existing !== undefined && !desired.adoptExisting) {
      // Our own interrupted create (or a retried one) left exactly what we want: recording it is idempotent.
      const outputs = toOutputs(existing, ref);
      if (changedKeys(outputs, desired, SETTING_KEYS).length === 0) return { id: idOf(ref), outs: outputs };
      throw existingConfig(ref, existing);
    }
    const live = await api.putAsyncInvokeConfig(ref, putBody(desired));
    try {
      return { id: idOf(ref), outs: verified(idOf(ref), desired, live, true) };
    } catch (error) {
      // The host records a partial failure's `properties` as the outputs, as they are: without `__provider`, a
      // later refresh or destroy of the resource would find no provider to run.
      if (error instanceof ConfigNotAppliedError && error.properties !== undefined && inputs[PROVIDER_KEY] !== undefined) {
        Object.assign(error.properties, { [PROVIDER_KEY]: inputs[PROVIDER_KEY] });
      }
      throw error;
    }
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
  return new FunctionAsyncInvokeConfigProvider(() => explainingRefusedCredentials(lazyClient(config, options)));
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
      const source = config && tolerantConfig(config);
      const connection = resolveConnection({ config: source, ...options });
      const { FcClient } = await import("./client.js");
      return new FcClient({
        endpoint: connection.endpoint,
        accountId: connection.accountId,
        credentials: connection.credentials,
        retry: retryPolicyFromSettings(source, options.env),
        progress: stderrSink,
      });
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

/**
 * Called through `../dynamic-provider.ts` by the serialized provider's `configure` with the stack config (secrets
 * decrypted). Nothing is resolved yet: endpoint and credentials are read on the first call that needs the service.
 */
export function configure(config: ConfigSource): ProviderMethods {
  return bindProviderMethods(createProvider(config));
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function refOf(config: { serviceName: string; functionName: string; qualifier: string }): ConfigAddress {
  return { serviceName: config.serviceName, functionName: config.functionName, qualifier: config.qualifier };
}

function existingConfig(ref: ConfigAddress, existing: AsyncInvokeConfig): ExistingConfigError<ConfigAddress> {
  const what = `service "${ref.serviceName}", function "${ref.functionName}", qualifier "${ref.qualifier}"`;
  return new ExistingConfigError(ref, what, existing.lastModifiedTime, "FunctionAsyncInvokeConfig");
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
    throw new ConfigNotAppliedError("FC", id, outputs, reasons, recordLive);
  }
  return outputs;
}

/** New inputs as `check` and `diff` read them: prepared, and parsed with placeholders standing in for unknowns. */
function parseNews(news: RawProps) {
  const prepared = prepareInput(withoutProvider(news));
  const { value, unknownPaths } = withPlaceholders(prepared, PLACEHOLDERS);
  return { prepared, unknownPaths, result: FunctionAsyncInvokeConfigInputSchema.safeParse(value) };
}

function normalizeNews(news: RawProps): Record<string, unknown> {
  const { prepared, unknownPaths, result } = parseNews(news);
  // `check` has already refused invalid inputs; compare whatever arrived rather than fail the diff.
  return result.success ? restoreUnknowns(result.data, unknownPaths) : (prepared as Record<string, unknown>);
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

// ---- check failures: the property by its path, the reason with the allowed values

const FAILURE_CONTEXT = {
  resourceName: "FunctionAsyncInvokeConfig",
  allowedKeys: {
    "": Object.keys(FunctionAsyncInvokeConfigInputSchema.shape),
    destinationConfig: ["onSuccess", "onFailure"],
    "destinationConfig.onSuccess": ["destination"],
    "destinationConfig.onFailure": ["destination"],
  },
};
