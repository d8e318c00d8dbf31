// Authentication for the FC emulator: who the caller is, proven by one of the three signing schemes the
// official SDKs use (`FC` from @alicloud/fc2, `ACS3-HMAC-SHA256` and ROA `acs` from @alicloud/openapi-client).
export {
  AccountRegistry,
  AccountSchema,
  DEFAULT_STS_TTL_SECONDS,
  STS_KEY_PREFIX,
  StsCredentialsSchema,
  generateAccount,
  type Account,
  type Credential,
  type StsCredentials,
} from "./accounts";
export { MAX_CLOCK_SKEW_MS, authenticate, type AuthRequest, type AuthResult } from "./authenticate";
export { AuthErrorCodeSchema, type AuthErrorCode, type AuthFailure } from "./failures";
