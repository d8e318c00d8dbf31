// Huawei Cloud FunctionGraph as the rest of the package sees it: its one descriptor, listed in `../apis.ts`.
import type { ApiDescriptor } from "../api-descriptor";
import { functionGraphBatchApi, functionGraphTargetAdapter } from "./batch-adapter";
import { FUNCTIONGRAPH_API, FUNCTIONGRAPH_KEY_PREFIX, functionGraphTargetKind } from "./policy-target";
import { configure } from "./provider";
import { CREDENTIAL_CONFIG_KEYS } from "./credentials";
import { CONFIG_TYPE } from "./resource";
import { DestinationConfigSchema, SETTING_DEFAULTS } from "./schema";

export const functionGraphApi = {
  api: FUNCTIONGRAPH_API,
  title: "FunctionGraph",
  configType: CONFIG_TYPE,
  configure,
  credentialKeys: CREDENTIAL_CONFIG_KEYS,
  keyPrefix: FUNCTIONGRAPH_KEY_PREFIX,
  keyForm: `"${FUNCTIONGRAPH_KEY_PREFIX}urn:…" or "${FUNCTIONGRAPH_KEY_PREFIX}{package}/{function}:{qualifier}" (FunctionGraph)`,
  targetKind: functionGraphTargetKind,
  destinationSchema: DestinationConfigSchema,
  settingDefaults: SETTING_DEFAULTS,
  batchAdapter: (config, resourceName, options = {}) => functionGraphTargetAdapter(functionGraphBatchApi(config, options.env), resourceName),
} as const satisfies ApiDescriptor<typeof FUNCTIONGRAPH_API>;
