// Authentication for FC 2.0: who the caller is, proven by one of the three signing schemes the
// official SDKs use (`FC` from @alicloud/fc2, `ACS3-HMAC-SHA256` and ROA `acs` from @alicloud/openapi-client).
// The keys themselves are in the emulator's one account registry (`core/accounts.ts`).
export { MAX_CLOCK_SKEW_MS, authenticate, type AuthRequest, type AuthResult } from "./authenticate";
export { AuthErrorCodeSchema, type AuthErrorCode, type AuthFailure } from "./failures";
