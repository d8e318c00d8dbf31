/**
 * Where FunctionGraph calls find region, project id, keys and endpoint — the names Huawei Cloud users already have.
 *
 * Per setting, first found wins: stack config (`huaweicloud:*`, as the Terraform/Pulumi huaweicloud providers name
 * them), then `HW_*` (Terraform's variables), then `HUAWEICLOUD_SDK_*` (the official SDK's). The access key and
 * its secret (and the STS token) always come from the same place. The endpoint is
 * `https://functiongraph.{region}.myhuaweicloud.com` unless `pulumi-async-invoke:functiongraphEndpoint` or
 * `FUNCTIONGRAPH_ENDPOINT` points elsewhere (an emulator). Errors name the settings, never a value.
 */
import { PROJECT_ID, PROJECT_ID_RULE, REGION } from "../../contracts/functiongraph";
import type { ConfigSource, Environment } from "../shared/config";

export const CONFIG_KEYS = {
  region: "huaweicloud:region",
  accessKey: "huaweicloud:access_key",
  secretKey: "huaweicloud:secret_key",
  securityToken: "huaweicloud:security_token",
  projectId: "huaweicloud:project_id",
  endpoint: "pulumi-async-invoke:functiongraphEndpoint",
} as const;

/** The stack config keys above that hold credentials (`huaweicloud:*`): each must be set with `--secret`. */
export const CREDENTIAL_CONFIG_KEYS = [CONFIG_KEYS.accessKey, CONFIG_KEYS.secretKey, CONFIG_KEYS.securityToken] as const;

export const ENV_KEYS = {
  region: ["HW_REGION_NAME", "HUAWEICLOUD_SDK_REGION"],
  accessKey: ["HW_ACCESS_KEY", "HUAWEICLOUD_SDK_AK"],
  secretKey: ["HW_SECRET_KEY", "HUAWEICLOUD_SDK_SK"],
  securityToken: ["HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN"],
  projectId: ["HW_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"],
  endpoint: ["FUNCTIONGRAPH_ENDPOINT"],
} as const;

export type { ConfigSource, Environment } from "../shared/config";

export interface FgCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly securityToken?: string | undefined;
}

export interface FgConnection {
  readonly endpoint: string;
  readonly region: string;
  readonly projectId: string;
  /** `stack config`, `environment (HW_*)` or `environment (HUAWEICLOUD_SDK_*)`. */
  readonly credentialSource: string;
  readonly credentials: FgCredentials;
}

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationError";
  }
}

const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());

export function resolveConnection(options: { config?: ConfigSource | undefined; env?: Environment | undefined } = {}): FgConnection {
  const config = options.config;
  const env = options.env ?? process.env;
  const setting = (key: keyof typeof CONFIG_KEYS): string | undefined => {
    const fromConfig = nonEmpty(config?.get(CONFIG_KEYS[key]));
    if (fromConfig !== undefined) return fromConfig;
    for (const name of ENV_KEYS[key]) {
      const value = nonEmpty(env[name]);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const names = (key: keyof typeof CONFIG_KEYS) => [CONFIG_KEYS[key], ...ENV_KEYS[key]].join(", ");

  const region = setting("region");
  if (region === undefined) throw new ConfigurationError(`no region: set ${names("region")}`);
  if (!REGION.test(region)) throw new ConfigurationError(`${CONFIG_KEYS.region} (or ${ENV_KEYS.region[0]}) must be a region id such as cn-north-4`);
  const projectId = setting("projectId");
  if (projectId === undefined) throw new ConfigurationError(`no project id: set ${names("projectId")} (the project of ${CONFIG_KEYS.region} in IAM)`);
  if (!PROJECT_ID.test(projectId)) throw new ConfigurationError(`${CONFIG_KEYS.projectId} (or ${ENV_KEYS.projectId[0]}) ${PROJECT_ID_RULE}`);

  const endpointText = setting("endpoint") ?? `https://functiongraph.${region}.myhuaweicloud.com`;
  let endpoint: URL;
  try {
    endpoint = new URL(endpointText);
  } catch {
    throw new ConfigurationError(`${CONFIG_KEYS.endpoint} (or ${ENV_KEYS.endpoint[0]}) must be an http(s) URL`);
  }
  if (endpoint.protocol !== "http:" && endpoint.protocol !== "https:") {
    throw new ConfigurationError(`${CONFIG_KEYS.endpoint} (or ${ENV_KEYS.endpoint[0]}) must be an http(s) URL`);
  }

  const picked = pickKeys(config, env);
  return { endpoint: endpoint.origin, region, projectId, ...picked };
}

/** The keys as a set from one place: stack config, then HW_*, then HUAWEICLOUD_SDK_*. */
function pickKeys(config: ConfigSource | undefined, env: Environment): { credentialSource: string; credentials: FgCredentials } {
  const sources: { label: string; ak: string | undefined; sk: string | undefined; token: string | undefined; akName: string; skName: string }[] = [
    { label: "stack config", ak: nonEmpty(config?.get(CONFIG_KEYS.accessKey)), sk: nonEmpty(config?.get(CONFIG_KEYS.secretKey)), token: nonEmpty(config?.get(CONFIG_KEYS.securityToken)), akName: CONFIG_KEYS.accessKey, skName: CONFIG_KEYS.secretKey },
    { label: "environment (HW_*)", ak: nonEmpty(env["HW_ACCESS_KEY"]), sk: nonEmpty(env["HW_SECRET_KEY"]), token: nonEmpty(env["HW_SECURITY_TOKEN"]), akName: "HW_ACCESS_KEY", skName: "HW_SECRET_KEY" },
    { label: "environment (HUAWEICLOUD_SDK_*)", ak: nonEmpty(env["HUAWEICLOUD_SDK_AK"]), sk: nonEmpty(env["HUAWEICLOUD_SDK_SK"]), token: nonEmpty(env["HUAWEICLOUD_SDK_SECURITY_TOKEN"]), akName: "HUAWEICLOUD_SDK_AK", skName: "HUAWEICLOUD_SDK_SK" },
  ];
  for (const s of sources) {
    if (s.ak === undefined && s.sk === undefined) continue;
    if (s.ak === undefined || s.sk === undefined) {
      const [present, missing] = s.ak === undefined ? [s.skName, s.akName] : [s.akName, s.skName];
      throw new ConfigurationError(`${present} is set but ${missing} is not; set both (in the stack config, the secret with --secret)`);
    }
    return { credentialSource: s.label, credentials: { accessKey: s.ak, secretKey: s.sk, ...(s.token !== undefined && { securityToken: s.token }) } };
  }
  throw new ConfigurationError(
    `no FunctionGraph credentials: set ${CONFIG_KEYS.accessKey} and ${CONFIG_KEYS.secretKey} (pulumi config set --secret), or HW_ACCESS_KEY and HW_SECRET_KEY, or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK`,
  );
}
