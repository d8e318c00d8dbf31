/**
 * The rule set an estate is judged by, written once: `discover --check` applies it to what a live account holds,
 * and the policy pack (`policies.ts`) to what a program declares. A rule is a pure function of one config's
 * settings (absent fields mean the API's default; no config at all means every default) and, for the async-task
 * rule, the function's timeout.
 *
 * | rule | fails when | threshold (default) | enforcement (default) |
 * |---|---|---|---|
 * | `failure-destination-required` | no `onFailure` destination: a failed event is dropped silently | — | mandatory |
 * | `retries-within-range` | `maxAsyncRetryAttempts` outside `[min, max]` | 1–3 | advisory |
 * | `event-age-at-most` | `maxAsyncEventAgeInSeconds` above `maxSeconds` | 43200 (12 h) | advisory |
 * | `async-task-for-long-timeouts` | FC 2.0/3.0 function with a timeout above `timeoutAboveSeconds` and async tasks off | 600 s | advisory |
 * | `no-silent-defaults` | no config, or one whose every field is at the API's default | — | mandatory |
 *
 * `disabled` turns a rule off. The async-task rule needs the function's timeout, which a program's config resource
 * does not declare: the policy pack cannot apply it (it says so in the rule's description).
 */
import { MAX_ASYNC_EVENT_AGE_IN_SECONDS as FC2_AGE, MAX_ASYNC_RETRY_ATTEMPTS as FC2_RETRIES, STATEFUL_INVOCATION_DEFAULT } from "../../contracts/fc2";
import { ASYNC_TASK_DEFAULT, MAX_ASYNC_EVENT_AGE_IN_SECONDS as FC3_AGE, MAX_ASYNC_RETRY_ATTEMPTS as FC3_RETRIES } from "../../contracts/fc3";
import { ENABLE_ASYNC_STATUS_LOG_DEFAULT, MAX_ASYNC_EVENT_AGE_IN_SECONDS as FG_AGE, MAX_ASYNC_RETRY_ATTEMPTS as FG_RETRIES } from "../../contracts/functiongraph";
import type { EstateApi, FoundConfig } from "./model";

export const ENFORCEMENT_LEVELS = ["mandatory", "advisory", "disabled"] as const;
export type Enforcement = (typeof ENFORCEMENT_LEVELS)[number];

export const RULE_IDS = ["failure-destination-required", "retries-within-range", "event-age-at-most", "async-task-for-long-timeouts", "no-silent-defaults"] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Each rule's enforcement and thresholds. */
export interface RuleSettings {
  readonly "failure-destination-required": { readonly enforcement: Enforcement };
  readonly "retries-within-range": { readonly enforcement: Enforcement; readonly min: number; readonly max: number };
  readonly "event-age-at-most": { readonly enforcement: Enforcement; readonly maxSeconds: number };
  readonly "async-task-for-long-timeouts": { readonly enforcement: Enforcement; readonly timeoutAboveSeconds: number };
  readonly "no-silent-defaults": { readonly enforcement: Enforcement };
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  "failure-destination-required": { enforcement: "mandatory" },
  "retries-within-range": { enforcement: "advisory", min: 1, max: 3 },
  "event-age-at-most": { enforcement: "advisory", maxSeconds: 43_200 },
  "async-task-for-long-timeouts": { enforcement: "advisory", timeoutAboveSeconds: 600 },
  "no-silent-defaults": { enforcement: "mandatory" },
};

/** A config's settings as declared or read: any field may be left out (then it is at the API's default). */
export type ConfigSettings = { readonly [K in keyof FoundConfig]?: FoundConfig[K] | undefined };

/** What a rule judges: one qualifier's settings on one API (fields left out are at the API's default). */
export interface RuleSubject {
  readonly api: EstateApi;
  /** `null`: the qualifier has no config. */
  readonly config: ConfigSettings | null;
  /** The function's timeout in seconds, when known. */
  readonly timeoutSeconds?: number | undefined;
}

export interface Violation {
  readonly rule: RuleId;
  readonly enforcement: Exclude<Enforcement, "disabled">;
  /** The offending value, e.g. `none`, `8`, `86400 (default)`. */
  readonly value: string;
  /** One sentence: what is wrong and what the rule wants. */
  readonly message: string;
}

/** What each API does when a config leaves a field out (or there is no config), from its contract. */
export const API_DEFAULTS: Readonly<Record<EstateApi, { retries: number; eventAge: number; asyncTask: boolean | undefined; statusLog: boolean | undefined }>> = {
  fc2: { retries: FC2_RETRIES.default, eventAge: FC2_AGE.default, asyncTask: STATEFUL_INVOCATION_DEFAULT, statusLog: undefined },
  fc3: { retries: FC3_RETRIES.default, eventAge: FC3_AGE.default, asyncTask: ASYNC_TASK_DEFAULT, statusLog: undefined },
  functiongraph: { retries: FG_RETRIES.default, eventAge: FG_AGE.default, asyncTask: undefined, statusLog: ENABLE_ASYNC_STATUS_LOG_DEFAULT },
};

export interface RuleDefinition {
  readonly id: RuleId;
  /** One line for tables and the policy pack. */
  readonly description: string;
  /** `undefined` when the subject passes (or the rule does not apply to it). */
  check(subject: RuleSubject, settings: RuleSettings): { value: string; message: string } | undefined;
}

const withDefault = (value: number | undefined, fallback: number) => (value === undefined ? `${fallback} (default)` : String(value));

export const RULES: readonly RuleDefinition[] = [
  {
    id: "failure-destination-required",
    description: "every async config names an onFailure destination, so failed events are kept rather than dropped",
    check: (s) => {
      if (s.config?.destinationConfig?.onFailure !== undefined && s.config.destinationConfig.onFailure !== null) return undefined;
      return { value: s.config === null ? "none" : "no onFailure", message: "failed events are dropped: set destinationConfig.onFailure" };
    },
  },
  {
    id: "retries-within-range",
    description: "maxAsyncRetryAttempts within [min, max]",
    check: (s, settings) => {
      const { min, max } = settings["retries-within-range"];
      const given = s.config?.maxAsyncRetryAttempts;
      const retries = given ?? API_DEFAULTS[s.api].retries;
      if (retries >= min && retries <= max) return undefined;
      return { value: withDefault(given, retries), message: `maxAsyncRetryAttempts must be from ${min} to ${max}` };
    },
  },
  {
    id: "event-age-at-most",
    description: "maxAsyncEventAgeInSeconds at most maxSeconds",
    check: (s, settings) => {
      const { maxSeconds } = settings["event-age-at-most"];
      const given = s.config?.maxAsyncEventAgeInSeconds;
      const age = given ?? API_DEFAULTS[s.api].eventAge;
      if (age <= maxSeconds) return undefined;
      return { value: withDefault(given, age), message: `maxAsyncEventAgeInSeconds must be at most ${maxSeconds}` };
    },
  },
  {
    id: "async-task-for-long-timeouts",
    description: "FC functions whose timeout exceeds timeoutAboveSeconds run async invocations as async tasks (needs the function's timeout: discover only)",
    check: (s, settings) => {
      const { timeoutAboveSeconds } = settings["async-task-for-long-timeouts"];
      if (s.api === "functiongraph" || s.timeoutSeconds === undefined || s.timeoutSeconds <= timeoutAboveSeconds) return undefined;
      const on = s.config?.asyncTask ?? API_DEFAULTS[s.api].asyncTask;
      if (on === true) return undefined;
      return { value: `timeout ${s.timeoutSeconds} s, async tasks off`, message: `a function running longer than ${timeoutAboveSeconds} s must have async tasks on (${s.api === "fc2" ? "statefulInvocation" : "asyncTask"}: true)` };
    },
  },
  {
    id: "no-silent-defaults",
    description: "no function left at the API's silent defaults: no config, or a config with every field at its default",
    check: (s) => {
      if (s.config === null) return { value: "none", message: "no async config: the API's defaults apply (retries, a day's event age, failures dropped)" };
      if (!atDefaults(s.api, s.config)) return undefined;
      return { value: "every field at its default", message: "the config only restates the API's defaults: decide the values" };
    },
  },
];

/** True when a config sets nothing that differs from the API's defaults. */
export function atDefaults(api: EstateApi, config: ConfigSettings): boolean {
  const d = API_DEFAULTS[api];
  const dest = config.destinationConfig ?? {};
  return (
    (config.maxAsyncRetryAttempts ?? d.retries) === d.retries &&
    (config.maxAsyncEventAgeInSeconds ?? d.eventAge) === d.eventAge &&
    (d.asyncTask === undefined || (config.asyncTask ?? d.asyncTask) === d.asyncTask) &&
    (d.statusLog === undefined || (config.enableAsyncStatusLog ?? d.statusLog) === d.statusLog) &&
    (dest.onSuccess === undefined || dest.onSuccess === null) &&
    (dest.onFailure === undefined || dest.onFailure === null)
  );
}

/** Every rule the subject breaks, in the order of `RULES`; disabled rules are skipped. */
export function evaluate(subject: RuleSubject, settings: RuleSettings = DEFAULT_RULE_SETTINGS): Violation[] {
  const found: Violation[] = [];
  for (const rule of RULES) {
    const enforcement = settings[rule.id].enforcement;
    if (enforcement === "disabled") continue;
    const failed = rule.check(subject, settings);
    if (failed) found.push({ rule: rule.id, enforcement, ...failed });
  }
  return found;
}

/**
 * Settings with overrides applied: `{ "event-age-at-most": { maxSeconds: 3600 } }`, `{ "retries-within-range":
 * { enforcement: "mandatory" } }`. An unknown rule, field or level is an error naming it and the allowed values.
 */
export function ruleSettings(overrides: Readonly<Record<string, unknown>> = {}): RuleSettings {
  const out: Record<string, Record<string, unknown>> = {};
  for (const id of RULE_IDS) out[id] = { ...DEFAULT_RULE_SETTINGS[id] };
  for (const [id, value] of Object.entries(overrides)) {
    const base = out[id];
    if (base === undefined) throw new RangeError(`unknown rule ${JSON.stringify(id)}; allowed: ${RULE_IDS.join(", ")}`);
    if (typeof value !== "object" || value === null) throw new RangeError(`rule ${id} must be an object of ${Object.keys(base).join(", ")}`);
    for (const [field, given] of Object.entries(value)) {
      if (!(field in base)) throw new RangeError(`rule ${id} has no setting ${JSON.stringify(field)}; allowed: ${Object.keys(base).join(", ")}`);
      if (field === "enforcement") {
        if (!ENFORCEMENT_LEVELS.includes(given as Enforcement)) throw new RangeError(`rule ${id}: enforcement must be one of ${ENFORCEMENT_LEVELS.join(", ")}; got ${JSON.stringify(given)}`);
      } else if (!Number.isInteger(given) || (given as number) < 0) {
        throw new RangeError(`rule ${id}: ${field} must be a whole number ≥ 0; got ${JSON.stringify(given)}`);
      }
      base[field] = given;
    }
  }
  const r = out["retries-within-range"] as { min: number; max: number };
  if (r.min > r.max) throw new RangeError(`rule retries-within-range: min (${r.min}) must not exceed max (${r.max})`);
  return out as unknown as RuleSettings;
}
