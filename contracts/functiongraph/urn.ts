/**
 * FunctionGraph function URNs: the one parser and formatter, used by the provider (inputs, ids) and the emulator
 * (path parameters, destinations).
 *
 *   urn:fss:{region}:{projectId}:function:{package}:{name}[:{version}|:!{alias}]
 *
 * The API also takes short forms, by number of `:`-separated fields (OTC `function_model.rst`):
 *   1 `name`, 2 `package:name`, 3 `projectId:package:name`, 4 `projectId:package:name:qualifier`,
 *   7 the full URN without qualifier (= latest), 8 the full URN with one.
 * A qualifier is `latest`, a published version name, or `!` followed by an alias name.
 */

export const URN_MAX_LENGTH = 269;
export const DEFAULT_PACKAGE = "default";
export const LATEST = "latest";

/** Function names: letter first; letters, digits, `_`, `-`; ends with a letter or digit; at most 60 characters. */
export const FUNCTION_NAME = /^[A-Za-z](?:[A-Za-z0-9_-]{0,58}[A-Za-z0-9])?$/;
export const FUNCTION_NAME_RULE = "must start with a letter, contain only letters, digits, '_' and '-', end with a letter or digit, and be at most 60 characters";
/** Package (application) names: letters, digits, `_`, `-`, at most 64 characters. */
export const PACKAGE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
export const PACKAGE_NAME_RULE = "must contain only letters, digits, '_' and '-' (1-64 characters)";
/** Published version names: letter or digit first; letters, digits, `.`, `_`, `-`; at most 42 characters. */
export const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,41}$/;
export const VERSION_NAME_RULE = "must be \"latest\" or a published version name (letter or digit first, then letters, digits, '.', '_' or '-', at most 42 characters)";
/** Alias names: letter first; letters, digits, `_`, `-`; ends with a letter or digit; at most 63 characters. */
export const ALIAS_NAME = /^[A-Za-z](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/;
export const ALIAS_NAME_RULE = "must start with a letter, contain only letters, digits, '_' and '-', end with a letter or digit, and be at most 63 characters";
/** Region ids such as `cn-north-4`, `ap-southeast-1`. */
export const REGION = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
/** Project ids: 32 hexadecimal characters in the cloud; the emulator's follow the same shape. */
export const PROJECT_ID = /^[A-Za-z0-9]{1,64}$/;
export const PROJECT_ID_RULE = "must contain only letters and digits (1-64 characters; Huawei Cloud's are 32 hexadecimal digits)";

export type Qualifier =
  | { readonly kind: "latest" }
  | { readonly kind: "version"; readonly name: string }
  | { readonly kind: "alias"; readonly name: string };

/** What a URN names. `region` and `projectId` are absent in the short forms that leave them out. */
export interface FunctionRef {
  readonly region?: string | undefined;
  readonly projectId?: string | undefined;
  readonly package: string;
  readonly name: string;
  readonly qualifier: Qualifier;
}

export type UrnParse = { ok: true; ref: FunctionRef } | { ok: false; reason: string };

export const URN_SHAPE = "urn:fss:{region}:{projectId}:function:{package}:{name}[:{version}|:!{alias}]";

/** The qualifier field as it appears in a URN: `latest`, `3`, `!prod`. */
export function qualifierText(qualifier: Qualifier): string {
  switch (qualifier.kind) {
    case "latest":
      return LATEST;
    case "version":
      return qualifier.name;
    case "alias":
      return `!${qualifier.name}`;
  }
}

/** Parses the qualifier field of a URN (`latest`, a version name, `!alias`). */
export function parseQualifier(text: string): { ok: true; qualifier: Qualifier } | { ok: false; reason: string } {
  if (text === LATEST) return { ok: true, qualifier: { kind: "latest" } };
  if (text.startsWith("!")) {
    const name = text.slice(1);
    if (!ALIAS_NAME.test(name)) return { ok: false, reason: `alias "${name}" ${ALIAS_NAME_RULE}` };
    return { ok: true, qualifier: { kind: "alias", name } };
  }
  if (!VERSION_NAME.test(text)) return { ok: false, reason: `version "${text}" ${VERSION_NAME_RULE}; an alias is written "!name"` };
  return { ok: true, qualifier: { kind: "version", name: text } };
}

/** Parses any accepted URN form; the reason names the part that is wrong and what it must look like. */
export function parseUrn(urn: string): UrnParse {
  if (urn.length === 0) return { ok: false, reason: `is empty; expected ${URN_SHAPE}` };
  if (urn.length > URN_MAX_LENGTH) return { ok: false, reason: `is ${urn.length} characters long; at most ${URN_MAX_LENGTH}` };
  const f = urn.split(":");
  let region: string | undefined;
  let projectId: string | undefined;
  let pkg: string;
  let name: string;
  let qualifier: string | undefined;
  switch (f.length) {
    case 1:
      [name] = f as [string];
      pkg = DEFAULT_PACKAGE;
      break;
    case 2:
      [pkg, name] = f as [string, string];
      break;
    case 3:
      [projectId, pkg, name] = f as [string, string, string];
      break;
    case 4:
      [projectId, pkg, name, qualifier] = f as [string, string, string, string];
      break;
    case 7:
    case 8: {
      if (f[0] !== "urn" || f[1] !== "fss" || f[4] !== "function") {
        return { ok: false, reason: `"${urn}" is not a function URN; expected ${URN_SHAPE}` };
      }
      [region, projectId, , pkg, name, qualifier] = [f[2], f[3], f[4], f[5] as string, f[6] as string, f[7]];
      if (!REGION.test(region ?? "")) return { ok: false, reason: `region "${region ?? ""}" is not a region id such as cn-north-4` };
      break;
    }
    default:
      return { ok: false, reason: `"${urn}" has ${f.length} ':'-separated fields; expected ${URN_SHAPE} (or a short form of 1-4 fields)` };
  }
  if (projectId !== undefined && !PROJECT_ID.test(projectId)) return { ok: false, reason: `project id "${projectId}" ${PROJECT_ID_RULE}` };
  if (!PACKAGE_NAME.test(pkg)) return { ok: false, reason: `package "${pkg}" ${PACKAGE_NAME_RULE}` };
  if (!FUNCTION_NAME.test(name)) return { ok: false, reason: `function name "${name}" ${FUNCTION_NAME_RULE}` };
  let q: Qualifier = { kind: "latest" };
  if (qualifier !== undefined) {
    const parsed = parseQualifier(qualifier);
    if (!parsed.ok) return parsed;
    q = parsed.qualifier;
  }
  return { ok: true, ref: { region, projectId, package: pkg, name, qualifier: q } };
}

/** The full URN (8 fields: the qualifier is always written, `latest` included). */
export function formatUrn(ref: FunctionRef & { readonly region: string; readonly projectId: string }): string {
  return `${functionUrnWithoutQualifier(ref)}:${qualifierText(ref.qualifier)}`;
}

/** The 7-field URN that names the function itself (what FunctionGraph reports as `func_urn` of a function). */
export function functionUrnWithoutQualifier(ref: { region: string; projectId: string; package: string; name: string }): string {
  return `urn:fss:${ref.region}:${ref.projectId}:function:${ref.package}:${ref.name}`;
}

/** Fills region and project id of a short-form ref; a full URN's own values are kept. */
export function completeRef(ref: FunctionRef, region: string, projectId: string): FunctionRef & { region: string; projectId: string } {
  return { ...ref, region: ref.region ?? region, projectId: ref.projectId ?? projectId };
}
