// How the Function Compute (2.0 and 3.0) read functions reach the API: the options a script may pass, and the
// connection and client settings they come to (explicit options, then stack config, then environment, then
// Alibaba's default credential chain).
import type { Dispatcher } from "undici";
import { CONFIG_KEYS, resolveConnection, type Environment, type FcConnection, type SigningCredentials } from "./credentials";
import { explicitFirst } from "../shared/read-functions";
import { retryPolicyFromSettings } from "../shared/retry";
import type { TransportOptions } from "../shared/transport";

/** How to reach FC. Every member is optional; what is left out comes from the stack config, then the environment. */
export interface FcReadOptions<Client> {
  /** FC API origin, e.g. an emulator's `http://127.0.0.1:PORT`. Default `https://{accountId}.{region}.fc.aliyuncs.com`. */
  readonly endpoint?: string | undefined;
  /** The Alibaba Cloud account id. */
  readonly accountId?: string | undefined;
  /** Region id, e.g. `cn-hangzhou`; only used to build the default endpoint. */
  readonly region?: string | undefined;
  /** Explicit keys; otherwise stack config, environment, then the default credential chain. */
  readonly credentials?: SigningCredentials | undefined;
  /** A ready client; when given, every other connection option is ignored. */
  readonly client?: Client | undefined;
  /** Cancels the call, retries and pagination included. */
  readonly signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms (each retry gets its own). Default 15000. */
  readonly timeoutMs?: number | undefined;
  /** Transport override (an undici `MockAgent` in tests). */
  readonly dispatcher?: Dispatcher | undefined;
  /** Environment to read instead of `process.env`. */
  readonly env?: Environment | undefined;
}

/** The connection `options` come to, and the transport settings (retry budget, timeout, dispatcher) for its client. */
export function fcReadSettings(options: FcReadOptions<unknown>): { connection: FcConnection; transport: TransportOptions } {
  const explicit: Record<string, string | undefined> = {
    [CONFIG_KEYS.fcEndpoint]: options.endpoint,
    [CONFIG_KEYS.accountId]: options.accountId,
    [CONFIG_KEYS.region]: options.region,
    [CONFIG_KEYS.accessKey]: options.credentials?.accessKeyId,
    [CONFIG_KEYS.secretKey]: options.credentials?.accessKeySecret,
    [CONFIG_KEYS.securityToken]: options.credentials?.securityToken,
  };
  const keys = [CONFIG_KEYS.accessKey, CONFIG_KEYS.secretKey, CONFIG_KEYS.securityToken];
  const config = explicitFirst(explicit, keys, options.credentials !== undefined);
  const connection = resolveConnection({ config, ...(options.env !== undefined && { env: options.env }) });
  return {
    connection,
    transport: {
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      ...(options.dispatcher !== undefined && { dispatcher: options.dispatcher }),
      retry: retryPolicyFromSettings(config, options.env),
    },
  };
}
