/**
 * The batched policy's state and planning (the provider that uses them is `batch.ts`): the layout of its inputs and
 * outputs, reading them back, and what to do per target to go from what state records to what the program wants.
 *
 * Inputs and outputs are keyed by target, then field (`configs["shop:orders:LATEST"].maxAsyncRetryAttempts`).
 * Both leave out each field that is at its API's default (the adapter's `defaultsOf`): the engine ships inputs and
 * outputs through `check`, `diff` and `update` several times over (old and new, as protobuf Structs the
 * dynamic-provider host decodes value by value), returns the outputs to the program and stores both, so every value
 * left out is saved at each hop. An absent field means the default; comparisons fill the defaults back in first,
 * and so does the resource for the program (`configs` there has every field). Pulumi's property diff stays per
 * target and field; a field moving to or from its default reads as removed or added. `read` keeps a field that the
 * recorded outputs spell out (state written before outputs left defaults out holds every field), so a refresh of
 * such state reports no change.
 */
import type { dynamic } from "@pulumi/pulumi";
import { deepEqual } from "../shared/diff";
import { PROVIDER_KEY } from "../shared/dynamic/props";

export const BATCH_CONCURRENCY = { min: 1, max: 16, default: 8 } as const;
/** The layout version of the batch's outputs. */
export const BATCH_SCHEMA_VERSION = 1;

/** One target's settings, canonical: the same value whether it came from the program or from the cloud. */
export type Settings = Record<string, unknown>;

export type CheckedTarget = { readonly settings: Settings; readonly adopt: boolean } | { readonly failures: dynamic.CheckFailure[] };

/** One target in state: its live settings, and `adoptExisting: true` when the program adopted it. */
export type TargetState = Settings & { adoptExisting?: true };

/** The batch's outputs. */
export type BatchOutputs = {
  readonly schemaVersion: number;
  readonly concurrency: number;
  /** Targets this resource manages, with the settings the cloud holds (a field left out is at its default). */
  readonly configs: Record<string, TargetState>;
  /** New targets whose Put failed (and so may or may not have landed): Put again next `up`, deleted on destroy. */
  readonly pending?: string[];
};

export type RawProps = Record<string, unknown>;

export type DesiredTarget = { readonly settings: Settings; readonly adopt: boolean };
export type Step = { readonly key: string; readonly action: "create" | "claim" | "update" | "delete"; readonly desired?: DesiredTarget };

/** What to do per target to go from `old` to `desired` (`desired` with every field; `old` filled from `defaultsOf`), in key order. */
export function planSteps(old: BatchOutputs, desired: Record<string, DesiredTarget>, defaultsOf: (key: string) => Settings): Step[] {
  const steps: Step[] = [];
  const pending = new Set(old.pending ?? []);
  const keys = [...new Set([...Object.keys(old.configs), ...pending, ...Object.keys(desired)])].sort();
  for (const key of keys) {
    const want = desired[key];
    const have = old.configs[key];
    if (want === undefined) steps.push({ key, action: "delete" });
    else if (pending.has(key)) steps.push({ key, action: "claim", desired: want });
    else if (have === undefined) steps.push({ key, action: "create", desired: want });
    else if (!deepEqual({ ...defaultsOf(key), ...settingsOnly(have) }, want.settings)) steps.push({ key, action: "update", desired: want });
  }
  return steps;
}

/** The checked inputs' targets, with the defaults filled back in. */
export function desiredOf(news: RawProps, defaultsOf: (key: string) => Settings): Record<string, DesiredTarget> {
  const raw = (news["configs"] ?? {}) as Record<string, RawProps>;
  const desired: Record<string, DesiredTarget> = {};
  for (const [key, value] of Object.entries(raw)) {
    const { adoptExisting, ...settings } = value ?? {};
    desired[key] = { settings: { ...defaultsOf(key), ...settings }, adopt: adoptExisting === true };
  }
  return desired;
}

/** A target's settings as inputs and outputs hold them: without the fields at their default, except those in `kept`. */
export function withoutDefaults(settings: Settings, defaults: Settings, kept: readonly string[] = []): Settings {
  const sparse: Settings = {};
  for (const [field, value] of Object.entries(settings)) {
    if (!(field in defaults) || kept.includes(field) || !deepEqual(value, defaults[field])) sparse[field] = value;
  }
  return sparse;
}

export function parseOutputs(props: RawProps | undefined): BatchOutputs | undefined {
  const { [PROVIDER_KEY]: _ignored, ...rest } = props ?? {};
  const version = rest["schemaVersion"];
  if (version !== BATCH_SCHEMA_VERSION) return undefined;
  const configs = rest["configs"];
  if (configs === null || typeof configs !== "object" || Array.isArray(configs)) return undefined;
  const pending = Array.isArray(rest["pending"]) ? (rest["pending"] as unknown[]).filter((k): k is string => typeof k === "string") : [];
  return {
    schemaVersion: BATCH_SCHEMA_VERSION,
    concurrency: concurrencyOf(rest),
    configs: configs as Record<string, TargetState>,
    ...(pending.length > 0 && { pending }),
  };
}

export function concurrencyOf(props: RawProps): number {
  const value = props["concurrency"];
  return typeof value === "number" && Number.isInteger(value) && value >= BATCH_CONCURRENCY.min && value <= BATCH_CONCURRENCY.max ? value : BATCH_CONCURRENCY.default;
}

export const empty = (concurrency: number): BatchOutputs => ({ schemaVersion: BATCH_SCHEMA_VERSION, concurrency, configs: {} });

export function settingsOnly(state: TargetState): Settings {
  const { adoptExisting: _adopt, ...settings } = state;
  return settings;
}

export function withAdopt(settings: Settings, adopt: boolean): TargetState {
  return adopt ? { ...settings, adoptExisting: true } : { ...settings };
}

export function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key] as T]));
}
