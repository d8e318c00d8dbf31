/**
 * What a walk over an account finds: one entry per function × qualifier, with the async config that qualifier has
 * (or `null`: none, so the API's defaults apply). The same neutral shape feeds the rules, the report and adoption.
 */

/** The three APIs, by the names the package's targets use. */
export const ESTATE_APIS = ["fc2", "fc3", "functiongraph"] as const;
export type EstateApi = (typeof ESTATE_APIS)[number];

/** A config's settings. Destinations are kept as each API returns them (FC: `{destination}`; FunctionGraph: typed). */
export interface FoundConfig {
  readonly maxAsyncRetryAttempts: number;
  readonly maxAsyncEventAgeInSeconds: number;
  /** FC 2.0 `statefulInvocation` / FC 3.0 `asyncTask`; absent on FunctionGraph, which has no such switch. */
  readonly asyncTask?: boolean | undefined;
  /** FunctionGraph only. */
  readonly enableAsyncStatusLog?: boolean | undefined;
  readonly destinationConfig: { readonly onSuccess?: unknown; readonly onFailure?: unknown };
}

export interface EstateEntry {
  readonly api: EstateApi;
  /** FC 2.0 only. */
  readonly serviceName?: string | undefined;
  readonly functionName: string;
  /** `LATEST`, a version or an alias (FC); `latest`, a version or `!alias` (FunctionGraph, as the URN writes it). */
  readonly qualifier: string;
  /** FunctionGraph: the URN of this qualifier. */
  readonly functionUrn?: string | undefined;
  /** FunctionGraph: the function's package. */
  readonly package?: string | undefined;
  /** The function's timeout in seconds, when the listing said (FC 3.0 versions and aliases: the function's current one). */
  readonly timeoutSeconds?: number | undefined;
  readonly config: FoundConfig | null;
}

/** A listing that failed after its retries: the walk goes on, and the report says what it could not read. */
export interface WalkError {
  readonly api: EstateApi;
  /** What was being listed, e.g. `services/shop/functions`. */
  readonly where: string;
  readonly message: string;
}

export interface Estate {
  readonly entries: EstateEntry[];
  readonly errors: WalkError[];
}

/** How an entry is named in tables, violations and logs: `fc2 shop/orders:prod`, `fc3 orders:LATEST`, `functiongraph default/orders:!prod`. */
export function entryName(entry: Pick<EstateEntry, "api" | "serviceName" | "functionName" | "qualifier" | "package">): string {
  const owner = entry.api === "fc2" ? `${entry.serviceName}/` : entry.api === "functiongraph" ? `${entry.package ?? "default"}/` : "";
  return `${owner}${entry.functionName}:${entry.qualifier}`;
}
