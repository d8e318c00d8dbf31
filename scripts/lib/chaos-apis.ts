// The one table of APIs the fault and crash trials (chaos.ts) run over: FC 2.0 (`fc.FunctionAsyncInvokeConfig`),
// FC 3.0 (`fc3.AsyncInvokeConfig`), FunctionGraph (`functiongraph.AsyncInvokeConfig`) and a mixed
// `AsyncInvokePolicyBatch` whose targets are on all three. Each entry says how to make its functions and its program's
// config from a seed, how to read what the emulator holds with that API's official SDK, and what the stack's state
// knows. Every value is reduced to one shape (`Settings`), so one comparison judges every API.
import path from "node:path";
import { mulberry32 } from "../../emulator/core/control/faults.ts";
import type { Emulator } from "../../emulator";
import { $Fc3, fc3For, fc3NodeFunction } from "../../test/kit/fc3.ts";
import { configureFunctionGraph, fgNodeFunction } from "../../test/kit/functiongraph.ts";
import type { EmulatorStack } from "./emulator-stack.ts";
import { functionGraphSdk, urnOf } from "./huawei-sdk.ts";
import { fc2For, nodeFunction } from "./official-sdks.ts";
import { repoRoot } from "./pulumi.ts";

export const seeded = mulberry32;

/** One config reduced to what every API has: retries, event age, the API's one switch, the failure destination. */
export type Settings = { retries: number; age: number; flag: boolean; onFailure: string | null; onSuccess: string | null };
type Api = "fc2" | "fc3" | "functiongraph";
/** `<api>/<function>:<qualifier>`: one config, on any API. */
type Key = string;
type Args = Record<string, unknown>;
type Resource = { type: string; outputs?: Record<string, unknown> };

export interface ChaosApi {
  readonly id: Api | "mixed";
  readonly title: string;
  /** The Pulumi program (test/e2e/fixtures/…) and the stack config key it reads its JSON from. */
  readonly program: string;
  readonly configKey: "configs" | "policy";
  /** The emulator operations (request-count names) of this API's config Puts: a crash trial kills after some of them. */
  readonly puts: readonly string[];
  /** Creates the `count` functions the configs attach to (faults must be off). */
  prepare(emulator: Emulator, count: number): Promise<void>;
  /** Stack config beyond `emulatorStack`'s (FunctionGraph's keys and endpoint). */
  configure(stack: EmulatorStack, emulator: Emulator): Promise<void>;
  /** The program's config for `count` configs drawn from `seed`, and the settings each config must end with. */
  declare(emulator: Emulator, count: number, seed: number): { value: unknown; expected: Map<Key, Settings> };
  /** What the emulator holds on the functions of `prepare(count)`, read with the official SDK(s). Faults must be off. */
  live(emulator: Emulator, count: number): Promise<Map<Key, Settings>>;
  /** The configs the stack's exported resources know (recorded or pending). */
  known(resources: Resource[]): Key[];
  /** Deletes, with the official SDK(s), every config on the functions of `prepare(count)`: a failed trial's leftovers. */
  purge(emulator: Emulator, count: number): Promise<void>;
}

const pad = (i: number) => String(i).padStart(2, "0");
const REGION = "cn-hangzhou";
const ACCOUNT = "1234567890123456";
const queue = (random: () => number) => `acs:mns:${REGION}:${ACCOUNT}:/queues/q${Math.floor(random() * 5)}/messages`;
const FC2_SERVICE = "chaos";
/** Function names per API and table entry, so no trial sees another's configs. */
const fn = (prefix: string, i: number) => `${prefix}${pad(i)}`;

// ---- FC 2.0 ----
async function prepareFc2(emulator: Emulator, names: string[]): Promise<void> {
  const sdk = fc2For(emulator);
  await sdk.createService(FC2_SERVICE).catch((error: { code?: string }) => {
    if (error.code !== "ServiceAlreadyExists") throw error;
  });
  for (const name of names) await sdk.createFunction(FC2_SERVICE, nodeFunction(name));
}

async function liveFc2(emulator: Emulator, names: string[]): Promise<Map<Key, Settings>> {
  const sdk = fc2For(emulator);
  const live = new Map<Key, Settings>();
  for (const name of names) {
    const { data } = await sdk.listFunctionAsyncConfigs(FC2_SERVICE, name, { limit: 100 });
    for (const c of (data["configs"] ?? []) as Args[]) {
      live.set(`fc2/${name}:${String(c["qualifier"])}`, fcSettings(c, Boolean(c["statefulInvocation"])));
    }
  }
  return live;
}

// ---- FC 3.0 ----
async function prepareFc3(emulator: Emulator, names: string[]): Promise<void> {
  const sdk = fc3For(emulator);
  for (const name of names) await sdk.createFunction(fc3NodeFunction(name));
}

/** Every FC 3.0 config of the account (ListAsyncInvokeConfigs, all pages), for the functions named. */
async function liveFc3(emulator: Emulator, names: string[]): Promise<Map<Key, Settings>> {
  const sdk = fc3For(emulator);
  const live = new Map<Key, Settings>();
  let nextToken: string | undefined;
  do {
    const { body } = await sdk.listAsyncInvokeConfigs(new $Fc3.ListAsyncInvokeConfigsRequest({ limit: 100, ...(nextToken !== undefined && { nextToken }) }));
    for (const c of body?.configs ?? []) {
      // `acs:fc:<region>:<account>:functions/<name>`, with `/<qualifier>` after it unless LATEST.
      const [, name = "", qualifier = "LATEST"] = String(c.functionArn).split("/");
      const plain = JSON.parse(JSON.stringify(c)) as Args;
      if (names.includes(name)) live.set(`fc3/${name}:${qualifier}`, fcSettings(plain, Boolean(c.asyncTask)));
    }
    nextToken = body?.nextToken ?? undefined;
  } while (nextToken);
  return live;
}

/** FC 2.0 and FC 3.0 answer with the same field names. */
function fcSettings(c: Args, flag: boolean): Settings {
  const sides = (c["destinationConfig"] ?? {}) as { onFailure?: { destination?: string } | null; onSuccess?: { destination?: string } | null };
  return {
    retries: Number(c["maxAsyncRetryAttempts"]),
    age: Number(c["maxAsyncEventAgeInSeconds"]),
    flag,
    onFailure: sides.onFailure?.destination ?? null,
    onSuccess: sides.onSuccess?.destination ?? null,
  };
}

// ---- FunctionGraph ----
async function prepareFg(emulator: Emulator, names: string[]): Promise<void> {
  const sdk = functionGraphSdk(emulator);
  for (const name of names) await sdk.createFunction(fgNodeFunction(name));
}

async function liveFg(emulator: Emulator, names: string[]): Promise<Map<Key, Settings>> {
  const sdk = functionGraphSdk(emulator);
  const live = new Map<Key, Settings>();
  for (const name of names) {
    const page = await sdk.listFunctionAsyncInvokeConfig({ function_urn: urnOf(emulator, name), limit: "100" });
    for (const c of (page["async_invoke_configs"] ?? []) as Args[]) {
      const sides = (c["destination_config"] ?? {}) as { on_failure?: { destination: string; param: string }; on_success?: { destination: string; param: string } };
      const side = (d: { destination: string; param: string } | undefined) => (d === undefined ? null : `${d.destination} ${d.param}`);
      live.set(`functiongraph/${name}:${qualifierOfUrn(String(c["func_urn"]))}`, {
        retries: Number(c["max_async_retry_attempts"]),
        age: Number(c["max_async_event_age_in_seconds"]),
        flag: Boolean(c["enable_async_status_log"]),
        onFailure: side(sides.on_failure),
        onSuccess: side(sides.on_success),
      });
    }
  }
  return live;
}

/** `urn:fss:<region>:<project>:function:<package>:<name>:<qualifier>` → its name and qualifier. */
const nameOfUrn = (urn: string) => urn.split(":")[6] ?? "";
const qualifierOfUrn = (urn: string) => urn.split(":")[7] ?? "latest";

/** Deletes one config named by its table key, with the API's official SDK. */
async function deleteConfig(emulator: Emulator, key: Key): Promise<void> {
  const [api, rest = ""] = key.split("/") as [Api, string];
  const [name = "", qualifier = ""] = rest.split(":");
  if (api === "fc2") await fc2For(emulator).deleteFunctionAsyncConfig(FC2_SERVICE, name, qualifier);
  else if (api === "fc3") await fc3For(emulator).deleteAsyncInvokeConfig(name, new $Fc3.DeleteAsyncInvokeConfigRequest({ qualifier }));
  else await functionGraphSdk(emulator).deleteFunctionAsyncInvokeConfig({ function_urn: urnOf(emulator, name, qualifier) });
}

const PREPARE: Record<Api, (emulator: Emulator, names: string[]) => Promise<void>> = { fc2: prepareFc2, fc3: prepareFc3, functiongraph: prepareFg };
const LIVE: Record<Api, (emulator: Emulator, names: string[]) => Promise<Map<Key, Settings>>> = { fc2: liveFc2, fc3: liveFc3, functiongraph: liveFg };
const PUT: Record<Api, string> = { fc2: "PutFunctionAsyncInvokeConfig", fc3: "fc3:PutAsyncInvokeConfig", functiongraph: "functiongraph:UpdateFunctionAsyncInvokeConfig" };
const TYPES: Record<Api, string> = { fc2: "dynamic/fc:FunctionAsyncInvokeConfig", fc3: "dynamic/fc3:AsyncInvokeConfig", functiongraph: "dynamic/functiongraph:AsyncInvokeConfig" };
const fixture = (name: string) => path.join(repoRoot, "test", "e2e", "fixtures", name);

/** The program's args and the settings they must produce, for one config of one API. */
function drawConfig(api: Api, name: string, random: () => number, emulator: Emulator): { args: Args; settings: Settings } {
  const maxRetries = api === "functiongraph" ? 3 : 8;
  const retries = Math.floor(random() * (maxRetries + 1));
  const age = 60 + Math.floor(random() * 86_340);
  const flag = random() < 0.5;
  const withDestination = random() < 0.5;
  if (api === "functiongraph") {
    const stream = `dlq${Math.floor(random() * 5)}`;
    return {
      args: {
        functionUrn: urnOf(emulator, name),
        maxAsyncRetryAttempts: retries,
        maxAsyncEventAgeInSeconds: age,
        enableAsyncStatusLog: flag,
        ...(withDestination && { destinationConfig: { onFailure: { type: "DIS", streamName: stream } } }),
      },
      settings: { retries, age, flag, onFailure: withDestination ? `DIS {"stream_name":"${stream}"}` : null, onSuccess: null },
    };
  }
  const destination = queue(random);
  return {
    args: {
      ...(api === "fc2" && { serviceName: FC2_SERVICE }),
      functionName: name,
      maxAsyncRetryAttempts: retries,
      maxAsyncEventAgeInSeconds: age,
      [api === "fc2" ? "statefulInvocation" : "asyncTask"]: flag,
      ...(withDestination && { destinationConfig: { onFailure: { destination } } }),
    },
    settings: { retries, age, flag, onFailure: withDestination ? destination : null, onSuccess: null },
  };
}

/** One resource per config, on one API. */
function singleApi(api: Api, title: string, fixtureName: string, prefix: string): ChaosApi {
  const names = (count: number) => Array.from({ length: count }, (_, i) => fn(prefix, i));
  const qualifier = api === "functiongraph" ? "latest" : "LATEST";
  return {
    id: api,
    title,
    program: fixture(fixtureName),
    configKey: "configs",
    puts: [PUT[api]],
    prepare: (emulator, count) => PREPARE[api](emulator, names(count)),
    configure: (stack, emulator) => (api === "functiongraph" ? configureFunctionGraph(stack, emulator) : Promise.resolve()),
    declare(emulator, count, seed) {
      const random = seeded(seed);
      const value: Record<string, Args> = {};
      const expected = new Map<Key, Settings>();
      for (const name of names(count)) {
        const { args, settings } = drawConfig(api, name, random, emulator);
        value[`c${name}`] = args;
        expected.set(`${api}/${name}:${qualifier}`, settings);
      }
      return { value, expected };
    },
    live: (emulator, count) => LIVE[api](emulator, names(count)),
    purge: async (emulator, count) => {
      for (const key of (await LIVE[api](emulator, names(count))).keys()) await deleteConfig(emulator, key);
    },
    known: (resources) =>
      resources
        .filter((r) => r.type.endsWith(TYPES[api]))
        .map((r) => {
          const o = r.outputs ?? {};
          if (api === "functiongraph") return `functiongraph/${nameOfUrn(String(o["functionUrn"]))}:${String(o["qualifier"] ?? "latest")}`;
          return `${api}/${String(o["functionName"])}:${String(o["qualifier"] ?? "LATEST")}`;
        })
        .sort(),
  };
}

const MIXED_APIS: readonly Api[] = ["fc2", "fc3", "functiongraph"];
const mixedName = (i: number) => fn(`m${"abc"[i % 3] ?? ""}`, i);
const mixedNames = (api: Api, count: number) => Array.from({ length: count }, (_, i) => i).filter((i) => MIXED_APIS[i % 3] === api).map(mixedName);

/** A batch key (`svc:fn:Q`, `fc3/fn:Q`, `functiongraph/<urn>` or `functiongraph/<package>/<fn>:<q>`) as a table key. */
function batchKey(key: string): Key {
  if (key.startsWith("fc3/")) return key;
  if (key.startsWith("functiongraph/")) {
    const rest = key.slice("functiongraph/".length);
    if (rest.startsWith("urn:")) return `functiongraph/${nameOfUrn(rest)}:${qualifierOfUrn(rest)}`;
    return `functiongraph/${rest.split("/").at(-1) ?? ""}`;
  }
  const [, name, q] = key.split(":");
  return `fc2/${name ?? ""}:${q ?? "LATEST"}`;
}

/** One AsyncInvokePolicyBatch whose targets take turns between the three APIs; settings per target as overrides. */
const mixed: ChaosApi = {
  id: "mixed",
  title: "AsyncInvokePolicyBatch over FC 2.0 + FC 3.0 + FunctionGraph",
  program: fixture("policy-batch"),
  configKey: "policy",
  puts: MIXED_APIS.map((a) => PUT[a]),
  async prepare(emulator, count) {
    for (const api of MIXED_APIS) await PREPARE[api](emulator, mixedNames(api, count));
  },
  configure: (stack, emulator) => configureFunctionGraph(stack, emulator),
  declare(_emulator, count, seed) {
    const random = seeded(seed);
    const targets: Args[] = [];
    const expected = new Map<Key, Settings>();
    for (let i = 0; i < count; i++) {
      const api = MIXED_APIS[i % 3] as Api;
      const name = mixedName(i);
      // FunctionGraph's range (0-3 retries) bounds every target's, so any target can move to any API.
      const retries = Math.floor(random() * 4);
      const age = 60 + Math.floor(random() * 86_340);
      const where = api === "fc2" ? { serviceName: FC2_SERVICE, functionName: name } : { api, functionName: name };
      targets.push({ ...where, overrides: { maxAsyncRetryAttempts: retries, maxAsyncEventAgeInSeconds: age } });
      expected.set(`${api}/${name}:${api === "functiongraph" ? "latest" : "LATEST"}`, { retries, age, flag: false, onFailure: null, onSuccess: null });
    }
    return { value: { maxAsyncRetryAttempts: 1, targets }, expected };
  },
  async live(emulator, count) {
    const live = new Map<Key, Settings>();
    for (const api of MIXED_APIS) for (const [key, settings] of await LIVE[api](emulator, mixedNames(api, count))) live.set(key, settings);
    return live;
  },
  async purge(emulator, count) {
    for (const key of (await this.live(emulator, count)).keys()) await deleteConfig(emulator, key);
  },
  known: (resources) =>
    resources
      .filter((r) => r.type.endsWith("AsyncInvokePolicyBatch"))
      .flatMap((r) => [...Object.keys((r.outputs?.["configs"] ?? {}) as Args), ...((r.outputs?.["pending"] ?? []) as string[])])
      .map(batchKey)
      .sort(),
};

/** The table: every trial runs over these, by `id`. */
export const CHAOS_APIS: readonly ChaosApi[] = [
  singleApi("fc2", "FC 2.0 fc.FunctionAsyncInvokeConfig", "async-configs", "f"),
  singleApi("fc3", "FC 3.0 fc3.AsyncInvokeConfig", "fc3-configs", "g"),
  singleApi("functiongraph", "FunctionGraph functiongraph.AsyncInvokeConfig", "functiongraph-configs", "h"),
  mixed,
];

export function chaosApi(id: string): ChaosApi {
  const api = CHAOS_APIS.find((a) => a.id === id);
  if (api === undefined) throw new Error(`unknown API "${id}"; one of: ${CHAOS_APIS.map((a) => a.id).join(", ")}`);
  return api;
}
