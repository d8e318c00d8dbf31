// discover's wall time over a planted estate (scripts/seed-estate.ts, 300 functions by default) beside the floor:
// the same listing calls made with the official SDKs (@alicloud/fc2, @alicloud/fc20230330, the Huawei SDK), the same
// number at a time. The emulator answers every request after 20 ms (its fault surface's latency), so the figures
// are about calls and concurrency rather than the emulator's speed. Each run is also checked: discover's entries
// must be exactly the SDKs' listing and `--check` exactly the planted violations, or the script fails.
//
// Usage: node -r ts-node/register/transpile-only scripts/bench-estate.ts [--functions 300] [--repeats 3]   (after a build: it runs dist/)
import { execFile } from "node:child_process";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { start, type Emulator } from "../emulator";
import { entryName, type EstateApi } from "../provider/estate/model";
import { judge } from "../provider/estate/report";
import { DEFAULT_RULE_SETTINGS } from "../provider/estate/rules";
import { connect } from "../provider/estate/connection";
import { walkEstate } from "../provider/estate/walk";
import { settleLimited } from "../provider/shared/parallel";
import { $Fc3, fc3For } from "./lib/fc3-sdk.ts";
import { functionGraphSdk } from "./lib/huawei-sdk.ts";
import { fc2For } from "./lib/official-sdks.ts";
import { repoRoot } from "./lib/pulumi.ts";
import { expectedRules, seedEstate } from "./seed-estate.ts";

const CONCURRENCY = 8;
const LATENCY_MS = 20;

export const estateKey = (e: { api: EstateApi; serviceName?: string | undefined; package?: string | undefined; functionName: string; qualifier: string }) => `${e.api} ${entryName(e)}`;

async function pages<T>(fetch: (token: string | undefined) => Promise<{ items: T[]; next?: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...page.items);
    token = page.next || undefined;
  } while (token);
  return out;
}

/**
 * Every function × qualifier the official SDKs list, `true` where they list a config: the same calls discover makes
 * (services, functions per version, versions, aliases, configs per function; FC 3.0's account-wide config listing),
 * `concurrency` at a time.
 */
export async function sdkEstateListing(emu: Emulator, concurrency = CONCURRENCY): Promise<Map<string, boolean>> {
  const found = new Map<string, boolean>();
  const fc2 = fc2For(emu);
  const data = (r: { data: Record<string, unknown> }, key: string) => ({ items: (r.data[key] ?? []) as never[], next: r.data["nextToken"] as string | undefined });
  const services = await pages<{ serviceName: string }>(async (nextToken) => data(await fc2.listServices({ limit: 100, ...(nextToken && { nextToken }) }), "services"));
  const perService = await settleLimited(services, concurrency, async ({ serviceName }) => {
    const versions = await pages<{ versionId: string }>(async (nextToken) => data(await fc2.listVersions(serviceName, { limit: 100, ...(nextToken && { nextToken }) }), "versions"));
    const aliases = await pages<{ aliasName: string; versionId: string }>(async (nextToken) => data(await fc2.listAliases(serviceName, { limit: 100, ...(nextToken && { nextToken }) }), "aliases"));
    const at = new Map<string, string[]>();
    for (const q of ["LATEST", ...versions.map((v) => v.versionId)]) {
      at.set(q, (await pages<{ functionName: string }>(async (nextToken) => data(await fc2.listFunctions(serviceName, { limit: 100, ...(nextToken && { nextToken }) }, {}, q), "functions"))).map((f) => f.functionName));
    }
    const qualifiers: [string, string[]][] = [...at];
    for (const a of aliases) qualifiers.push([a.aliasName, at.get(a.versionId) ?? []]);
    for (const [qualifier, functions] of qualifiers) for (const functionName of functions) found.set(estateKey({ api: "fc2", serviceName, functionName, qualifier }), false);
    return [...new Set(qualifiers.flatMap(([, f]) => f))].map((functionName) => ({ serviceName, functionName }));
  });
  const pairs = perService.flatMap((o) => (o.ok ? o.value : []));
  await settleLimited(pairs, concurrency, async ({ serviceName, functionName }) => {
    const configs = await pages<{ qualifier: string }>(async (nextToken) => data(await fc2.listFunctionAsyncConfigs(serviceName, functionName, { limit: 100, ...(nextToken && { nextToken }) }), "configs"));
    for (const c of configs) found.set(estateKey({ api: "fc2", serviceName, functionName, qualifier: c.qualifier }), true);
  });

  const fc3 = fc3For(emu);
  const functions = await pages(async (nextToken) => {
    const body = (await fc3.listFunctions(new $Fc3.ListFunctionsRequest({ limit: 100, ...(nextToken && { nextToken }) }))).body;
    return { items: body?.functions ?? [], next: body?.nextToken };
  });
  const configs = await pages(async (nextToken) => {
    const body = (await fc3.listAsyncInvokeConfigs(new $Fc3.ListAsyncInvokeConfigsRequest({ limit: 100, ...(nextToken && { nextToken }) }))).body;
    return { items: body?.configs ?? [], next: body?.nextToken };
  });
  await settleLimited(functions, concurrency, async (fn) => {
    const functionName = fn.functionName as string;
    const versions = await pages(async (nextToken) => {
      const body = (await fc3.listFunctionVersions(functionName, new $Fc3.ListFunctionVersionsRequest({ limit: 100, ...(nextToken && { nextToken }) }))).body;
      return { items: body?.versions ?? [], next: body?.nextToken };
    });
    const aliases = await pages(async (nextToken) => {
      const body = (await fc3.listAliases(functionName, new $Fc3.ListAliasesRequest({ limit: 100, ...(nextToken && { nextToken }) }))).body;
      return { items: body?.aliases ?? [], next: body?.nextToken };
    });
    for (const qualifier of ["LATEST", ...versions.map((v) => String(v.versionId)), ...aliases.map((a) => String(a.aliasName))]) found.set(estateKey({ api: "fc3", functionName, qualifier }), false);
  });
  for (const c of configs) {
    const [, functionName = "", qualifier = "LATEST"] = /:functions\/([^/]+)(?:\/([^/]+))?$/.exec(c.functionArn ?? "") ?? [];
    found.set(estateKey({ api: "fc3", functionName, qualifier }), true);
  }

  const fg = functionGraphSdk(emu);
  const listed = await pages(async (marker) => {
    const r = await fg.listFunctions({ maxitems: "400", ...(marker && { marker }) });
    const items = (r["functions"] ?? []) as { func_urn: string; func_name: string; package: string }[];
    const next = Number(r["next_marker"]);
    return { items, next: items.length > 0 && next < Number(r["count"]) ? String(next) : undefined };
  });
  await settleLimited(listed, concurrency, async (fn) => {
    const e = { api: "functiongraph" as const, package: fn.package, functionName: fn.func_name };
    for (const v of (await fg.listFunctionVersions({ function_urn: fn.func_urn }))["versions"] as { version: string }[]) found.set(estateKey({ ...e, qualifier: v.version }), false);
    const aliases = (await fg.listVersionAliases({ function_urn: fn.func_urn })) as unknown as Record<string, unknown>;
    for (const a of Object.values(aliases).filter((x): x is { name: string } => typeof x === "object" && x !== null && "name" in x)) found.set(estateKey({ ...e, qualifier: `!${a.name}` }), false);
    const configs = await pages(async (marker) => {
      const r = await fg.listFunctionAsyncInvokeConfig({ function_urn: fn.func_urn, limit: "100", ...(marker && { marker }) });
      const items = (r["async_invoke_configs"] ?? []) as { func_urn: string }[];
      const next = Number((r["page_info"] as { next_marker?: number } | undefined)?.next_marker ?? 0);
      return { items, next: items.length > 0 && next < Number(r["count"]) ? String(next) : undefined };
    });
    for (const c of configs) found.set(estateKey({ ...e, qualifier: c.func_urn.slice(c.func_urn.lastIndexOf(":") + 1) }), true);
  });
  return found;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { functions: { type: "string" }, repeats: { type: "string" } } });
  const functions = Number(values.functions ?? 300);
  const repeats = Number(values.repeats ?? 3);
  const emu = await start({ port: 0 });
  try {
    const seedStart = Date.now();
    const planted = await seedEstate(emu, { functions });
    const seedSeconds = (Date.now() - seedStart) / 1000;
    await emu.control.setFaults({ latencyMs: LATENCY_MS });
    const env = {
      ...process.env,
      ALICLOUD_ACCESS_KEY: emu.credentials.accessKeyId,
      ALICLOUD_SECRET_KEY: emu.credentials.accessKeySecret,
      ALICLOUD_ACCOUNT_ID: emu.credentials.accountId,
      HW_ACCESS_KEY: emu.credentials.accessKeyId,
      HW_SECRET_KEY: emu.credentials.accessKeySecret,
      HW_PROJECT_ID: emu.projectId,
      HW_REGION_NAME: "cn-north-4",
    };
    const clients = await connect({ apis: ["fc2", "fc3", "functiongraph"], fcEndpoint: emu.url, functiongraphEndpoint: emu.url, env });

    const timed = async <T>(run: () => Promise<T>) => {
      const before = sum(await emu.control.requestCounts());
      const t0 = process.hrtime.bigint();
      const value = await run();
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      return { value, seconds, calls: sum(await emu.control.requestCounts()) - before };
    };
    const walks: { seconds: number; calls: number }[] = [];
    const floors: { seconds: number; calls: number }[] = [];
    let last: Awaited<ReturnType<typeof walkEstate>> | undefined;
    let sdk: Map<string, boolean> | undefined;
    for (let i = 0; i < repeats; i++) {
      const w = await timed(() => walkEstate(clients, { concurrency: CONCURRENCY }));
      walks.push(w);
      last = w.value;
      const f = await timed(() => sdkEstateListing(emu));
      floors.push(f);
      sdk = f.value;
    }
    const cli = await timed(() =>
      promisify(execFile)("node", [path.join(repoRoot, "dist", "provider", "estate", "cli.js"), "discover", "--emulator", emu.url, "--check", "--json", "--no-progress"], { env, maxBuffer: 64 * 1024 * 1024 }).catch(
        (error: { code?: number; stdout?: string }) => ({ stdout: error.stdout ?? "", code: error.code }),
      ),
    );

    // The figures mean something only if discover found exactly what the SDKs list and what was planted.
    if (!last || !sdk || last.errors.length > 0) throw new Error(`discover reported errors: ${JSON.stringify(last?.errors)}`);
    const walked = [...new Map(last.entries.map((e) => [estateKey(e), e.config !== null]))].sort();
    const listed = [...sdk].sort();
    if (JSON.stringify(walked) !== JSON.stringify(listed)) throw new Error("discover's entries differ from the SDKs' listing");
    if (JSON.stringify(walked) !== JSON.stringify(planted.map((p) => [estateKey(p), p.hasConfig]).sort())) throw new Error("discover's entries differ from what was planted");
    const judged = new Map(judge(last, DEFAULT_RULE_SETTINGS).map((e) => [estateKey(e), (e.violations ?? []).map((v) => v.rule).join(",")]));
    const wrong = planted.filter((p) => judged.get(estateKey(p)) !== expectedRules(p).join(","));
    if (wrong.length > 0) throw new Error(`--check differs from the planted violations at ${wrong.map(estateKey).join(", ")}`);
    const violations = planted.reduce((n, p) => n + expectedRules(p).length, 0);

    const fmt = (s: number) => `${s.toFixed(2)} s`;
    const w = median(walks.map((x) => x.seconds));
    const f = median(floors.map((x) => x.seconds));
    console.log(`estate: ${functions} functions, ${planted.length} function qualifiers, ${planted.filter((p) => p.hasConfig).length} configs, ${violations} planted violations (seeded in ${fmt(seedSeconds)})`);
    console.log(`emulator latency ${LATENCY_MS} ms per request; ${CONCURRENCY} at a time; median of ${repeats}`);
    console.log(`| run | wall time | API calls | vs SDK floor |`);
    console.log(`|---|---|---|---|`);
    console.log(`| discover (in process, walk only) | ${fmt(w)} | ${walks[0]?.calls} | ${(w / f).toFixed(2)}× |`);
    console.log(`| discover --check --json (the command, node start-up included) | ${fmt(cli.seconds)} | ${cli.calls} | ${(cli.seconds / f).toFixed(2)}× |`);
    console.log(`| SDK floor (same listings, official SDKs) | ${fmt(f)} | ${floors[0]?.calls} | 1.00× |`);
    console.log(`checked: entries = SDK listing = planted; --check = planted violations (exit ${"code" in cli.value ? cli.value.code : 0})`);
  } finally {
    await emu.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
