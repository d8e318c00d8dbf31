// Authentication for the Alibaba Cloud APIs (FC 2.0 and FC 3.0 share it, as their backend does): who the
// caller is, proven by one of the three signing schemes the official SDKs use (`FC` from @alicloud/fc2,
// `ACS3-HMAC-SHA256` and ROA `acs` from @alicloud/openapi-client). It reads only `contracts/` (the
// string-to-sign of each scheme) and `core/accounts.ts` (the keys); never an API folder. Each API words a
// failure in its own catalogue, and may refuse a scheme first (FC 3.0 refuses `FC`).
export { MAX_CLOCK_SKEW_MS, authenticate, type AuthRequest, type AuthResult } from "./authenticate";
export { AuthErrorCodeSchema, SIGNATURE_NOT_MATCH_MESSAGE, type AuthErrorCode, type AuthFailure } from "./failures";
