/**
 * What one cloud API hands the rest of the package: its descriptor, exported by `provider/<api>/api.ts` and listed
 * once in `apis.ts`. Everything that used to dispatch per API reads the list instead: the serialized provider
 * (`dynamic-provider.ts`, by `configType`), the policy component and its stack-config reader (by `targetKind`), the
 * batch (routing by `keyPrefix`, `batchAdapter`, `settingDefaults`) and the plaintext-credential refusal
 * (`credentialKeys`).
 *
 * An API folder imports this type (and the modules it names), never `apis.ts`, the policy or another API's folder.
 */
import type { z } from "zod";
import type { TargetAdapter } from "./policy/batch";
import type { PolicyTargetKind } from "./policy/policy-target";
import type { ConfigSource, Environment } from "./shared/config";
import type { ProviderMethods } from "./shared/dynamic/methods";
import type { ResourceType } from "./shared/dynamic/resource-type";

/** What a test may inject when an adapter connects: the environment, and the default credential chain of the API that has one. */
export interface ConnectOptions {
  readonly env?: Environment;
  readonly defaultChain?: unknown;
}

export interface ApiDescriptor<Api extends string = string> {
  /** The value of a policy target's `api`, and the key of the policy's `destinations`: `fc2`, `fc3`, `functiongraph`. */
  readonly api: Api;
  /** How messages name the API: `FC 2.0`, `FC 3.0`, `FunctionGraph`. */
  readonly title: string;
  /** The per-config resource's type token (`fc3:AsyncInvokeConfig`); never changed once released (state holds it). */
  readonly configType: ResourceType;
  /** The per-config resource's implementation, configured from the stack config; connects on its first API call. */
  configure(config: ConfigSource): ProviderMethods;
  /** Stack config keys that hold the API's credentials: each must be a secret (`shared/secret-config.ts`). */
  readonly credentialKeys: readonly string[];
  /**
   * What the API's policy and batch keys start with, ending in `/` (`fc3/`); `""` for the one API whose keys have
   * no prefix (FC 2.0's `service:function:qualifier`, which predates the others and stays as state holds it).
   */
  readonly keyPrefix: string;
  /** How a key of this API looks, for messages: `"service:function:qualifier" (FC 2.0)`. */
  readonly keyForm: string;
  /** The API's part of the policy: which targets are its own, their key, checks, child resource, batch settings, stack-config form. */
  readonly targetKind: PolicyTargetKind;
  /** The API's `destinationConfig` (its own form): what the policy's `destinations[api]` is checked with. */
  readonly destinationSchema: z.ZodType;
  /** The settings a batch leaves out of state when they hold these values: the contract's defaults. */
  readonly settingDefaults: Readonly<Record<string, unknown>>;
  /** The API's targets of a batch named `resourceName`; nothing connects before the first call. */
  batchAdapter(config: ConfigSource | undefined, resourceName: string, options?: ConnectOptions): TargetAdapter;
}
