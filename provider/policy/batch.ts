/**
 * The batched policy as a Pulumi dynamic provider, for any API: one resource that owns the async configs of many
 * targets. What is particular to one API (how a target is named, validated, read, written and deleted) is a small
 * `TargetAdapter`; everything else lives here once.
 *
 * State (inputs and outputs alike) is keyed by target, then field: `configs["shop:orders:LATEST"].maxAsyncRetryAttempts`;
 * both leave out fields at their default (layout and planning: `batch-plan.ts`). Pulumi's dynamic-provider host
 * cannot return a detailed diff, so `diff` answers "no change" or "unknown", and on "unknown" the engine diffs old
 * and new inputs itself — which, keyed this way, lists exactly the targets and fields that change. `read` hands back
 * the live values as inputs, so `preview --refresh` shows drift per target and field.
 *
 * Method → API calls (through the adapter, at most `concurrency` in flight, each under the client's retry policy
 * and time budget):
 * - `check`  none. Every target's settings validated; a failure names `configs["<target>"].<field>`.
 * - `diff`   none.
 * - `create` per target a Get (is there a config someone else manages? refused unless adopted) and a Put.
 * - `update` per new target as create; per changed target a Put; per removed target a Delete. Unchanged targets: none.
 * - `read`   per owned target a Get; a target deleted out of band leaves state and is created again by the next `up`.
 * - `delete` per owned target a Delete; already gone is success.
 *
 * Partial failure: `create` and `update` throw an error carrying `id`, `properties` and `reasons`, which the host
 * turns into Pulumi's partial failure (`ErrorResourceInitFailed`): the engine records `properties` as the
 * resource's outputs and marks it with init errors, so the next `up` updates it again. Those outputs are what the
 * cloud holds: a target whose Put went through is recorded with its live values; a target whose Put failed keeps
 * what it had, or — when it was new — is listed in `pending`, because a failed Put may still have landed. Pending
 * targets are Put again without the take-over check (this resource checked them already) and deleted on destroy,
 * so nothing is orphaned. A target refused for take-over is never recorded.
 */
import type { dynamic } from "@pulumi/pulumi";
import {
  BATCH_CONCURRENCY,
  BATCH_SCHEMA_VERSION,
  concurrencyOf,
  desiredOf,
  empty,
  parseOutputs,
  planSteps,
  sortedRecord,
  withAdopt,
  withoutDefaults,
  type BatchOutputs,
  type CheckedTarget,
  type DesiredTarget,
  type RawProps,
  type Settings,
  type Step,
  type TargetState,
} from "./batch-plan";
import { deepEqual } from "../shared/diff";
import { PROVIDER_KEY } from "../shared/dynamic/props";
import { UNKNOWN, containsUnknown } from "../shared/dynamic/unknowns";
import { settleLimited } from "../shared/parallel";

export { UNKNOWN };
export { BATCH_CONCURRENCY, BATCH_SCHEMA_VERSION, planSteps, type BatchOutputs, type CheckedTarget, type Settings, type TargetState } from "./batch-plan";

/** A live config as the adapter reads it: canonical settings, and a note for messages (e.g. when it last changed). */
export interface LiveTarget {
  readonly settings: Settings;
  readonly note?: string;
}

/** What one API contributes: get/put/delete/normalize for one target, named by its key. */
export interface TargetAdapter {
  /** The resource's name in messages, e.g. `AsyncInvokePolicyBatch`. */
  readonly resourceName: string;
  /** Why `key` cannot name a target (a sentence fragment that says what is allowed), or `undefined`. */
  keyProblem(key: string): string | undefined;
  /**
   * Validates one target's raw settings and fills its defaults. Failure properties are relative to the target
   * (`maxAsyncRetryAttempts`); values still unknown during preview are kept as `UNKNOWN`.
   */
  check(key: string, raw: Record<string, unknown>): Promise<CheckedTarget>;
  /**
   * The settings `check` fills in for target `key` when none are given. Inputs leave out the fields at these values
   * (see batch-plan.ts); an adapter without `defaultsOf` has every field in inputs.
   */
  defaultsOf?(key: string): Settings;
  /** The live config, or `undefined` when there is none (or its function, version or alias is gone). */
  get(key: string): Promise<LiveTarget | undefined>;
  /** Writes the whole desired config; answers the live config the service reports after the write. */
  put(key: string, settings: Settings): Promise<LiveTarget>;
  /** Deletes the config; already gone is success. */
  delete(key: string): Promise<void>;
}


/** A batch that did part of its work: carries what the host needs for Pulumi's partial failure. */
export class BatchFailure extends Error {
  readonly id: string | undefined;
  readonly properties: (BatchOutputs & { readonly __provider?: unknown }) | undefined;
  readonly reasons: string[];
  constructor(resourceName: string, action: string, total: number, reasons: string[], partial?: { id: string; properties: BatchOutputs & { readonly __provider?: unknown } }) {
    super(`${resourceName}: ${reasons.length} of ${total} targets could not be ${action}: ${summarize(reasons)}`);
    this.name = "BatchFailure";
    this.id = partial?.id;
    this.properties = partial?.properties;
    this.reasons = reasons;
  }
}

/** `create` found a config it was not told to adopt. */
export function takeoverRefusal(resourceName: string, key: string, note: string | undefined): string {
  return (
    `${key}: an async invoke config already exists${note ? ` (${note})` : ""}. It is not overwritten silently: another stack, ` +
    `tool or person may manage it. To take it over on purpose, set \`adoptExisting: true\` in this target's overrides (or on the whole ${resourceName}) and run again.`
  );
}


export class BatchProvider implements dynamic.ResourceProvider<RawProps, RawProps> {
  readonly #adapter: TargetAdapter;
  readonly #newId: () => string;
  readonly #defaultsOf: (key: string) => Settings;

  constructor(adapter: TargetAdapter, newId: () => string = () => crypto.randomUUID()) {
    this.#adapter = adapter;
    this.#newId = newId;
    this.#defaultsOf = (key) => adapter.defaultsOf?.(key) ?? {};
  }

  async check(_olds: RawProps, news: RawProps): Promise<dynamic.CheckResult<RawProps>> {
    const failures: dynamic.CheckFailure[] = [];
    const concurrency = news["concurrency"] ?? BATCH_CONCURRENCY.default;
    if (concurrency !== UNKNOWN && !(Number.isInteger(concurrency) && (concurrency as number) >= BATCH_CONCURRENCY.min && (concurrency as number) <= BATCH_CONCURRENCY.max)) {
      failures.push({
        property: "concurrency",
        reason: `must be an integer from ${BATCH_CONCURRENCY.min} to ${BATCH_CONCURRENCY.max} (default ${BATCH_CONCURRENCY.default}); got ${JSON.stringify(concurrency)}`,
      });
    }
    const raw = news["configs"] ?? {};
    if (raw === UNKNOWN) return { inputs: { concurrency, configs: UNKNOWN } };
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      return { inputs: news, failures: [...failures, { property: "configs", reason: `must be an object keyed by target; got ${JSON.stringify(raw)}` }] };
    }
    const configs: RawProps = {};
    for (const key of Object.keys(raw).sort()) {
      const where = `configs[${JSON.stringify(key)}]`;
      const problem = this.#adapter.keyProblem(key);
      if (problem !== undefined) {
        failures.push({ property: where, reason: `names no target: ${problem}` });
        continue;
      }
      const value = (raw as RawProps)[key];
      if (value === UNKNOWN) {
        configs[key] = UNKNOWN;
        continue;
      }
      const checked = await this.#adapter.check(key, value === null || value === undefined ? {} : (value as RawProps));
      if ("failures" in checked) {
        failures.push(...checked.failures.map((f) => ({ property: f.property === "" ? where : `${where}.${f.property}`, reason: f.reason })));
      } else {
        configs[key] = { ...withoutDefaults(checked.settings, this.#defaultsOf(key)), ...(checked.adopt && { adoptExisting: true }) };
      }
    }
    // On failure the inputs as given, so the CLI's "property … value {…} has a problem" shows the value that was refused.
    return failures.length > 0 ? { inputs: news, failures } : { inputs: { concurrency, configs } };
  }

  async diff(_id: string, olds: RawProps, news: RawProps): Promise<dynamic.DiffResult> {
    const old = parseOutputs(olds);
    if (old === undefined) return { changes: true, replaces: [], deleteBeforeReplace: false };
    if (containsUnknown(news["configs"]) || containsUnknown(news["concurrency"])) return { replaces: [], deleteBeforeReplace: false };
    // A new concurrency changes no target, but must be recorded: `read` and `delete` run at the recorded one.
    if (concurrencyOf(news) !== old.concurrency) return { replaces: [], deleteBeforeReplace: false };
    const steps = planSteps(old, desiredOf(news, this.#defaultsOf), this.#defaultsOf);
    // "Unknown" lets the engine list the changed targets and fields from old and new inputs (see the header).
    return steps.length === 0 ? { changes: false, replaces: [], deleteBeforeReplace: false } : { replaces: [], deleteBeforeReplace: false };
  }

  async create(inputs: RawProps): Promise<dynamic.CreateResult<BatchOutputs>> {
    const id = this.#newId();
    const outs = await this.#apply(id, empty(concurrencyOf(inputs)), inputs, "created");
    return { id, outs };
  }

  async update(id: string, olds: RawProps, news: RawProps): Promise<dynamic.UpdateResult<BatchOutputs>> {
    const old = parseOutputs(olds) ?? empty(concurrencyOf(news));
    return { outs: await this.#apply(id, old, news, "updated") };
  }

  async read(id: string, props?: RawProps): Promise<dynamic.ReadResult<RawProps>> {
    const old = parseOutputs(props) ?? empty(BATCH_CONCURRENCY.default);
    const keys = [...new Set([...Object.keys(old.configs), ...(old.pending ?? [])])].sort();
    const outcomes = await settleLimited(keys, old.concurrency, (key) => this.#adapter.get(key));
    const reasons: string[] = [];
    const configs: Record<string, TargetState> = {};
    outcomes.forEach((outcome, i) => {
      const key = keys[i] as string;
      if (!outcome.ok) reasons.push(`${key}: ${messageOf(outcome.error)}`);
      else if (outcome.value !== undefined) {
        const recorded = old.configs[key];
        configs[key] = withAdopt(withoutDefaults(outcome.value.settings, this.#defaultsOf(key), Object.keys(recorded ?? {})), recorded?.adoptExisting === true);
      }
    });
    if (reasons.length > 0) throw new BatchFailure(this.#adapter.resourceName, "read", keys.length, reasons);
    // A pending target found on the cloud is the Put this resource attempted: it is recorded as managed.
    const outputs: BatchOutputs = { schemaVersion: BATCH_SCHEMA_VERSION, concurrency: old.concurrency, configs };
    const inputs = Object.fromEntries(Object.entries(configs).map(([key, state]) => [key, withoutDefaults(state, this.#defaultsOf(key))]));
    return { id, props: { ...outputs }, inputs: { concurrency: old.concurrency, configs: inputs } };
  }

  async delete(_id: string, props: RawProps): Promise<void> {
    const old = parseOutputs(props) ?? empty(BATCH_CONCURRENCY.default);
    const keys = [...new Set([...Object.keys(old.configs), ...(old.pending ?? [])])].sort();
    const outcomes = await settleLimited(keys, old.concurrency, (key) => this.#adapter.delete(key));
    const reasons = outcomes.flatMap((o, i) => (o.ok ? [] : [`${keys[i]}: ${messageOf(o.error)}`]));
    // No partial state for delete in Pulumi: the resource stays with its old outputs, and deleting what is already
    // gone succeeds, so the next destroy finishes the job.
    if (reasons.length > 0) throw new BatchFailure(this.#adapter.resourceName, "deleted", keys.length, reasons);
  }

  /** Makes the cloud hold `news` for every target, starting from `old`; the outputs say what it holds afterwards. */
  async #apply(id: string, old: BatchOutputs, news: RawProps, verb: string): Promise<BatchOutputs> {
    const concurrency = concurrencyOf(news);
    const steps = planSteps(old, desiredOf(news, this.#defaultsOf), this.#defaultsOf);
    const configs: Record<string, TargetState> = { ...old.configs };
    const pending = new Set(old.pending ?? []);
    const reasons: string[] = [];
    const outcomes = await settleLimited(steps, concurrency, (step) => this.#run(step));
    outcomes.forEach((outcome, i) => {
      const step = steps[i] as Step;
      const { key } = step;
      if (outcome.ok) {
        const result = outcome.value;
        if (result.kind === "deleted") {
          delete configs[key];
          pending.delete(key);
          return;
        }
        if (result.kind === "refused") {
          reasons.push(result.reason);
          return;
        }
        // Recorded as the cloud reports it, even when that is not what was asked (then also reported).
        configs[key] = withAdopt(withoutDefaults(result.live.settings, this.#defaultsOf(key)), step.desired?.adopt === true);
        pending.delete(key);
        const mismatched = Object.keys(step.desired?.settings ?? {}).filter((field) => !deepEqual(result.live.settings[field], step.desired?.settings[field]));
        if (mismatched.length > 0) {
          reasons.push(`${key}: the service accepted the configuration but reports ${mismatched.map((f) => `${f} ${JSON.stringify(result.live.settings[f])}`).join(", ")}`);
        }
        return;
      }
      reasons.push(`${key}: ${messageOf(outcome.error)}`);
      // A new target whose Put failed may still have landed: keep the claim, so it is neither orphaned nor refused next time.
      const error = outcome.error as { putAttempted?: boolean };
      if ((step.action === "create" && error.putAttempted === true) || step.action === "claim") pending.add(key);
    });
    const outputs: BatchOutputs = {
      schemaVersion: BATCH_SCHEMA_VERSION,
      concurrency,
      configs: sortedRecord(configs),
      ...(pending.size > 0 && { pending: [...pending].sort() }),
    };
    if (reasons.length > 0) {
      // The host sends `properties` as the outputs to record as they are: `__provider` must be among them, or a
      // later refresh or destroy of this resource finds no provider to run.
      throw new BatchFailure(this.#adapter.resourceName, verb, steps.length, reasons, { id, properties: { ...outputs, [PROVIDER_KEY]: news[PROVIDER_KEY] } });
    }
    return outputs;
  }

  async #run(step: Step): Promise<{ kind: "deleted" } | { kind: "refused"; reason: string } | { kind: "live"; live: LiveTarget }> {
    const adapter = this.#adapter;
    if (step.action === "delete") {
      await adapter.delete(step.key);
      return { kind: "deleted" };
    }
    const desired = step.desired as DesiredTarget;
    if (step.action === "create" && !desired.adopt) {
      const existing = await adapter.get(step.key);
      // Exactly the values this create is about to write (defaults filled in on both sides): our own create, killed
      // after its Put and before Pulumi saved the result (cancel + refresh + up). Recording it is idempotent, as the
      // per-config resources do; any other value is still refused.
      const defaults = adapter.defaultsOf?.(step.key) ?? {};
      if (existing !== undefined && deepEqual({ ...defaults, ...existing.settings }, { ...defaults, ...desired.settings })) return { kind: "live", live: existing };
      if (existing !== undefined) return { kind: "refused", reason: takeoverRefusal(adapter.resourceName, step.key, existing.note) };
    }
    try {
      return { kind: "live", live: await adapter.put(step.key, desired.settings) };
    } catch (error) {
      if (error !== null && typeof error === "object") Object.defineProperty(error, "putAttempted", { value: true });
      throw error;
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first reasons in full, then how many more: a batch of 300 failures must not flood the terminal. */
function summarize(reasons: readonly string[], shown = 10): string {
  const head = reasons.slice(0, shown).join("; ");
  return reasons.length > shown ? `${head}; and ${reasons.length - shown} more` : head;
}
