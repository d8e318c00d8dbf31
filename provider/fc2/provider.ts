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
import { tolerantConfig, type ConfigSource } from "../shared/config";
import { resolveConnection, type DefaultChain, type Environment } from "../alicloud/credentials";
import { explainingRefusedCredentials as explaining } from "../alicloud/credentials-refused";
import { lazyCalls } from "../shared/lazy-client";
import { DESTINATION_ALLOWED_KEYS, DESTINATION_PLACEHOLDERS } from "../alicloud/fc-inputs";
import { ConfigProvider, type ConfigResourceSpec } from "../shared/dynamic/config-provider";
import { ExistingConfigError } from "../shared/dynamic/errors";
import { bindProviderMethods, type ProviderMethods } from "../shared/dynamic/methods";
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
export { CREDENTIAL_REFUSED_CODES, CredentialsRefusedError } from "../alicloud/credentials-refused";
export { idOf, parseId } from "./config-id";

/** FC error codes that mean the config cannot exist any more. Any other 404 (a wrong endpoint, say) stays an error. */
export const GONE_CODES: ReadonlySet<string> = CONFIG_GONE_CODES;

/** The calls the provider makes; `FcClient` implements them. */
export type AsyncInvokeConfigApi = Pick<FcClient, "getAsyncInvokeConfig" | "putAsyncInvokeConfig" | "deleteAsyncInvokeConfig">;

/** The calls of `api`, with a refused credential turned into `CredentialsRefusedError`. */
export function explainingRefusedCredentials(api: AsyncInvokeConfigApi): AsyncInvokeConfigApi {
  return explaining(api);
}

export class FunctionAsyncInvokeConfigProvider extends ConfigProvider<ConfigAddress, CheckedInputs, PutAsyncInvokeConfigBody, AsyncInvokeConfig, FunctionAsyncInvokeConfigOutputs> {
  /** `api` is asked on the first call that needs the service, so `check` and `diff` work without credentials. */
  constructor(api: () => AsyncInvokeConfigApi) {
    super(FC2_CONFIG, api);
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
 * The calls of an `FcClient` made from the stack config, loaded on the first call (`shared/lazy-client.ts`): `check`
 * and `diff` (the only methods a no-op preview runs) never wait for the HTTP client to load. A failed set-up (no
 * account id, say) is not kept, so a later call reports it again.
 */
export function lazyClient(config: ConfigSource | undefined, options: CreateProviderOptions = {}): AsyncInvokeConfigApi {
  return lazyCalls(async () => {
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
  }, ["getAsyncInvokeConfig", "putAsyncInvokeConfig", "deleteAsyncInvokeConfig"]);
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

// ---- unknowns during preview: validate everything else, keep the unknown as it is

// Any valid value will do; the defaults are valid by construction.
const PLACEHOLDERS: Record<string, unknown> = {
  serviceName: "unknown",
  functionName: "unknown",
  qualifier: DEFAULT_QUALIFIER,
  ...DESTINATION_PLACEHOLDERS,
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
    ...DESTINATION_ALLOWED_KEYS,
  },
};

/** What FC 2.0's config resource is made of; the provider itself is `shared/dynamic/config-provider.ts`. */
const FC2_CONFIG: ConfigResourceSpec<ConfigAddress, CheckedInputs, PutAsyncInvokeConfigBody, AsyncInvokeConfig, FunctionAsyncInvokeConfigOutputs> = {
  service: "FC",
  configName: "async invoke config",
  idShape: "service:function:qualifier",
  schema: FunctionAsyncInvokeConfigInputSchema,
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
  existingError: (ref, existing) => {
    const what = `service "${ref.serviceName}", function "${ref.functionName}", qualifier "${ref.qualifier}"`;
    return new ExistingConfigError(ref, what, existing.lastModifiedTime, "FunctionAsyncInvokeConfig");
  },
  putBody,
  toOutputs,
  recordsInterruptedCreate: true,
};
