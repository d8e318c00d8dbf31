/**
 * FunctionGraph error codes (OTC docs `appendix/error_codes.rst`, Huawei APIG FAQ). Body
 * `{"error_code","error_msg"}`, request id in header `X-Request-Id` (the SDK reads it only there).
 *
 * GET on a function that exists but has no async config: no source names its code; we answer 404 `FSS.0404`
 * (Terraform treats any 404 as gone).
 */
export const FG_ERRORS = {
  "FSS.0400": { status: 400, message: "Invalid parameter" },
  "FSS.1001": { status: 400, message: "Invalid query parameter" },
  "FSS.1309": { status: 400, message: "Invalid function URN" },
  "FSS.1014": { status: 400, message: "Invalid alias" },
  "FSS.1015": { status: 400, message: "Invalid version" },
  "FSS.0401": { status: 401, message: "Unauthorized" },
  "APIG.0301": { status: 401, message: "Incorrect IAM authentication information: verify aksk signature fail" },
  "FSS.0403": { status: 403, message: "Forbidden" },
  "FSS.0404": { status: 404, message: "Resource not found" },
  "FSS.1051": { status: 404, message: "Not found the function" },
  "FSS.1052": { status: 404, message: "Not found the version" },
  "FSS.1053": { status: 404, message: "Not found the alias" },
  "FSS.0409": { status: 409, message: "Resource already exists" },
  "FSS.0429": { status: 429, message: "Too many requests" },
  "FSS.0500": { status: 500, message: "Internal error" },
} as const;
export type FgErrorCode = keyof typeof FG_ERRORS;

/** Codes after which an async invoke config cannot exist: the config, function, version or alias is gone. */
export const GONE_CODES: ReadonlySet<string> = new Set(["FSS.0404", "FSS.1051", "FSS.1052", "FSS.1053"]);
export const REQUEST_ID_HEADER = "x-request-id";
