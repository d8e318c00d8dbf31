// The public FC endpoint names the account and the region: `{accountId}.{region}[-internal].fc.aliyuncs.com`
// (what `@alicloud/fc2`'s constructor builds). The provider builds it; the emulator reads the account back from
// a request's Host header.
import { ACCOUNT_ID_SOURCE, REGION_ID_SOURCE } from "../alicloud/identifiers";

/** The public HTTPS origin of FC for an account in a region. */
export function fcPublicOrigin(accountId: string, region: string): string {
  return `https://${accountId}.${region}.fc.aliyuncs.com`;
}

/** A Host header naming an FC endpoint (port allowed); group 1 is the account id. */
export const FC_HOST_PATTERN = new RegExp(`^(${ACCOUNT_ID_SOURCE})\\.${REGION_ID_SOURCE}\\.fc\\.aliyuncs\\.com(?::\\d+)?$`);
