/**
 * The plugin's own configuration (`asyncinvoke:*`): its keys, which of them are credentials, and the translation
 * to the settings the dynamic resources read (`alicloud:*`, `huaweicloud:*`, `pulumi-async-invoke:*`), so the
 * one resolution of endpoints and credentials (`alicloud/credentials.ts`, `functiongraph/credentials.ts`)
 * serves both: anything left out falls back to the same environment variables and credential chains.
 *
 * A provider's configuration is that provider resource's inputs, kept in state: a credential that arrives as plain
 * text would be written there unencrypted, so `checkProviderConfig` refuses it before anything is stored.
 */
import { CONFIG_KEYS as ALICLOUD_KEYS } from "../alicloud/credentials";
import type { ConfigSource } from "../shared/config";
import { RETRY_BUDGET_CONFIG_KEY } from "../shared/retry";
import { CONFIG_KEYS as HUAWEI_KEYS } from "../functiongraph/credentials";

/** The package name: config namespace, token prefix and plugin name (`pulumi-resource-asyncinvoke`). */
export const PACKAGE = "asyncinvoke";

export interface ConfigKey {
  /** The setting read by the dynamic resources' connection code. */
  readonly target: string;
  readonly description: string;
  /** A credential: marked secret in the schema and refused as plain text. */
  readonly secret?: true;
}

/** `asyncinvoke:<name>` → the setting it stands for. */
export const CONFIG: Readonly<Record<string, ConfigKey>> = {
  accessKey: { target: ALICLOUD_KEYS.accessKey, secret: true, description: "Alibaba Cloud AccessKey id (FC 2.0 and 3.0). Falls back to ALICLOUD_ACCESS_KEY / ALIBABA_CLOUD_ACCESS_KEY_ID, then Alibaba's default credential chain." },
  secretKey: { target: ALICLOUD_KEYS.secretKey, secret: true, description: "Alibaba Cloud AccessKey secret. Falls back to ALICLOUD_SECRET_KEY / ALIBABA_CLOUD_ACCESS_KEY_SECRET, then the default credential chain." },
  securityToken: { target: ALICLOUD_KEYS.securityToken, secret: true, description: "Alibaba Cloud STS token, with temporary keys. Falls back to ALICLOUD_SECURITY_TOKEN / ALIBABA_CLOUD_SECURITY_TOKEN." },
  region: { target: ALICLOUD_KEYS.region, description: "Alibaba Cloud region id, e.g. cn-hangzhou (builds the FC endpoint). Falls back to ALICLOUD_REGION / ALIBABA_CLOUD_REGION." },
  accountId: { target: ALICLOUD_KEYS.accountId, description: "Alibaba Cloud account id (FC endpoints and signatures need it). Falls back to ALICLOUD_ACCOUNT_ID / ALIBABA_CLOUD_ACCOUNT_ID." },
  fcEndpoint: { target: ALICLOUD_KEYS.fcEndpoint, description: "FC API origin instead of https://{accountId}.{region}.fc.aliyuncs.com, e.g. an emulator's http://127.0.0.1:9000. Falls back to FC_ENDPOINT." },
  huaweicloudRegion: { target: HUAWEI_KEYS.region, description: "Huawei Cloud region id, e.g. cn-north-4 (FunctionGraph). Falls back to HW_REGION_NAME / HUAWEICLOUD_SDK_REGION." },
  huaweicloudProjectId: { target: HUAWEI_KEYS.projectId, description: "Huawei Cloud project id of the region. Falls back to HW_PROJECT_ID / HUAWEICLOUD_SDK_PROJECT_ID." },
  huaweicloudAccessKey: { target: HUAWEI_KEYS.accessKey, secret: true, description: "Huawei Cloud access key (AK). Falls back to HW_ACCESS_KEY / HUAWEICLOUD_SDK_AK." },
  huaweicloudSecretKey: { target: HUAWEI_KEYS.secretKey, secret: true, description: "Huawei Cloud secret key (SK). Falls back to HW_SECRET_KEY / HUAWEICLOUD_SDK_SK." },
  huaweicloudSecurityToken: { target: HUAWEI_KEYS.securityToken, secret: true, description: "Huawei Cloud STS token, with temporary keys. Falls back to HW_SECURITY_TOKEN / HUAWEICLOUD_SDK_SECURITY_TOKEN." },
  functiongraphEndpoint: { target: HUAWEI_KEYS.endpoint, description: "FunctionGraph API origin instead of https://functiongraph.{region}.myhuaweicloud.com (an emulator). Falls back to FUNCTIONGRAPH_ENDPOINT." },
  retryBudgetSeconds: { target: RETRY_BUDGET_CONFIG_KEY, description: "Time budget of each API call's retries, whole seconds 0–3600 (0 turns retries off); default 300. Falls back to PULUMI_ASYNC_INVOKE_RETRY_BUDGET_SECONDS." },
};

/** The names of the credential keys. */
export const SECRET_KEYS: readonly string[] = Object.entries(CONFIG).filter(([, key]) => key.secret).map(([name]) => name);

/** A provider configuration value as the engine sends it: plain, or wrapped as a secret. */
export type ConfigValue = { readonly value: unknown; readonly secret: boolean };

/** A failure in the CheckConfig sense: the property and why. */
export interface ConfigFailure {
  readonly property: string;
  readonly reason: string;
}

/**
 * Refuses unknown keys (naming the known ones), non-string values, and — with `plaintext` — credentials given as
 * plain text (naming the command that sets them as secrets). Never quotes a value.
 *
 * The engine strips secrets from what it sends CheckConfig (every value arrives plain there), and keeps them in
 * what it sends Configure: so CheckConfig checks keys and types, and Configure, which runs before the provider
 * resource is recorded and before any call, refuses plain-text credentials.
 */
export function checkProviderConfig(values: Readonly<Record<string, ConfigValue>>, { plaintext }: { plaintext: boolean }): ConfigFailure[] {
  const failures: ConfigFailure[] = [];
  for (const [name, { value, secret }] of Object.entries(values)) {
    if (name === "version" || name.startsWith("__")) continue; // the engine's own members of a provider's inputs
    const key = Object.hasOwn(CONFIG, name) ? CONFIG[name] : undefined;
    if (key === undefined) {
      failures.push({ property: name, reason: `${PACKAGE}:${name} is not a setting of this provider; the settings are ${Object.keys(CONFIG).join(", ")}` });
      continue;
    }
    if (value === null || value === undefined) continue;
    // A YAML program or a config file may type a numeric id (accountId, retryBudgetSeconds) as a number.
    if (typeof value !== "string" && !(typeof value === "number" && Number.isSafeInteger(value) && !key.secret)) {
      failures.push({ property: name, reason: `${PACKAGE}:${name} must be a string${typeof value === "number" ? " (quote it: this number is not an exact integer)" : ""}` });
      continue;
    }
    if (plaintext && key.secret && !secret && value !== "") {
      failures.push({
        property: name,
        reason:
          `${PACKAGE}:${name} is a credential given as plain text: the engine would store it unencrypted in the stack's state. ` +
          `Set it as a secret (\`pulumi config set --secret ${PACKAGE}:${name} <value>\`, or pulumi.secret(...) / a secret input on an explicit provider), ` +
          `or leave it out and use the environment variables instead`,
      });
    }
  }
  return failures;
}

/**
 * The settings the dynamic resources' connection code reads (by their own keys), from this provider's
 * configuration. Keys not given read as unset, so the environment and credential chains answer.
 */
export function configSource(values: Readonly<Record<string, ConfigValue>>): ConfigSource {
  const byTarget = new Map<string, string>();
  for (const [name, key] of Object.entries(CONFIG)) {
    const value = values[name]?.value;
    if (typeof value === "string" && value !== "") byTarget.set(key.target, value);
    else if (typeof value === "number") byTarget.set(key.target, String(value));
  }
  return { get: (key) => byTarget.get(key) };
}

/** Raised by Configure for credentials given as plain text; the message lists each failure. */
export class PlaintextCredentialsError extends Error {
  constructor(failures: readonly ConfigFailure[]) {
    super(failures.map((failure) => failure.reason).join("\n"));
    this.name = "PlaintextCredentialsError";
  }
}
