// Alibaba Cloud signature V3 (`ACS3-HMAC-SHA256`), the scheme @alicloud/openapi-core signs with by default:
// used by Function Compute 3.0 (2023-03-30) and by FC 2.0's 2021-04-06 API. Providers sign with
// `signAcs3Request`; emulators rebuild the same canonical request to verify, so both ends share one definition.
export {
  ACS3_CONTENT_SHA256_HEADER,
  ACS3_DATE_FORMAT,
  ACS3_DATE_HEADER,
  ACS3_DATE_PATTERN,
  acs3Signature,
  acs3StringToSign,
  formatAcs3Date,
  sha256Hex,
  signAcs3Request,
  type Acs3Request,
} from "./signature";
export {
  acs3CanonicalRequest,
  acs3SignedHeaderNames,
  acsPercentEncode,
  canonicalQuery,
  canonicalUri,
  isAcs3SignedHeader,
  type Acs3CanonicalRequestInput,
} from "./canonical";
export {
  ACS3_ALGORITHM,
  formatAcs3Authorization,
  parseAcs3AuthorizationFields,
  type Acs3Authorization,
  type Acs3AuthorizationParse,
} from "./authorization";
