/**
 * From a `{function_urn}` path parameter to what it names, in the caller's project: any URN form the API takes
 * (1, 2, 3, 4, 7 or 8 fields). A full URN of another region or project is refused; a missing function, version or
 * alias answers its own 404 code.
 */
import { completeRef, parseUrn, qualifierText, type FunctionRef, type Qualifier } from "../../contracts/functiongraph";
import type { Reader } from "../core/store";
import type { RecordOf } from "../core/store";
import { fgError } from "./errors";

export interface Target {
  readonly region: string;
  readonly projectId: string;
  readonly package: string;
  readonly name: string;
  readonly qualifier: Qualifier;
  /** `latest`, a version, `!alias`: the async config key's last part. */
  readonly qualifierKey: string;
}

export function parseTarget(urn: string, region: string, projectId: string): Target {
  const parsed = parseUrn(urn);
  if (!parsed.ok) throw fgError("FSS.1309", `Invalid function URN: ${parsed.reason}`);
  const ref: FunctionRef = parsed.ref;
  if (ref.region !== undefined && ref.region !== region) throw fgError("FSS.1309", `Invalid function URN: region ${ref.region} is not this endpoint's region ${region}`);
  if (ref.projectId !== undefined && ref.projectId !== projectId) throw fgError("FSS.1309", "Invalid function URN: the project id is not the one in the path");
  const full = completeRef(ref, region, projectId);
  return { region, projectId, package: full.package, name: full.name, qualifier: full.qualifier, qualifierKey: qualifierText(full.qualifier) };
}

export function functionOf(reader: Reader, t: Target): Readonly<RecordOf<"fgFunctions">> {
  const fn = reader.get("fgFunctions", [t.package, t.name]);
  if (fn === undefined) throw fgError("FSS.1051", `Not found the function: ${t.package}:${t.name}`);
  return fn;
}

/** The function as the qualifier runs it: latest, the published copy, or the alias's version. Throws the 404s. */
export function resolve(reader: Reader, t: Target): { fn: Readonly<RecordOf<"fgFunctions">>; version: string } {
  const fn = functionOf(reader, t);
  switch (t.qualifier.kind) {
    case "latest":
      return { fn, version: "latest" };
    case "version": {
      const v = reader.get("fgVersions", [t.package, t.name, t.qualifier.name]);
      if (v === undefined) throw fgError("FSS.1052", `Not found the version: ${t.qualifier.name}`);
      return { fn: v.function, version: v.version };
    }
    case "alias": {
      const a = reader.get("fgAliases", [t.package, t.name, t.qualifier.name]);
      if (a === undefined) throw fgError("FSS.1053", `Not found the alias: ${t.qualifier.name}`);
      if (a.version === "latest") return { fn, version: "latest" };
      const v = reader.get("fgVersions", [t.package, t.name, a.version]);
      if (v === undefined) throw fgError("FSS.1052", `Not found the version: ${a.version}`);
      return { fn: v.function, version: v.version };
    }
  }
}
