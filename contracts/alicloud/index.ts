// Facts shared by every Alibaba Cloud API (FC 2.0, FC 3.0): region and account identifiers, the CRC-64 code
// checksum, what FC's Node.js runtime hands a function (`function-compute.ts`), and the ROA
// (`acs {ak}:{sig}`, signature v2) string-to-sign.
export {
  ACCOUNT_ID_PATTERN,
  ACCOUNT_ID_RULE,
  ACCOUNT_ID_SOURCE,
  REGION_ID_PATTERN,
  REGION_ID_RULE,
  REGION_ID_SOURCE,
} from "./identifiers";
export { canonicalAcsHeaders, roaCanonicalResource, roaSignature, roaStringToSign, type RoaStringToSignInput } from "./roa-signature";
export { crc64 } from "./crc64";
export { isLatestInAnotherCase, LATEST, LATEST_CASE_RULE, NOT_LATEST_IN_ANY_CASE } from "./qualifiers";
export {
  FC_FAILURE_CAUSE,
  codePackageFacts,
  FC_RUNTIMES,
  FcDestinationRecordSchema,
  fcContextSchema,
  fcErrorType,
  fcRuntimeSettings,
  FC_RUNTIMES_WHERE_A_THROW_EXITS,
  INVALID_RUNTIME,
  invalidRuntimeMessage,
  type FcContext,
  type FcDestinationRecord,
  type FcFunction,
  type FcFunctionErrorType,
} from "./function-compute";
