// Identifiers every Alibaba Cloud API shares: region ids and account ids. Written once, as pattern sources, so
// the same rule serves a whole value (a region in stack config) and a part of a resource name (`acs:…:{region}:…`).

/** A region id such as `cn-hangzhou` or `ap-southeast-1`: a lower-case word, then one or more `-part`s. */
export const REGION_ID_SOURCE = "[a-z]{2,}(?:-[a-z0-9]+)+";
/** A numeric Alibaba Cloud account id, 1–32 digits. */
export const ACCOUNT_ID_SOURCE = "[0-9]{1,32}";

/** A whole region id. */
export const REGION_ID_PATTERN = new RegExp(`^${REGION_ID_SOURCE}$`);
/** A whole account id. */
export const ACCOUNT_ID_PATTERN = new RegExp(`^${ACCOUNT_ID_SOURCE}$`);

/** How the region rule reads in a message. */
export const REGION_ID_RULE = "a region id such as cn-hangzhou";
/** How the account rule reads in a message. */
export const ACCOUNT_ID_RULE = "the numeric Alibaba Cloud account id (1-32 digits)";
