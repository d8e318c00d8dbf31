/**
 * Where every Alibaba Cloud API's provider and functions (FC 2.0, FC 3.0) find the FC endpoint and the credentials
 * to sign with.
 *
 * Order, per setting: the Pulumi stack config (the keys `@pulumi/alicloud` users already have, plus the account id and
 * an endpoint override), then environment variables, then — for the keys only — Alibaba's default credential chain
 * (`@alicloud/credentials`: `ALIBABA_CLOUD_*` variables, the shared credentials file, ECS RAM role, OIDC).
 *
 * An access key and its secret always come from the same place, so a key from the stack is never paired with a
 * secret from the environment. Resolution of the keys is lazy: `check` and `diff` never need them, and a program
 * without credentials can still be previewed until a call is due. No value resolved here is ever put in an error
 * message; errors name the settings to provide instead.
 */
import { z } from "zod";
import { ACCOUNT_ID_PATTERN, ACCOUNT_ID_RULE, REGION_ID_PATTERN, REGION_ID_RULE } from "../../contracts/alicloud";
import { fcPublicOrigin } from "../../contracts/fc2/endpoint";
import type { ConfigSource, Environment } from "../shared/config";

/** Re-exported: the stack config and environment this module reads. */
export type { ConfigSource, Environment } from "../shared/config";

/** An Alibaba Cloud AccessKey pair, with the STS token when it is temporary. Kept in memory only. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Present for STS credentials; sent as a security-token header and therefore signed. */
  readonly securityToken?: string | undefined;
}

/** Stack config keys read, fully qualified. */
export const CONFIG_KEYS = {
  accessKey: "alicloud:accessKey",
  secretKey: "alicloud:secretKey",
  securityToken: "alicloud:securityToken",
  region: "alicloud:region",
  accountId: "alicloud:accountId",
  fcEndpoint: "pulumi-async-invoke:fcEndpoint",
} as const;

/** The stack config keys above that hold credentials (FC 2.0 and 3.0 read the same): each must be set with `--secret`. */
export const CREDENTIAL_CONFIG_KEYS = [CONFIG_KEYS.accessKey, CONFIG_KEYS.secretKey, CONFIG_KEYS.securityToken] as const;

/** Environment variables read, in order of preference for each setting. */
export const ENV_KEYS = {
  accessKey: ["ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID"],
  secretKey: ["ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
  securityToken: ["ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN"],
  region: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"],
  accountId: ["ALICLOUD_ACCOUNT_ID", "ALIBABA_CLOUD_ACCOUNT_ID"],
  fcEndpoint: ["FC_ENDPOINT"],
} as const;

/** Asks Alibaba's default credential chain; injectable so tests never touch the ECS metadata service. */
export type DefaultChain = () => Promise<SigningCredentials>;

/** What a client needs, with credentials fetched on demand. */
export interface FcConnection {
  /** Origin of the FC API. */
  readonly endpoint: string;
  readonly accountId: string;
  readonly region: string | undefined;
  /** Where the keys come from, for messages and logs: e.g. `stack config`, `environment (ALICLOUD_*)`, `default credential chain`. */
  readonly credentialSource: string;
  /** Resolves the signing credentials; cached for static keys, asked again each time for the default chain (it refreshes). */
  readonly credentials: () => Promise<SigningCredentials>;
}

/** A setting is missing or malformed. The message names the keys to set and never contains a value. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationError";
  }
}

const EndpointSchema = z
  .url({ protocol: /^https?$/ })
  .refine((value) => {
    const url = new URL(value);
    return (url.pathname === "/" || url.pathname === "") && url.search === "" && url.hash === "";
  });

const AccountIdSchema = z.string().regex(ACCOUNT_ID_PATTERN);
const RegionSchema = z.string().regex(REGION_ID_PATTERN);

/** Where `resolveConnection` reads from; tests inject `env` and `defaultChain`. */
export interface ResolveOptions {
  /** Stack config; omitted in plain scripts. */
  readonly config?: ConfigSource | undefined;
  /** Default `process.env`. */
  readonly env?: Environment;
  /** Default: `@alicloud/credentials`' default chain. */
  readonly defaultChain?: DefaultChain;
}

/** Settles endpoint, account and where the keys come from. Throws `ConfigurationError` naming what to set. */
export function resolveConnection(options: ResolveOptions = {}): FcConnection {
  const env = options.env ?? process.env;
  const fromConfig = (key: keyof typeof CONFIG_KEYS): string | undefined => nonEmpty(options.config?.get(CONFIG_KEYS[key]));
  const fromEnv = (key: keyof typeof ENV_KEYS): string | undefined => {
    for (const name of ENV_KEYS[key]) {
      const value = nonEmpty(env[name]);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const setting = (key: keyof typeof CONFIG_KEYS) => fromConfig(key) ?? fromEnv(key);

  const accountId = setting("accountId");
  if (accountId === undefined) {
    throw new ConfigurationError(
      `The Alibaba Cloud account id is not set. FC endpoints and signatures need it: run \`pulumi config set ${CONFIG_KEYS.accountId} <id>\` ` +
        `or set ${ENV_KEYS.accountId.join(" or ")}.`,
    );
  }
  if (!AccountIdSchema.safeParse(accountId).success) {
    throw new ConfigurationError(`${CONFIG_KEYS.accountId} (or ${ENV_KEYS.accountId[0]}) must be ${ACCOUNT_ID_RULE}.`);
  }

  const region = setting("region");
  if (region !== undefined && !RegionSchema.safeParse(region).success) {
    throw new ConfigurationError(`${CONFIG_KEYS.region} (or ${ENV_KEYS.region[0]}) must be ${REGION_ID_RULE}.`);
  }

  let endpoint = setting("fcEndpoint");
  if (endpoint !== undefined) {
    if (!EndpointSchema.safeParse(endpoint).success) {
      throw new ConfigurationError(
        `${CONFIG_KEYS.fcEndpoint} (or FC_ENDPOINT) must be an http(s) origin without a path, e.g. http://127.0.0.1:9000.`,
      );
    }
    endpoint = new URL(endpoint).origin;
  } else {
    if (region === undefined) {
      throw new ConfigurationError(
        `The Alibaba Cloud region is not set: run \`pulumi config set ${CONFIG_KEYS.region} <region>\` (e.g. cn-hangzhou) or set ${ENV_KEYS.region.join(" or ")}; ` +
          `or point ${CONFIG_KEYS.fcEndpoint} at an FC endpoint.`,
      );
    }
    endpoint = fcPublicOrigin(accountId, region);
  }

  const keys = pickKeys(fromConfig, fromEnv);
  if (keys !== undefined) {
    const credentials: SigningCredentials = Object.freeze({
      accessKeyId: keys.accessKeyId,
      accessKeySecret: keys.accessKeySecret,
      ...(keys.securityToken !== undefined && { securityToken: keys.securityToken }),
    });
    return { endpoint, accountId, region, credentialSource: keys.source, credentials: async () => credentials };
  }

  const chain = options.defaultChain ?? alibabaDefaultChain;
  return {
    endpoint,
    accountId,
    region,
    credentialSource: "default credential chain",
    credentials: async () => {
      try {
        return await chain();
      } catch (error) {
        throw new ConfigurationError(
          `No Alibaba Cloud credentials found. Set them in the stack (\`pulumi config set ${CONFIG_KEYS.accessKey} <id>\`, ` +
            `\`pulumi config set --secret ${CONFIG_KEYS.secretKey} <secret>\`, and ${CONFIG_KEYS.securityToken} for STS), ` +
            `or in the environment (${ENV_KEYS.accessKey[0]}/${ENV_KEYS.secretKey[0]}), or for Alibaba's default credential chain ` +
            `(ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, ~/.alibabacloud/credentials, ECS RAM role). ` +
            `The chain said: ${chainReason(error)}`,
        );
      }
    },
  };
}

interface Keys {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string | undefined;
  readonly source: string;
}

function pickKeys(
  fromConfig: (key: keyof typeof CONFIG_KEYS) => string | undefined,
  fromEnv: (key: keyof typeof ENV_KEYS) => string | undefined,
): Keys | undefined {
  const configKey = fromConfig("accessKey");
  const configSecret = fromConfig("secretKey");
  if (configKey !== undefined || configSecret !== undefined) {
    if (configKey === undefined || configSecret === undefined) {
      const missing = configKey === undefined ? CONFIG_KEYS.accessKey : CONFIG_KEYS.secretKey;
      const present = configKey === undefined ? CONFIG_KEYS.secretKey : CONFIG_KEYS.accessKey;
      throw new ConfigurationError(`${present} is set in the stack config but ${missing} is not; set both (the secret with --secret).`);
    }
    return { accessKeyId: configKey, accessKeySecret: configSecret, securityToken: fromConfig("securityToken"), source: "stack config" };
  }
  const envKey = fromEnv("accessKey");
  const envSecret = fromEnv("secretKey");
  if (envKey !== undefined || envSecret !== undefined) {
    if (envKey === undefined || envSecret === undefined) {
      throw new ConfigurationError(
        `Only one of the access key id and secret is set in the environment; set both (${ENV_KEYS.accessKey.join(" or ")} and ${ENV_KEYS.secretKey.join(" or ")}).`,
      );
    }
    return { accessKeyId: envKey, accessKeySecret: envSecret, securityToken: fromEnv("securityToken"), source: "environment" };
  }
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/**
 * The chain's own explanation (which sources it tried), cut short and scrubbed: some of its providers quote a
 * whole service response in their errors (CloudSSO, OAuth, the ECS RAM role's STS call), and such a body can
 * hold a key or a token. Values of credential-like fields and long opaque strings are masked; environment
 * variable names (upper case with underscores) and paths stay readable.
 */
export function chainReason(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error))
    .replace(CREDENTIAL_FIELD, (_match, name: string) => `${name}[redacted]`)
    .replace(OPAQUE_STRING, "[redacted]");
  return text.length > 400 ? `${text.slice(0, 397)}...` : text;
}

// `"AccessKeySecret": "…"`, `security_token=…`, `Token: …` and the like: the name is kept, the value masked.
const CREDENTIAL_FIELD = /("?(?:access_?key_?(?:id|secret)|security_?token|access_?token|refresh_?token|token|secret|password)"?\s*[:=]\s*)"?[^",}\s]*"?/gi;
// Keys, secrets and tokens are long runs of letters, digits and base64 punctuation.
const OPAQUE_STRING = /[A-Za-z0-9+/=]{20,}/g;

let defaultCredential: { getCredential(): Promise<{ accessKeyId?: string; accessKeySecret?: string; securityToken?: string }> } | undefined;

/** `@alicloud/credentials`' default chain, loaded on first use (it is only needed when nothing else is configured). */
export const alibabaDefaultChain: DefaultChain = async () => {
  if (defaultCredential === undefined) {
    // Loaded lazily: most runs never need it, and it pulls in a large dependency tree.
    const module = require("@alicloud/credentials") as { default: new () => NonNullable<typeof defaultCredential> };
    defaultCredential = new module.default();
  }
  const credential = await defaultCredential.getCredential();
  if (!credential.accessKeyId || !credential.accessKeySecret) throw new Error("the chain returned no access key");
  return {
    accessKeyId: credential.accessKeyId,
    accessKeySecret: credential.accessKeySecret,
    ...(credential.securityToken ? { securityToken: credential.securityToken } : {}),
  };
};
