/**
 * The plugin's resource tokens, each the dynamic resource's own type under the `asyncinvoke` package: the plugin
 * finds the implementation through `dynamic-provider.ts`'s `configure(resourceType, config)`, by the same key the
 * serialized loader passes, so both forms run one implementation.
 */
import { APIS, type RegisteredApi } from "../apis";
import { BATCH_TYPE } from "../policy/batch-type";
import { typeKey } from "../shared/dynamic/resource-type";
import { PACKAGE } from "./config";

type TypeToken = { readonly module: string; readonly name: string };

const token = (module: string, type: TypeToken) => `${PACKAGE}:${module}:${type.name}`;

/** Plugin token → the dynamic resource type (`module:name`) `dynamic-provider.ts` knows. */
/** The plugin token of each registered API's config resource (the API registry, `../apis.ts`). */
export const configTokenOf = (api: RegisteredApi["api"]): string => {
  const entry = APIS.find((candidate) => candidate.api === api);
  if (entry === undefined) throw new Error(`no registered API ${api}`);
  return token(entry.configType.module, entry.configType);
};

export const FC2_CONFIG_TOKEN = configTokenOf("fc2");
export const FC3_CONFIG_TOKEN = configTokenOf("fc3");
export const FUNCTIONGRAPH_CONFIG_TOKEN = configTokenOf("functiongraph");
// The batch spans the three APIs, so it sits in the package's index module rather than under FC 2.0's.
export const BATCH_TOKEN = token("index", BATCH_TYPE);

/** Plugin token → the dynamic resource type (`module:name`) `dynamic-provider.ts` knows: one per registered API, and the batch. */
export const RESOURCE_TOKENS: Readonly<Record<string, string>> = Object.fromEntries([
  ...APIS.map((entry) => [token(entry.configType.module, entry.configType), typeKey(entry.configType)] as const),
  [BATCH_TOKEN, typeKey(BATCH_TYPE)] as const,
]);

/** The resource type of a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function typeOfUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? "";
}
