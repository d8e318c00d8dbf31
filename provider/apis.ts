/**
 * The API registry: every cloud API the package supports, one descriptor each (`api-descriptor.ts`). The serialized
 * provider, the policy, its stack-config reader, the batch and the credential checks read this list; nothing else
 * names the APIs. A new API is its folders plus one line here.
 *
 * Order matters in one way: a policy target without `api` belongs to the first API, FC 2.0 (the package's first).
 */
import type { ApiDescriptor } from "./api-descriptor";
import { fc2Api } from "./fc2/api";
import { fc3Api } from "./fc3/api";
import { functionGraphApi } from "./functiongraph/api";

export const APIS = [fc2Api, fc3Api, functionGraphApi] as const satisfies readonly ApiDescriptor[];

/** One of the registered descriptors. */
export type RegisteredApi = (typeof APIS)[number];

/** The API a policy target belongs to (by its `api` member; none: the first API), or `undefined` for an unknown `api`. */
export function apiOfTarget(target: { api?: string | undefined }): ApiDescriptor | undefined {
  return APIS.find((entry) => entry.targetKind.accepts(target));
}

/** The API whose policy and batch keys carry no prefix (FC 2.0). */
export const DEFAULT_API: ApiDescriptor = APIS.find((entry) => entry.keyPrefix === "") ?? APIS[0];

/** The API of a batch or policy key, by its prefix; keys without one belong to `DEFAULT_API`. */
export function apiOfKey(key: string): ApiDescriptor {
  return APIS.find((entry) => entry.keyPrefix !== "" && key.startsWith(entry.keyPrefix)) ?? DEFAULT_API;
}

/** Every stack config key that holds a credential of some API. */
export const CREDENTIAL_KEYS: readonly string[] = [...new Set(APIS.flatMap((entry) => entry.credentialKeys))];
