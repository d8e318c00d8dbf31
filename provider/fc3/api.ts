// Function Compute 3.0 as the rest of the package sees it: its one descriptor, listed in `../apis.ts`.
import type { DefaultChain } from "../alicloud/credentials";
import type { ApiDescriptor } from "../api-descriptor";
import { fc3BatchApi, fc3TargetAdapter } from "./batch-adapter";
import { FC3_API, FC3_KEY_PREFIX, fc3TargetKind } from "./policy-target";
import { configure } from "./provider";
import { CREDENTIAL_CONFIG_KEYS } from "../alicloud/credentials";
import { CONFIG_TYPE } from "./resource";
import { DestinationConfigSchema, SETTING_DEFAULTS } from "./schema";

export const fc3Api = {
  api: FC3_API,
  title: "FC 3.0",
  configType: CONFIG_TYPE,
  configure,
  credentialKeys: CREDENTIAL_CONFIG_KEYS,
  keyPrefix: FC3_KEY_PREFIX,
  keyForm: `"${FC3_KEY_PREFIX}function:qualifier" (FC 3.0)`,
  targetKind: fc3TargetKind,
  destinationSchema: DestinationConfigSchema,
  settingDefaults: SETTING_DEFAULTS,
  batchAdapter(config, resourceName, options = {}) {
    const connect = { ...(options.env && { env: options.env }), ...(options.defaultChain !== undefined && { defaultChain: options.defaultChain as DefaultChain }) };
    return fc3TargetAdapter(fc3BatchApi(config, connect), resourceName);
  },
} as const satisfies ApiDescriptor<typeof FC3_API>;
