import { DEFAULT_QUALIFIER, VERSION_PATTERN } from "../../contracts/fc3";
import type { Reader } from "../core/store";
import type { Fc3AliasRecord, Fc3FunctionRecord, FunctionRecord } from "./tables";
import { fc3Error } from "./errors";

/** Existence checks for FC 3.0 resources, each failing with the cloud's not-found code, and qualifier resolution. */

export function requireFunction(r: Reader, fn: string): Readonly<Fc3FunctionRecord> {
  const found = r.get("fc3Functions", [fn]);
  if (!found) throw fc3Error("FunctionNotFound", fn);
  return found;
}

export function requireAlias(r: Reader, fn: string, alias: string): Readonly<Fc3AliasRecord> {
  const found = r.get("fc3Aliases", [fn, alias]);
  if (!found) throw fc3Error("AliasNotFound", alias, fn);
  return found;
}

export type ResolvedQualifier =
  | { kind: "LATEST"; qualifier: "LATEST" }
  | { kind: "version" | "alias"; qualifier: string; versionId: string };

/** The function must exist, and the qualifier name something that exists; absent means LATEST. */
export function resolveQualifier(r: Reader, fn: string, qualifier: string | undefined): ResolvedQualifier {
  requireFunction(r, fn);
  if (qualifier === undefined || qualifier === DEFAULT_QUALIFIER) return { kind: "LATEST", qualifier: DEFAULT_QUALIFIER };
  if (VERSION_PATTERN.test(qualifier)) {
    if (!r.get("fc3Versions", [fn, qualifier])) throw fc3Error("VersionNotFound", qualifier, fn);
    return { kind: "version", qualifier, versionId: qualifier };
  }
  return { kind: "alias", qualifier, versionId: requireAlias(r, fn, qualifier).versionId };
}

/** The function as the qualifier sees it: LATEST's, or the copy published with the version. */
export function functionAt(r: Reader, fn: string, at: ResolvedQualifier): Readonly<FunctionRecord> {
  const found = at.kind === "LATEST" ? r.get("fc3Functions", [fn]) : r.get("fc3Versions", [fn, at.versionId])?.function;
  if (!found) throw fc3Error("FunctionNotFound", fn);
  return found;
}
