/**
 * Walks an account through each API and finds every function × qualifier with its async config:
 * - FC 2.0: ListServices → per service ListServiceVersions, ListAliases, ListFunctions at LATEST and at each version
 *   (a version holds the functions published in it; an alias has its version's) → per function
 *   ListFunctionAsyncInvokeConfigs (every qualifier's config in one listing);
 * - FC 3.0: ListFunctions → per function ListFunctionVersions, ListAliases; the account's configs in one
 *   ListAsyncInvokeConfigs;
 * - FunctionGraph: ListFunctions → per function ListFunctionVersions (latest and versions, each with its timeout),
 *   ListVersionAliases, ListFunctionAsyncInvokeConfig.
 * Every listing follows its pages to the end (`collectPages`), every call goes through its client's retry policy
 * and time budget, and at most `concurrency` functions (or services) are read at once (`settleLimited`). A listing
 * that still fails is recorded as a `WalkError` and the walk goes on, so one bad function does not hide the rest.
 */
import { listFunctionAsyncInvokeConfigs, type FcClient } from "../fc2";
import { listAsyncInvokeConfigs as listFc3Configs, type Fc3Client } from "../fc3";
import { listAsyncInvokeConfigs as listFgConfigs, parseUrn, type FunctionGraphClient } from "../functiongraph";
import { settleLimited } from "../shared/parallel";
import { collectPages } from "../shared/read-functions";
import type { EstateApi, EstateEntry, FoundConfig, WalkError } from "./model";

export interface EstateClients {
  readonly fc2?: FcClient | undefined;
  readonly fc3?: Fc3Client | undefined;
  readonly functiongraph?: FunctionGraphClient | undefined;
}

/** What a progress display is told: functions found so far and functions read (their configs listed). */
export interface WalkProgress {
  found(api: EstateApi, count: number): void;
  read(api: EstateApi, count: number): void;
}

export interface WalkOptions {
  /** Functions (or services) read at once, 1–64. Default 8. */
  readonly concurrency?: number | undefined;
  readonly progress?: WalkProgress | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Items per listing page: FC 1–100 (default 100), FunctionGraph functions and versions 1–400 (default 400). */
  readonly pageSize?: number | undefined;
}

/** Collects failures of one API's listings; `attempt` runs a listing and keeps the failure instead of throwing. */
class Failures {
  readonly errors: WalkError[] = [];
  constructor(readonly api: EstateApi) {}
  async attempt<T>(where: string, list: () => Promise<T>): Promise<T | undefined> {
    try {
      return await list();
    } catch (error) {
      this.errors.push({ api: this.api, where, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }
}

const fcConfig = (c: { maxAsyncRetryAttempts: number; maxAsyncEventAgeInSeconds: number; destinationConfig: FoundConfig["destinationConfig"] }, asyncTask: boolean): FoundConfig => ({
  maxAsyncRetryAttempts: c.maxAsyncRetryAttempts,
  maxAsyncEventAgeInSeconds: c.maxAsyncEventAgeInSeconds,
  asyncTask,
  destinationConfig: c.destinationConfig,
});

export async function walkFc2(client: FcClient, options: WalkOptions = {}): Promise<{ entries: EstateEntry[]; errors: WalkError[] }> {
  const f = new Failures("fc2");
  const call = { signal: options.signal };
  const limit = options.concurrency ?? 8;
  const page = options.pageSize ?? 100;
  const services = (await f.attempt("services", () => collectPages((nextToken) => client.listServices({ limit: page, nextToken }, call)))) ?? [];
  const perService = await settleLimited(services, limit, async ({ serviceName }) => {
    const pages = <T>(what: string, list: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string | undefined }>) => f.attempt(`services/${serviceName}/${what}`, () => collectPages(list));
    const versions = (await pages("versions", (nextToken) => client.listServiceVersions({ serviceName, limit: page, nextToken }, call))) ?? [];
    const aliases = (await pages("aliases", (nextToken) => client.listAliases({ serviceName, limit: page, nextToken }, call))) ?? [];
    const functionsAt = new Map<string, { functionName: string; timeout?: number | undefined }[]>();
    for (const qualifier of ["LATEST", ...versions.map((v) => v.versionId)]) {
      functionsAt.set(qualifier, (await pages(`functions@${qualifier}`, (nextToken) => client.listFunctions({ serviceName, qualifier, limit: page, nextToken }, call))) ?? []);
    }
    const qualifiers: { qualifier: string; functions: { functionName: string; timeout?: number | undefined }[] }[] = [...functionsAt].map(([qualifier, functions]) => ({ qualifier, functions }));
    for (const alias of aliases) qualifiers.push({ qualifier: alias.aliasName, functions: functionsAt.get(alias.versionId ?? "") ?? [] });
    options.progress?.found("fc2", new Set(qualifiers.flatMap((q) => q.functions.map((fn) => fn.functionName))).size);
    return { serviceName, qualifiers };
  });
  // Every function of every service in one bounded pool, so many small services keep `concurrency` calls in flight.
  const listed = perService.flatMap((o) => (o.ok ? [o.value] : []));
  const pairs = listed.flatMap(({ serviceName, qualifiers }) => [...new Set(qualifiers.flatMap((q) => q.functions.map((fn) => fn.functionName)))].map((functionName) => ({ serviceName, functionName })));
  const configs = await settleLimited(pairs, limit, async ({ serviceName, functionName }) => {
    const found = await f.attempt(`services/${serviceName}/functions/${functionName}/async-invoke-configs`, () => listFunctionAsyncInvokeConfigs({ serviceName, functionName, pageSize: page }, { client, signal: options.signal }));
    options.progress?.read("fc2", 1);
    return found?.configs ?? [];
  });
  const byKey = new Map<string, FoundConfig>();
  configs.forEach((o, i) => {
    const pair = pairs[i];
    if (o.ok && pair) for (const c of o.value) byKey.set(`${pair.serviceName}\u0000${pair.functionName}\u0000${c.qualifier}`, fcConfig(c, c.statefulInvocation));
  });
  const entries: EstateEntry[] = [];
  for (const { serviceName, qualifiers } of listed) {
    for (const { qualifier, functions } of qualifiers) {
      for (const fn of functions) {
        const key = `${serviceName}\u0000${fn.functionName}\u0000${qualifier}`;
        entries.push({ api: "fc2", serviceName, functionName: fn.functionName, qualifier, timeoutSeconds: fn.timeout, config: byKey.get(key) ?? null });
        byKey.delete(key);
      }
    }
  }
  // A config on a qualifier none of the listings named (an alias made after the walk began) is still reported.
  for (const [key, config] of byKey) {
    const [serviceName = "", functionName = "", qualifier = ""] = key.split("\u0000");
    entries.push({ api: "fc2", serviceName, functionName, qualifier, config });
  }
  return { entries, errors: f.errors };
}

export async function walkFc3(client: Fc3Client, options: WalkOptions = {}): Promise<{ entries: EstateEntry[]; errors: WalkError[] }> {
  const f = new Failures("fc3");
  const call = { signal: options.signal };
  const limit = options.concurrency ?? 8;
  const page = options.pageSize ?? 100;
  const functions = (await f.attempt("functions", () => collectPages((nextToken) => client.listFunctions({ limit: page, nextToken }, call)))) ?? [];
  options.progress?.found("fc3", functions.length);
  const listed = await f.attempt("async-invoke-configs", () => listFc3Configs({ pageSize: page }, { client, signal: options.signal }));
  const byKey = new Map<string, FoundConfig>();
  for (const c of listed?.configs ?? []) byKey.set(`${c.functionName}\u0000${c.qualifier}`, fcConfig(c, c.asyncTask));
  const perFunction = await settleLimited(functions, limit, async ({ functionName, timeout }) => {
    const versions = (await f.attempt(`functions/${functionName}/versions`, () => collectPages((nextToken) => client.listFunctionVersions({ functionName, limit: page, nextToken }, call)))) ?? [];
    const aliases = (await f.attempt(`functions/${functionName}/aliases`, () => collectPages((nextToken) => client.listAliases({ functionName, limit: page, nextToken }, call)))) ?? [];
    options.progress?.read("fc3", 1);
    return ["LATEST", ...versions.map((v) => v.versionId), ...aliases.map((a) => a.aliasName)].map((qualifier) => ({ functionName, qualifier, timeout }));
  });
  const entries: EstateEntry[] = [];
  for (const outcome of perFunction) {
    if (!outcome.ok) continue;
    for (const { functionName, qualifier, timeout } of outcome.value) {
      const key = `${functionName}\u0000${qualifier}`;
      entries.push({ api: "fc3", functionName, qualifier, timeoutSeconds: timeout, config: byKey.get(key) ?? null });
      byKey.delete(key);
    }
  }
  for (const [key, config] of byKey) {
    const [functionName = "", qualifier = ""] = key.split("\u0000");
    entries.push({ api: "fc3", functionName, qualifier, config });
  }
  return { entries, errors: f.errors };
}

export async function walkFunctionGraph(client: FunctionGraphClient, options: WalkOptions = {}): Promise<{ entries: EstateEntry[]; errors: WalkError[] }> {
  const f = new Failures("functiongraph");
  const call = { signal: options.signal };
  const limit = options.concurrency ?? 8;
  const fgPage = options.pageSize ?? 400;
  const functions = (await f.attempt("functions", () => collectPages((marker) => client.listFunctions({ marker, maxItems: fgPage }, call)))) ?? [];
  options.progress?.found("functiongraph", functions.length);
  const perFunction = await settleLimited(functions, limit, async (fn) => {
    const urn = fn.func_urn;
    const base = urn.slice(0, urn.lastIndexOf(":"));
    const versions = (await f.attempt(`${base}/versions`, () => collectPages((marker) => client.listFunctionVersions(urn, { marker, maxItems: fgPage }, call)))) ?? [];
    const aliases = (await f.attempt(`${base}/aliases`, () => client.listVersionAliases(urn, call))) ?? [];
    const listed = await f.attempt(`${base}/async-invoke-configs`, () => listFgConfigs({ functionUrn: urn, pageSize: Math.min(fgPage, 100) }, { client, signal: options.signal }));
    options.progress?.read("functiongraph", 1);
    const byQualifier = new Map<string, FoundConfig>();
    for (const c of listed?.configs ?? []) {
      byQualifier.set(c.functionUrn.slice(c.functionUrn.lastIndexOf(":") + 1), {
        maxAsyncRetryAttempts: c.maxAsyncRetryAttempts,
        maxAsyncEventAgeInSeconds: c.maxAsyncEventAgeInSeconds,
        enableAsyncStatusLog: c.enableAsyncStatusLog,
        destinationConfig: c.destinationConfig,
      });
    }
    const timeoutOf = new Map(versions.map((v) => [v.version ?? v.func_urn.slice(v.func_urn.lastIndexOf(":") + 1), v.timeout]));
    const qualifiers: { qualifier: string; timeout: number | undefined }[] = [{ qualifier: "latest", timeout: fn.timeout }];
    for (const v of versions) {
      const q = v.version ?? v.func_urn.slice(v.func_urn.lastIndexOf(":") + 1);
      if (q !== "latest") qualifiers.push({ qualifier: q, timeout: v.timeout });
    }
    for (const a of aliases) qualifiers.push({ qualifier: `!${a.name}`, timeout: timeoutOf.get(a.version ?? "latest") });
    const parsed = parseUrn(urn);
    const pkg = parsed.ok ? parsed.ref.package : fn.package;
    const entries: EstateEntry[] = qualifiers.map(({ qualifier, timeout }) => {
      const config = byQualifier.get(qualifier) ?? null;
      byQualifier.delete(qualifier);
      return { api: "functiongraph", functionName: fn.func_name, package: pkg, qualifier, functionUrn: `${base}:${qualifier}`, timeoutSeconds: timeout, config };
    });
    for (const [qualifier, config] of byQualifier) entries.push({ api: "functiongraph", functionName: fn.func_name, package: pkg, qualifier, functionUrn: `${base}:${qualifier}`, config });
    return entries;
  });
  return { entries: perFunction.flatMap((o) => (o.ok ? o.value : [])), errors: f.errors };
}

/** Walks every API a client is given for, one API after another, and sorts the entries by API, then name. */
export async function walkEstate(clients: EstateClients, options: WalkOptions = {}): Promise<{ entries: EstateEntry[]; errors: WalkError[] }> {
  const parts = [
    clients.fc2 && (await walkFc2(clients.fc2, options)),
    clients.fc3 && (await walkFc3(clients.fc3, options)),
    clients.functiongraph && (await walkFunctionGraph(clients.functiongraph, options)),
  ].filter((p) => p !== undefined);
  return { entries: parts.flatMap((p) => p.entries), errors: parts.flatMap((p) => p.errors) };
}
