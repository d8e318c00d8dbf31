// Function Compute 2.0 as the rest of the package sees it: its one descriptor, listed in `../apis.ts`.
import type { DefaultChain } from "../alicloud/credentials";
import type { ApiDescriptor } from "../api-descriptor";
import { fc2TargetAdapter } from "./batch-adapter";
import { DestinationConfigSchema, SETTING_DEFAULTS } from "./inputs";
import { FC2_API, fc2TargetKind } from "./policy-target";
import { configure, explainingRefusedCredentials, lazyClient } from "./provider";
import { CREDENTIAL_CONFIG_KEYS } from "../alicloud/credentials";
import { CONFIG_TYPE } from "./resource";

export const fc2Api = {
  api: FC2_API,
  title: "FC 2.0",
  configType: CONFIG_TYPE,
  configure,
  credentialKeys: CREDENTIAL_CONFIG_KEYS,
  keyPrefix: "",
  keyForm: '"service:function:qualifier" (FC 2.0)',
  targetKind: fc2TargetKind,
  destinationSchema: DestinationConfigSchema,
  settingDefaults: SETTING_DEFAULTS,
  batchAdapter(config, resourceName, options = {}) {
    const connect = { ...(options.env && { env: options.env }), ...(options.defaultChain !== undefined && { defaultChain: options.defaultChain as DefaultChain }) };
    const api = explainingRefusedCredentials(lazyClient(config, connect));
    return fc2TargetAdapter(() => api, resourceName);
  },
} as const satisfies ApiDescriptor<typeof FC2_API>;
