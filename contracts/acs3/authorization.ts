// The `ACS3-HMAC-SHA256` Authorization header, written and read in one place:
//
//   ACS3-HMAC-SHA256 Credential={accessKeyId},SignedHeaders={a;b;…},Signature={hex}

/** The algorithm name, first word of the Authorization header and first line of the string-to-sign. */
export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/** The three fields of the header. Signed header names are lower-cased. */
export type Acs3Authorization = { accessKeyId: string; signedHeaders: string[]; signature: string };

/** The outcome of reading the fields; `reason` is a sentence for an InvalidArgument refusal. */
export type Acs3AuthorizationParse = { ok: true; value: Acs3Authorization } | { ok: false; reason: string };

/** The header value for these fields, as openapi-core writes it. */
export function formatAcs3Authorization(auth: Acs3Authorization): string {
  return `${ACS3_ALGORITHM} Credential=${auth.accessKeyId},SignedHeaders=${auth.signedHeaders.join(";")},Signature=${auth.signature}`;
}

/**
 * Reads what follows `ACS3-HMAC-SHA256 ` in the header: fields in any order, spaces after commas tolerated.
 * Knows no keys or secrets.
 */
export function parseAcs3AuthorizationFields(fields: string): Acs3AuthorizationParse {
  const values = new Map<string, string>();
  for (const field of fields.split(",")) {
    const eq = field.indexOf("=");
    if (eq < 0) return { ok: false, reason: `the ${ACS3_ALGORITHM} Authorization header is malformed` };
    values.set(field.slice(0, eq).trim(), field.slice(eq + 1).trim());
  }
  const accessKeyId = values.get("Credential");
  const signedHeaders = values.get("SignedHeaders");
  const signature = values.get("Signature");
  if (!accessKeyId || !signedHeaders || !signature) {
    return { ok: false, reason: `the ${ACS3_ALGORITHM} Authorization header needs Credential, SignedHeaders and Signature` };
  }
  return { ok: true, value: { accessKeyId, signedHeaders: signedHeaders.split(";").map((name) => name.toLowerCase()), signature } };
}
