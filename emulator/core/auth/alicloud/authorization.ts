// Reads the Authorization header into one of the three schemes the official SDKs send. Parsing only:
// nothing here knows keys or secrets.
import { ACS3_ALGORITHM, parseAcs3AuthorizationFields } from "../../../../contracts/acs3";

export type ParsedAuthorization =
  | { scheme: "fc"; accessKeyId: string; signature: string }
  | { scheme: "roa"; accessKeyId: string; signature: string }
  | { scheme: "acs3"; accessKeyId: string; signedHeaders: string[]; signature: string };

export type AuthorizationParse = { ok: true; value: ParsedAuthorization } | { ok: false; reason: string };

// `FC {ak}:{base64}` (@alicloud/fc2) and `acs {ak}:{base64}` (openapi-client ROA). The key ID cannot hold ':'.
const KEY_COLON_SIGNATURE = /^(FC|acs) ([^\s:]+):(\S+)$/;

export function parseAuthorization(header: string): AuthorizationParse {
  const simple = KEY_COLON_SIGNATURE.exec(header);
  if (simple) {
    const [, scheme, accessKeyId = "", signature = ""] = simple;
    return { ok: true, value: { scheme: scheme === "FC" ? "fc" : "roa", accessKeyId, signature } };
  }
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm === ACS3_ALGORITHM) return parseAcs3(header.slice(space + 1));
  if (algorithm.startsWith("ACS3-")) {
    // ACS3-HMAC-SM3 and ACS3-RSA-SHA256 exist, but the FC SDKs never send them; refusing beats pretending.
    return { ok: false, reason: `signature algorithm ${algorithm} is not supported; use ${ACS3_ALGORITHM}` };
  }
  return { ok: false, reason: "the Authorization header is not in a supported form (FC, acs or ACS3-HMAC-SHA256)" };
}

function parseAcs3(fields: string): AuthorizationParse {
  const parsed = parseAcs3AuthorizationFields(fields);
  return parsed.ok ? { ok: true, value: { scheme: "acs3", ...parsed.value } } : parsed;
}
