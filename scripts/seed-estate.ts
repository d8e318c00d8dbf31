// Plants a mixed estate in an FC emulator through the official SDKs (@alicloud/fc2, @alicloud/fc20230330,
// @huaweicloud/huaweicloud-sdk-functiongraph): functions across FC 2.0 (in services), FC 3.0 and FunctionGraph,
// some without a config, some breaking each estate rule, some with versions and aliases (an alias carrying its
// function's config, a version carrying none). It returns (and with --plan prints) what it planted, with the rules
// each planted qualifier breaks — written out here by hand per kind, so a test can hold `discover --check` to it.
//
//   node -r ts-node/register/transpile-only scripts/seed-estate.ts --url http://127.0.0.1:9000 [--functions 300] [--plan]
//
// The keys are the emulator's default account (what `fc-emulator` prints); it refuses any non-loopback URL.
import { parseArgs } from "node:util";
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from "../emulator";
import { settleLimited } from "../provider/shared/parallel";
import type { RuleId } from "../provider/estate/rules";
import { $Fc3, fc3For, fc3NodeFunction, type Fc3 } from "./lib/fc3-sdk.ts";
import { EMULATOR_FUNCTIONGRAPH_REGION, functionGraphSdk, type HuaweiFgClient } from "./lib/huawei-sdk.ts";
import { fc2For, handlerZipBase64, nodeFunction, type Fc2Client } from "./lib/official-sdks.ts";

/** What a planted qualifier is. `long-*` functions have a 900 s timeout; the others 60 s. */
export const KINDS = ["compliant", "none", "defaults", "no-failure", "retries-out", "old-events", "long-no-task", "long-task", "long-none"] as const;
export type Kind = (typeof KINDS)[number];

const F: RuleId = "failure-destination-required";
const R: RuleId = "retries-within-range";
const A: RuleId = "event-age-at-most";
const T: RuleId = "async-task-for-long-timeouts";
const D: RuleId = "no-silent-defaults";

/**
 * The rules each kind breaks under the default rule settings (retries 1–3, event age ≤ 43200 s, async tasks above
 * 600 s), by hand: FC's defaults are 3 retries and 86400 s, FunctionGraph's 1 retry and 3600 s; FunctionGraph has no
 * async-task switch, so its long functions break nothing for it.
 */
export const EXPECTED: Readonly<Record<"fc" | "functiongraph", Readonly<Record<Kind, readonly RuleId[]>>>> = {
  fc: {
    compliant: [],
    none: [F, A, D],
    defaults: [F, A, D],
    "no-failure": [F],
    "retries-out": [R],
    "old-events": [A],
    "long-no-task": [T],
    "long-task": [],
    "long-none": [F, A, T, D],
  },
  functiongraph: {
    compliant: [],
    none: [F, D],
    defaults: [F, D],
    "no-failure": [F],
    "retries-out": [R],
    "old-events": [A],
    "long-no-task": [],
    "long-task": [],
    "long-none": [F, D],
  },
};

export interface Planted {
  readonly api: "fc2" | "fc3" | "functiongraph";
  readonly serviceName?: string;
  readonly package?: string;
  readonly functionName: string;
  /** As discover names it: `LATEST`/`1`/`prod` (FC), `latest`/`v1`/`!prod` (FunctionGraph). */
  readonly qualifier: string;
  readonly kind: Kind;
  readonly hasConfig: boolean;
}

export interface EstateEndpoint {
  readonly url: string;
  readonly region: string;
  readonly projectId: string;
  readonly credentials: { readonly accountId: string; readonly accessKeyId: string; readonly accessKeySecret: string };
}

const FC_FAILED = (region: string, account: string) => `acs:mns:${region}:${account}:/queues/estate-failed/messages`;
const FC_DONE = (region: string, account: string) => `acs:mns:${region}:${account}:/queues/estate-done/messages`;
const hasConfig = (kind: Kind) => kind !== "none" && kind !== "long-none";
const isLong = (kind: Kind) => kind.startsWith("long-");

/** The FC async config body (camelCase, both SDKs) of a kind; `undefined` for none. */
function fcConfig(kind: Kind, i: number, region: string, account: string): Record<string, unknown> | undefined {
  const failure = { onFailure: { destination: FC_FAILED(region, account) } };
  switch (kind) {
    case "none":
    case "long-none":
      return undefined;
    case "compliant":
      return { maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 3600, destinationConfig: failure };
    case "defaults":
      return { maxAsyncRetryAttempts: 3, maxAsyncEventAgeInSeconds: 86_400 };
    case "no-failure":
      return { maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 3600, destinationConfig: { onSuccess: { destination: FC_DONE(region, account) } } };
    case "retries-out":
      return { maxAsyncRetryAttempts: i % 2 === 0 ? 0 : 8, maxAsyncEventAgeInSeconds: 3600, destinationConfig: failure };
    case "old-events":
      return { maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 86_400, destinationConfig: failure };
    case "long-no-task":
      return { maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 3600, destinationConfig: failure, task: false };
    case "long-task":
      return { maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 3600, destinationConfig: failure, task: true };
  }
}

/** FunctionGraph's wire body of a kind. */
function fgConfig(kind: Kind, projectId: string): Record<string, unknown> | undefined {
  const failure = { on_failure: { destination: "SMN", param: JSON.stringify({ topic_urn: `urn:smn:${EMULATOR_FUNCTIONGRAPH_REGION}:${projectId}:estate-failed` }) } };
  switch (kind) {
    case "none":
    case "long-none":
      return undefined;
    case "compliant":
    case "long-no-task":
    case "long-task":
      return { max_async_retry_attempts: 2, max_async_event_age_in_seconds: 1800, destination_config: failure };
    case "defaults":
      return { max_async_retry_attempts: 1, max_async_event_age_in_seconds: 3600 };
    case "no-failure":
      return { max_async_retry_attempts: 2, max_async_event_age_in_seconds: 1800, destination_config: { on_success: { destination: "DIS", param: JSON.stringify({ stream_name: "estate-done" }) } } };
    case "retries-out":
      return { max_async_retry_attempts: 0, max_async_event_age_in_seconds: 1800, destination_config: failure };
    case "old-events":
      return { max_async_retry_attempts: 2, max_async_event_age_in_seconds: 86_400, destination_config: failure };
  }
}

/** How many functions go to each API: 40 % FC 2.0 (services of 20), 30 % FC 3.0, the rest FunctionGraph. */
export function split(total: number): { fc2: number; fc3: number; functiongraph: number } {
  const fc2 = Math.round(total * 0.4);
  const fc3 = Math.round(total * 0.3);
  return { fc2, fc3, functiongraph: total - fc2 - fc3 };
}

const kindOf = (i: number): Kind => KINDS[i % KINDS.length] as Kind;
/** Every `VERSIONED_EVERY`-th FC 3.0 / FunctionGraph function, and every second FC 2.0 service, get a version and an alias `prod`. */
const VERSIONED_EVERY = 5;

async function seedFc2(sdk: Fc2Client, count: number, region: string, account: string, limit: number): Promise<Planted[]> {
  const planted: Planted[] = [];
  const services = Math.ceil(count / 20);
  for (let s = 0; s < services; s++) {
    const serviceName = `estate-svc-${String(s).padStart(2, "0")}`;
    await sdk.createService(serviceName);
    const indexes = Array.from({ length: Math.min(20, count - s * 20) }, (_, k) => s * 20 + k);
    await settleLimited(indexes, limit, async (i) => {
      const kind = kindOf(i);
      const functionName = `fn-${String(i).padStart(3, "0")}`;
      await sdk.createFunction(serviceName, { ...nodeFunction(functionName), timeout: isLong(kind) ? 900 : 60 });
    }).then(rethrow);
    const versioned = s % 2 === 1;
    if (versioned) {
      const { data } = await sdk.publishVersion(serviceName, "estate");
      await sdk.createAlias(serviceName, "prod", String(data["versionId"]));
    }
    await settleLimited(indexes, limit, async (i) => {
      const kind = kindOf(i);
      const functionName = `fn-${String(i).padStart(3, "0")}`;
      const body = fcConfig(kind, i, region, account);
      const qualifiers = versioned ? ["LATEST", "1", "prod"] : ["LATEST"];
      for (const qualifier of qualifiers) {
        // The alias carries the function's config; the version none (its kind is then none or long-none).
        const withConfig = body !== undefined && qualifier !== "1";
        if (withConfig) {
          const { task, ...rest } = body;
          await sdk.putFunctionAsyncConfig(serviceName, functionName, qualifier, { ...rest, ...(task !== undefined && { statefulInvocation: task }) });
        }
        const plantedKind: Kind = qualifier === "1" ? (isLong(kind) ? "long-none" : "none") : kind;
        planted.push({ api: "fc2", serviceName, functionName, qualifier, kind: plantedKind, hasConfig: withConfig });
      }
    }).then(rethrow);
  }
  return planted;
}

async function seedFc3(sdk: Fc3, count: number, region: string, account: string, limit: number): Promise<Planted[]> {
  const rows = await settleLimited(Array.from({ length: count }, (_, i) => i), limit, async (i): Promise<Planted[]> => {
    const kind = kindOf(i);
    const functionName = `estate-fc3-${String(i).padStart(3, "0")}`;
    const request = fc3NodeFunction(functionName);
    if (request.body) request.body.timeout = isLong(kind) ? 900 : 60;
    await sdk.createFunction(request);
    const versioned = i % VERSIONED_EVERY === 0;
    if (versioned) {
      await sdk.publishFunctionVersion(functionName, new $Fc3.PublishFunctionVersionRequest({ body: new $Fc3.PublishVersionInput({}) }));
      await sdk.createAlias(functionName, new $Fc3.CreateAliasRequest({ body: new $Fc3.CreateAliasInput({ aliasName: "prod", versionId: "1" }) }));
    }
    const body = fcConfig(kind, i, region, account);
    const out: Planted[] = [];
    for (const qualifier of versioned ? ["LATEST", "1", "prod"] : ["LATEST"]) {
      const withConfig = body !== undefined && qualifier !== "1";
      if (withConfig) {
        const { task, ...rest } = body;
        const input = new $Fc3.PutAsyncInvokeConfigInput({ ...rest, ...(task !== undefined && { asyncTask: task }) } as ConstructorParameters<typeof $Fc3.PutAsyncInvokeConfigInput>[0]);
        await sdk.putAsyncInvokeConfig(functionName, new $Fc3.PutAsyncInvokeConfigRequest({ qualifier, body: input }));
      }
      out.push({ api: "fc3", functionName, qualifier, kind: qualifier === "1" ? (isLong(kind) ? "long-none" : "none") : kind, hasConfig: withConfig });
    }
    return out;
  });
  return rethrow(rows).flat();
}

async function seedFunctionGraph(sdk: HuaweiFgClient, count: number, projectId: string, limit: number): Promise<Planted[]> {
  const file = handlerZipBase64("exports.handler = async () => ({ ok: true });\n");
  const rows = await settleLimited(Array.from({ length: count }, (_, i) => i), limit, async (i): Promise<Planted[]> => {
    const kind = kindOf(i);
    const name = `estate-fg-${String(i).padStart(3, "0")}`;
    const pkg = i % 2 === 0 ? "default" : "estate";
    const created = await sdk.createFunction({ body: { func_name: name, package: pkg, runtime: "Node.js18.15", handler: "index.handler", timeout: isLong(kind) ? 900 : 60, memory_size: 128, code_type: "zip", func_code: { file } } });
    const latest = String(created["func_urn"]);
    const base = latest.slice(0, latest.lastIndexOf(":"));
    const versioned = i % VERSIONED_EVERY === 0;
    if (versioned) {
      await sdk.createFunctionVersion({ function_urn: latest, body: { version: "v1" } });
      await sdk.createVersionAlias({ function_urn: latest, body: { name: "prod", version: "v1" } });
    }
    const body = fgConfig(kind, projectId);
    const out: Planted[] = [];
    for (const qualifier of versioned ? ["latest", "v1", "!prod"] : ["latest"]) {
      const withConfig = body !== undefined && qualifier !== "v1";
      if (withConfig) await sdk.updateFunctionAsyncInvokeConfig({ function_urn: `${base}:${qualifier}`, body });
      out.push({ api: "functiongraph", package: pkg, functionName: name, qualifier, kind: qualifier === "v1" ? (isLong(kind) ? "long-none" : "none") : kind, hasConfig: withConfig });
    }
    return out;
  });
  return rethrow(rows).flat();
}

function rethrow<T>(outcomes: readonly ({ ok: true; value: T } | { ok: false; error: unknown })[]): T[] {
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) throw failed.error;
  return outcomes.map((o) => (o as { value: T }).value);
}

/** Plants `functions` functions (default 300) and returns every planted function × qualifier. */
export async function seedEstate(endpoint: EstateEndpoint, options: { functions?: number; concurrency?: number } = {}): Promise<Planted[]> {
  const counts = split(options.functions ?? 300);
  const limit = options.concurrency ?? 8;
  const account = endpoint.credentials.accountId;
  return [
    ...(await seedFc2(fc2For(endpoint), counts.fc2, endpoint.region, account, limit)),
    ...(await seedFc3(fc3For(endpoint), counts.fc3, endpoint.region, account, limit)),
    ...(await seedFunctionGraph(functionGraphSdk(endpoint), counts.functiongraph, endpoint.projectId, limit)),
  ];
}

/** The rules a planted qualifier breaks, from the hand-written table. */
export const expectedRules = (p: Planted): readonly RuleId[] => EXPECTED[p.api === "functiongraph" ? "functiongraph" : "fc"][p.kind];

if (require.main === module) {
  const { values } = parseArgs({ options: { url: { type: "string" }, functions: { type: "string" }, plan: { type: "boolean" } } });
  const url = values.url ?? "http://127.0.0.1:9000";
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname)) throw new Error(`refusing ${url}: the estate is planted only in a local emulator`);
  const { projectId, ...account } = DEFAULT_ACCOUNT;
  void seedEstate({ url, region: DEFAULT_REGION, projectId, credentials: account }, { functions: Number(values.functions ?? 300) }).then((planted) => {
    const functions = new Set(planted.map((p) => `${p.api}/${p.serviceName ?? p.package ?? ""}/${p.functionName}`)).size;
    if (values.plan) console.log(JSON.stringify(planted, null, 2));
    console.error(`planted ${functions} functions, ${planted.length} function qualifiers, ${planted.filter((p) => p.hasConfig).length} configs`);
  });
}
