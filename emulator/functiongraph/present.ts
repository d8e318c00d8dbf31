/**
 * Functions and aliases in FunctionGraph's response shape (the official SDK's `ShowFunctionConfigResponse`,
 * `CreateVersionAliasResponse` field names).
 */
import { formatConfigTime, formatUrn, functionUrnWithoutQualifier } from "../../contracts/functiongraph";
import type { RecordOf } from "../core/store";
import { codeSize } from "./code";
import type { Target } from "./lookup";

export type Fn = Readonly<RecordOf<"fgFunctions">>;

export function presentFunction(fn: Fn, t: { region: string; projectId: string }, version: string): Record<string, unknown> {
  const urn = functionUrnWithoutQualifier({ region: t.region, projectId: t.projectId, package: fn.package, name: fn.funcName });
  return {
    func_id: fn.funcId,
    func_urn: `${urn}:${version}`,
    func_name: fn.funcName,
    domain_id: t.projectId,
    namespace: t.projectId,
    project_name: t.region,
    package: fn.package,
    runtime: fn.runtime,
    timeout: fn.timeout,
    handler: fn.handler,
    memory_size: fn.memorySize,
    code_type: fn.codeType,
    code_filename: fn.codeFilename,
    code_size: codeSize(fn),
    digest: fn.codeSha256,
    version,
    description: fn.description,
    user_data: fn.userData,
    last_modified: formatConfigTime(fn.lastModified),
  };
}

export function presentAlias(a: Readonly<RecordOf<"fgAliases">>, t: Target): Record<string, unknown> {
  return {
    name: a.name,
    version: a.version,
    description: a.description,
    last_modified: formatConfigTime(a.lastModified),
    alias_urn: formatUrn({ ...t, qualifier: { kind: "alias", name: a.name } }),
  };
}
