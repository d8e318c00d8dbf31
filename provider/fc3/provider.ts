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
import { DEFAULT_QUALIFIER, GONE_CODES, MAX_ASYNC_EVENT_AGE_IN_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS } from "../../contracts/fc3";
import { resolveConnection, type DefaultChain, type Environment } from "../alicloud/credentials";
import { tolerantConfig, type ConfigSource } from "../shared/config";
import { explainingRefusedCredentials as explaining } from "../alicloud/credentials-refused";
import { lazyCalls } from "../shared/lazy-client";
import { DESTINATION_ALLOWED_KEYS, DESTINATION_PLACEHOLDERS } from "../alicloud/fc-inputs";
import { ConfigProvider, type ConfigResourceSpec } from "../shared/dynamic/config-provider";
import { ExistingConfigError } from "../shared/dynamic/errors";
import { bindProviderMethods, type ProviderMethods } from "../shared/dynamic/methods";
import { compositeId } from "../shared/resource-id";
import { stderrSink } from "../shared/progress";
import { retryPolicyFromSettings } from "../shared/retry";
import type { Fc3Client } from "./client";
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

export class AsyncInvokeConfigProvider extends ConfigProvider<ConfigAddress, CheckedInputs, PutBody, AsyncInvokeConfig, AsyncInvokeConfigOutputs> {
  /** `api` is asked on the first call that needs the service, so `check` and `diff` work without credentials. */
  constructor(api: () => AsyncInvokeConfigApi) {
    super(FC3_CONFIG, api);
  }
}

// ---- entry point of the serialized thin provider (resource.ts)

export interface CreateProviderOptions {
  readonly env?: Environment;
  readonly defaultChain?: DefaultChain;
}

/** The calls of `api`, with a refused credential turned into `CredentialsRefusedError` (what to set, and `--run-program`), as for 2.0. */
export function explainingRefusedCredentials(api: AsyncInvokeConfigApi): AsyncInvokeConfigApi {
  return explaining(api);
}

/**
 * The FC 3.0 client as this resource and the batch connect it: endpoint and credentials from the stack config, then
 * the environment, then the default chain (the 2.0 resource's keys); the retry policy from
 * `pulumi-async-invoke:retry*`; a refused key explained. Call it when the first API call needs it.
 */
export function connectFc3(config: ConfigSource | undefined, options: CreateProviderOptions = {}): AsyncInvokeConfigApi {
  const source = config && tolerantConfig(config);
  const connection = resolveConnection({ config: source, ...options });
  // The client's modules load on its first call (shared/lazy-client.ts): `check` and `diff` never wait for them.
  const client = lazyCalls(async () => {
    const { Fc3Client } = await import("./client.js");
    return new Fc3Client({ endpoint: connection.endpoint, credentials: connection.credentials, retry: retryPolicyFromSettings(source, options.env), progress: stderrSink });
  }, ["getAsyncInvokeConfig", "putAsyncInvokeConfig", "deleteAsyncInvokeConfig"]);
  return explainingRefusedCredentials(client);
}

/** A provider whose client is connected (`connectFc3`) on the first call that needs it. */
export function createProvider(config: ConfigSource | undefined, options: CreateProviderOptions = {}): AsyncInvokeConfigProvider {
  return new AsyncInvokeConfigProvider(() => connectFc3(config, options));
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

// ---- unknowns during preview: validate everything else, keep the unknown as it is

const PLACEHOLDERS: Record<string, unknown> = {
  functionName: "unknown",
  qualifier: DEFAULT_QUALIFIER,
  ...DESTINATION_PLACEHOLDERS,
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
    ...DESTINATION_ALLOWED_KEYS,
  },
};

/** What FC 3.0's config resource is made of; the provider itself is `shared/dynamic/config-provider.ts`. */
const FC3_CONFIG: ConfigResourceSpec<ConfigAddress, CheckedInputs, PutBody, AsyncInvokeConfig, AsyncInvokeConfigOutputs> = {
  service: "FC 3.0",
  configName: "FC 3.0 async invoke config",
  idShape: "function:qualifier",
  schema: AsyncInvokeConfigInputSchema,
  prepareInput,
  placeholders: PLACEHOLDERS,
  failureContext: FAILURE_CONTEXT,
  identityKeys: IDENTITY_KEYS,
  settingKeys: SETTING_KEYS,
  goneCodes: GONE_CODES,
  parseStateOutputs,
  refOf,
  idOf,
  parseId,
  existingError: (ref, existing) =>
    new ExistingConfigError(ref, `FC 3.0 function "${ref.functionName}", qualifier "${ref.qualifier}"`, existing.lastModifiedTime, "fc3.AsyncInvokeConfig"),
  putBody,
  toOutputs,
  recordsInterruptedCreate: true,
};
