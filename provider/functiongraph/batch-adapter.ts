/**
 * FunctionGraph as a target of the batched policy (`shared/batch.ts`): a target is one config, keyed as
 * `fc.AsyncInvokePolicy` keys a FunctionGraph target — `functiongraph/{full URN}` or
 * `functiongraph/{package}/{function}:{qualifier}` (completed with the connection's region and project id, as
 * `functiongraph.AsyncInvokeConfig` does for `functionName`) — and its settings are the four fields an Update sets.
 * Validation is `functiongraph.AsyncInvokeConfig`'s own `check`, so both accept and refuse the same values with the
 * same messages; the calls, the "gone" codes and the Update body are that resource's too.
 *
 * One config can be named both ways (by URN and by name); like `fc.AsyncInvokePolicy`, the batch cannot tell before
 * it knows the region and project, so name each function one way.
 */
import { GONE_CODES } from "../../contracts/functiongraph";
import type { LiveTarget, Settings, TargetAdapter } from "../shared/batch";
import type { ConfigSource } from "../shared/config";
import { isNotFoundError } from "../shared/errors";
import type { Environment } from "./credentials";
import { FUNCTIONGRAPH_API } from "./policy-target";
import { AsyncInvokeConfigProvider, connectFunctionGraph, updateBody, urnOf, type AsyncInvokeConfigApi } from "./provider";
import { SETTING_KEYS, parseInputs, type AsyncInvokeConfig, type CheckedInputs } from "./schema";

/** What every FunctionGraph key starts with; no FC 2.0 key can (service names hold no `/`). */
export const FUNCTIONGRAPH_KEY_PREFIX = `${FUNCTIONGRAPH_API}/`;

/** The identity fields of `functiongraph.AsyncInvokeConfig`, as a key names them. */
export type FunctionGraphKeyIdentity = { functionUrn: string } | { package: string; functionName: string; qualifier: string };

const IDENTITY_FIELDS = ["functionUrn", "functionName", "qualifier", "package"] as const;
const BY_NAME = /^([^/:]+)\/([^/:]+):([^/:]+)$/;

/** The identity a key names, or `undefined` unless it has one of the two forms (names not yet checked). */
export function parseFunctionGraphKey(key: string): FunctionGraphKeyIdentity | undefined {
  if (!key.startsWith(FUNCTIONGRAPH_KEY_PREFIX)) return undefined;
  const rest = key.slice(FUNCTIONGRAPH_KEY_PREFIX.length);
  if (rest.startsWith("urn:")) return { functionUrn: rest };
  const match = BY_NAME.exec(rest);
  return match === null ? undefined : { package: match[1] as string, functionName: match[2] as string, qualifier: match[3] as string };
}

export function functionGraphTargetAdapter(api: () => AsyncInvokeConfigApi, resourceName: string): TargetAdapter {
  // `check` never calls the API; it is the per-config resource's validation, reused as it is.
  const validator = new AsyncInvokeConfigProvider(() => {
    throw new Error("validation makes no API calls");
  });
  const identityOf = (key: string): FunctionGraphKeyIdentity => {
    const identity = parseFunctionGraphKey(key);
    if (identity === undefined) throw new Error(`${key} names no FunctionGraph async invoke config`);
    return identity;
  };
  const urn = (key: string): string => {
    const client = api();
    return urnOf(identityOf(key) as CheckedInputs, client);
  };
  return {
    resourceName,

    keyProblem(key) {
      const identity = parseFunctionGraphKey(key);
      if (identity === undefined) {
        return `expected "${FUNCTIONGRAPH_KEY_PREFIX}urn:fss:{region}:{projectId}:function:{package}:{name}:{qualifier}" or "${FUNCTIONGRAPH_KEY_PREFIX}{package}/{function}:{qualifier}" for a FunctionGraph target; got ${JSON.stringify(key)}`;
      }
      const parsed = parseInputs(identity);
      if (!parsed.success) return parsed.error.issues.map((issue) => issue.message).join("; ");
      if ("functionUrn" in identity && "functionUrn" in parsed.data && parsed.data.functionUrn !== identity.functionUrn) {
        return `write the URN in full, qualifier included: ${JSON.stringify(FUNCTIONGRAPH_KEY_PREFIX + parsed.data.functionUrn)}; got ${JSON.stringify(key)}`;
      }
      return undefined;
    },

    async check(key, raw) {
      const named = IDENTITY_FIELDS.filter((field) => field in raw);
      if (named.length > 0) {
        return { failures: named.map((field) => ({ property: field, reason: `is set by the target's key (${key}); remove it from the settings` })) };
      }
      const result = await validator.check({}, { ...raw, ...identityOf(key) });
      if (result.failures !== undefined && result.failures.length > 0) return { failures: result.failures };
      const inputs = result.inputs as Record<string, unknown>;
      return { settings: pick(inputs), adopt: inputs["adoptExisting"] === true };
    },

    async get(key) {
      try {
        return live(await api().showAsyncInvokeConfig(urn(key)));
      } catch (error) {
        if (isNotFoundError(error) && GONE_CODES.has(error.code)) return undefined;
        throw error;
      }
    },

    async put(key, settings) {
      return live(await api().updateAsyncInvokeConfig(urn(key), updateBody(settings as unknown as CheckedInputs)));
    },

    async delete(key) {
      try {
        await api().deleteAsyncInvokeConfig(urn(key));
      } catch (error) {
        if (isNotFoundError(error) && GONE_CODES.has(error.code)) return;
        throw error;
      }
    },
  };
}

/**
 * The FunctionGraph calls of a batch, connected as `functiongraph.AsyncInvokeConfig`'s provider connects
 * (`connectFunctionGraph`). Nothing is resolved until the first call, so a batch without FunctionGraph targets never
 * needs Huawei Cloud settings; a failed set-up is not kept.
 */
export function functionGraphBatchApi(config: ConfigSource | undefined, env?: Environment): () => AsyncInvokeConfigApi {
  let client: AsyncInvokeConfigApi | undefined;
  return () => (client ??= connectFunctionGraph(config, env));
}

function pick(values: object): Settings {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, (values as Record<string, unknown>)[key]]));
}

function live(config: AsyncInvokeConfig): LiveTarget {
  return { settings: pick(config), ...(config.lastModifiedTime !== "" && { note: `last modified ${config.lastModifiedTime}` }) };
}
