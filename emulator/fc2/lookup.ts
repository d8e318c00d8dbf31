import { fcError } from "./errors";
import type { Reader } from "../core/store";
import type { AliasRecord, FunctionRecord, ServiceRecord } from "./tables";

/**
 * Existence checks shared by the handlers, each failing with the cloud's not-found code, and the
 * resolution of a qualifier (LATEST, a version number or an alias) to the function code it means.
 */

export function requireService(r: Reader, service: string): Readonly<ServiceRecord> {
  const found = r.get("services", [service]);
  if (!found) throw fcError("ServiceNotFound", service);
  return found;
}

export function requireFunction(r: Reader, service: string, fn: string): Readonly<FunctionRecord> {
  requireService(r, service);
  const found = r.get("functions", [service, fn]);
  if (!found) throw fcError("FunctionNotFound", fn, service);
  return found;
}

export function requireVersion(r: Reader, service: string, versionId: string): void {
  if (!r.get("versions", [service, versionId])) throw fcError("VersionNotFound", versionId, service);
}

export function requireAlias(r: Reader, service: string, alias: string): Readonly<AliasRecord> {
  const found = r.get("aliases", [service, alias]);
  if (!found) throw fcError("AliasNotFound", alias, service);
  return found;
}

export type ResolvedQualifier =
  | { kind: "LATEST"; qualifier: "LATEST" }
  | { kind: "version"; qualifier: string; versionId: string }
  | { kind: "alias"; qualifier: string; versionId: string };

/** Checks that the qualifier names something that exists; absent means LATEST. */
export function resolveQualifier(r: Reader, service: string, qualifier: string | undefined): ResolvedQualifier {
  requireService(r, service);
  if (qualifier === undefined || qualifier === "LATEST") return { kind: "LATEST", qualifier: "LATEST" };
  if (/^[0-9]+$/.test(qualifier)) {
    requireVersion(r, service, qualifier);
    return { kind: "version", qualifier, versionId: qualifier };
  }
  const alias = requireAlias(r, service, qualifier);
  // The version may have been deleted under the alias (the cloud allows it): the alias then leads nowhere.
  requireVersion(r, service, alias.versionId);
  return { kind: "alias", qualifier, versionId: alias.versionId };
}

/** The function as the qualifier sees it: LATEST's, or the copy published with the version. */
export function functionAt(r: Reader, service: string, fn: string, at: ResolvedQualifier): Readonly<FunctionRecord> {
  const found = at.kind === "LATEST" ? r.get("functions", [service, fn]) : r.get("versionFunctions", [service, at.versionId, fn]);
  if (!found) throw fcError("FunctionNotFound", fn, service);
  return found;
}

export function listFunctionsAt(r: Reader, service: string, at: ResolvedQualifier): Readonly<FunctionRecord>[] {
  const rows = at.kind === "LATEST" ? r.list("functions", [service]) : r.list("versionFunctions", [service, at.versionId]);
  return rows.map((row) => row.value);
}
