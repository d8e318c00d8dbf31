/**
 * What brings found configs under management unchanged, from a walk's entries that have a config:
 * - the stack config `targetsFromConfig` and `examples/stack-template` read (`<project>:functions`), one target per
 *   config with every setting spelled out in its `overrides` (so no policy-wide value or default changes it) and
 *   `adoptExisting: true` (the first `up` takes the config over instead of refusing it);
 * - a `pulumi import --file` document for the provider plugin's resources, ids as each resource's `get` reads them:
 *   `service:function:qualifier` (FC 2.0), `function:qualifier` (FC 3.0), the qualified URN (FunctionGraph).
 * Functions without a config are left out: adopting them would create a config, a change to the cloud. The task
 * switch is written `statefulInvocation` for FC 3.0 targets too: the policy resolves its own (defaulted) value under
 * that name, and an `asyncTask` override beside it would read as a contradiction.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EstateEntry } from "./model";

/** The provider plugin's type token of each API's config resource. */
export const IMPORT_TYPES = {
  fc2: "asyncinvoke:fc:FunctionAsyncInvokeConfig",
  fc3: "asyncinvoke:fc3:AsyncInvokeConfig",
  functiongraph: "asyncinvoke:functiongraph:AsyncInvokeConfig",
} as const;

const arnOf = (d: unknown): string => (d && typeof d === "object" && typeof (d as { destination?: unknown }).destination === "string" ? (d as { destination: string }).destination : "");

/** One `<project>:functions` entry per config, as the stack template's config schema reads it. */
export function adoptionTargets(entries: readonly EstateEntry[]): Record<string, unknown>[] {
  return entries.flatMap((e): Record<string, unknown>[] => {
    const c = e.config;
    if (c === null) return [];
    const numbers = { maxAsyncRetryAttempts: c.maxAsyncRetryAttempts, maxAsyncEventAgeInSeconds: c.maxAsyncEventAgeInSeconds };
    switch (e.api) {
      case "fc2":
        return [{ serviceName: e.serviceName, functionName: e.functionName, qualifier: e.qualifier, overrides: { ...numbers, statefulInvocation: c.asyncTask ?? false, onSuccess: arnOf(c.destinationConfig.onSuccess), onFailure: arnOf(c.destinationConfig.onFailure), adoptExisting: true } }];
      case "fc3":
        return [{ api: "fc3", functionName: e.functionName, qualifier: e.qualifier, overrides: { ...numbers, statefulInvocation: c.asyncTask ?? false, onSuccess: arnOf(c.destinationConfig.onSuccess), onFailure: arnOf(c.destinationConfig.onFailure), adoptExisting: true } }];
      case "functiongraph":
        return [{ api: "functiongraph", functionUrn: e.functionUrn, overrides: { ...numbers, enableAsyncStatusLog: c.enableAsyncStatusLog ?? false, destinationConfig: c.destinationConfig, adoptExisting: true } }];
    }
  });
}

/** The id each API's config resource is read and imported by. */
export function importId(e: EstateEntry): string {
  if (e.api === "fc2") return `${e.serviceName}:${e.functionName}:${e.qualifier}`;
  if (e.api === "fc3") return `${e.functionName}:${e.qualifier}`;
  return e.functionUrn ?? "";
}

/** The `pulumi import --file` document: `{resources: [{type, name, id}]}`, names unique and safe for a URN. */
export function importDocument(entries: readonly EstateEntry[]): { resources: { type: string; name: string; id: string }[] } {
  const used = new Set<string>();
  const resources = entries
    .filter((e) => e.config !== null)
    .map((e) => {
      const base = [e.api, e.serviceName ?? e.package, e.functionName, e.qualifier.replace(/^!/, "")].filter((p) => p !== undefined).join("-").replace(/[^A-Za-z0-9_.-]/g, "_");
      let name = base;
      for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
      used.add(name);
      return { type: IMPORT_TYPES[e.api], name, id: importId(e) };
    });
  return { resources };
}

export interface AdoptionPaths {
  readonly stackConfig: string;
  readonly importFile: string;
}

/**
 * Writes `Pulumi.<stack>.yaml` (the config as JSON, which YAML reads as it is) and `import.json` into `dir`. An
 * existing stack file is never overwritten: it may hold the stack's keys.
 */
export function writeAdoption(dir: string, project: string, stack: string, entries: readonly EstateEntry[]): AdoptionPaths {
  mkdirSync(dir, { recursive: true });
  const stackConfig = path.join(dir, `Pulumi.${stack}.yaml`);
  if (existsSync(stackConfig)) throw new Error(`${stackConfig} exists; adopt into a new directory or stack name (--adopt-stack), then merge the ${project}:functions key into it`);
  const importFile = path.join(dir, "import.json");
  writeFileSync(stackConfig, `${JSON.stringify({ config: { [`${project}:functions`]: adoptionTargets(entries) } }, null, 2)}\n`);
  writeFileSync(importFile, `${JSON.stringify(importDocument(entries), null, 2)}\n`);
  return { stackConfig, importFile };
}
