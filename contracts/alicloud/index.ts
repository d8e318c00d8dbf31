// Facts shared by every Alibaba Cloud API (FC 2.0, FC 3.0): region and account identifiers.
export {
  ACCOUNT_ID_PATTERN,
  ACCOUNT_ID_RULE,
  ACCOUNT_ID_SOURCE,
  REGION_ID_PATTERN,
  REGION_ID_RULE,
  REGION_ID_SOURCE,
} from "./identifiers";
