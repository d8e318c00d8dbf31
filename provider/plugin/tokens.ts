/**
 * The plugin's resource tokens, each the dynamic resource's own type under the `asyncinvoke` package: the plugin
 * finds the implementation through `dynamic-provider.ts`'s `configure(resourceType, config)`, by the same key the
 * serialized loader passes, so both forms run one implementation.
 */
import { BATCH_TYPE, FC2_CONFIG_TYPE, FC3_CONFIG_TYPE, FUNCTIONGRAPH_CONFIG_TYPE, typeKey } from "../resource-types";
import { PACKAGE } from "./config";

type TypeToken = { readonly module: string; readonly name: string };

const token = (module: string, type: TypeToken) => `${PACKAGE}:${module}:${type.name}`;

/** Plugin token → the dynamic resource type (`module:name`) `dynamic-provider.ts` knows. */
export const RESOURCE_TOKENS: Readonly<Record<string, string>> = {
  [token(FC2_CONFIG_TYPE.module, FC2_CONFIG_TYPE)]: typeKey(FC2_CONFIG_TYPE),
  [token(FC3_CONFIG_TYPE.module, FC3_CONFIG_TYPE)]: typeKey(FC3_CONFIG_TYPE),
  [token(FUNCTIONGRAPH_CONFIG_TYPE.module, FUNCTIONGRAPH_CONFIG_TYPE)]: typeKey(FUNCTIONGRAPH_CONFIG_TYPE),
  // The batch spans the three APIs, so it sits in the package's index module rather than under FC 2.0's.
  [token("index", BATCH_TYPE)]: typeKey(BATCH_TYPE),
};

export const FC2_CONFIG_TOKEN = token(FC2_CONFIG_TYPE.module, FC2_CONFIG_TYPE);
export const FC3_CONFIG_TOKEN = token(FC3_CONFIG_TYPE.module, FC3_CONFIG_TYPE);
export const FUNCTIONGRAPH_CONFIG_TOKEN = token(FUNCTIONGRAPH_CONFIG_TYPE.module, FUNCTIONGRAPH_CONFIG_TYPE);
export const BATCH_TOKEN = token("index", BATCH_TYPE);

/** The resource type of a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function typeOfUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? "";
}
