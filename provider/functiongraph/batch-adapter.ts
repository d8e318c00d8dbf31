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
import type { TargetAdapter } from "../policy/batch";
import { configTargetAdapter, validatorOnly } from "../policy/config-target-adapter";
import type { ConfigSource } from "../shared/config";
import type { Environment } from "./credentials";
import { FUNCTIONGRAPH_KEY_PREFIX } from "./policy-target";
import { AsyncInvokeConfigProvider, connectFunctionGraph, updateBody, urnOf, type AsyncInvokeConfigApi } from "./provider";
import { SETTING_DEFAULTS, SETTING_KEYS, parseInputs, type CheckedInputs } from "./schema";

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
  const validator = validatorOnly((none) => new AsyncInvokeConfigProvider(none));
  const identityOf = (key: string): FunctionGraphKeyIdentity => {
    const identity = parseFunctionGraphKey(key);
    if (identity === undefined) throw new Error(`${key} names no FunctionGraph async invoke config`);
    return identity;
  };
  const urn = (key: string): string => urnOf(identityOf(key) as CheckedInputs, api());
  return configTargetAdapter({
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
    identityOf: (key) => ({ ...identityOf(key) }),
    identityKeys: IDENTITY_FIELDS,
    settingKeys: SETTING_KEYS,
    validate: (news) => validator.check({}, news),
    defaults: SETTING_DEFAULTS,
    goneCodes: GONE_CODES,
    get: (key) => api().showAsyncInvokeConfig(urn(key)),
    put: (key, settings) => api().updateAsyncInvokeConfig(urn(key), updateBody(settings as unknown as CheckedInputs)),
    delete: (key) => api().deleteAsyncInvokeConfig(urn(key)),
    lastModifiedOf: (config) => config.lastModifiedTime,
  });
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
