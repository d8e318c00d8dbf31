// Reads the Authorization header into one of the three schemes the official SDKs send. Parsing only:
// nothing here knows keys or secrets.
import { ACS3_ALGORITHM } from "./acs3-signature";

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

// `Credential={ak},SignedHeaders={a;b;…},Signature={hex}` — fields in any order, spaces after commas tolerated.
function parseAcs3(fields: string): AuthorizationParse {
  const values = new Map<string, string>();
  for (const field of fields.split(",")) {
    const eq = field.indexOf("=");
    if (eq < 0) return { ok: false, reason: "the ACS3-HMAC-SHA256 Authorization header is malformed" };
    values.set(field.slice(0, eq).trim(), field.slice(eq + 1).trim());
  }
  const accessKeyId = values.get("Credential");
  const signedHeaders = values.get("SignedHeaders");
  const signature = values.get("Signature");
  if (!accessKeyId || !signedHeaders || !signature) {
    return { ok: false, reason: "the ACS3-HMAC-SHA256 Authorization header needs Credential, SignedHeaders and Signature" };
  }
  return {
    ok: true,
    value: { scheme: "acs3", accessKeyId, signedHeaders: signedHeaders.split(";").map((name) => name.toLowerCase()), signature },
  };
}
