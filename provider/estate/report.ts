/**
 * How discover shows an estate: a table for people, one JSON document for scripts, and the violations of
 * `--check`, each named by API, function, qualifier, rule and value.
 */
import { entryName, type Estate, type EstateEntry } from "./model";
import { evaluate, type RuleSettings, type Violation } from "./rules";

export interface JudgedEntry extends EstateEntry {
  /** Present when the rules were applied (`--check`). */
  readonly violations?: Violation[] | undefined;
}

/** A destination as one short text: an FC resource name, or FunctionGraph's `TYPE:target`. */
export function destinationText(d: unknown): string {
  if (d === undefined || d === null) return "-";
  const o = d as Record<string, unknown>;
  if (typeof o["destination"] === "string") return o["destination"];
  const target = o["bucket"] ?? o["topicUrn"] ?? o["streamName"] ?? o["functionUrn"];
  return typeof o["type"] === "string" ? `${o["type"]}:${String(target ?? "")}` : JSON.stringify(d);
}

export function judge(estate: Estate, settings: RuleSettings): JudgedEntry[] {
  return estate.entries.map((entry) => ({ ...entry, violations: evaluate({ api: entry.api, config: entry.config, timeoutSeconds: entry.timeoutSeconds }, settings) }));
}

function row(e: JudgedEntry, check: boolean): string[] {
  const c = e.config;
  const cells = [
    e.api,
    entryName(e).replace(/:[^:]*$/, ""),
    e.qualifier,
    e.timeoutSeconds === undefined ? "-" : String(e.timeoutSeconds),
    c ? String(c.maxAsyncRetryAttempts) : "none",
    c ? String(c.maxAsyncEventAgeInSeconds) : "",
    c ? (c.asyncTask === undefined ? "-" : String(c.asyncTask)) : "",
    c ? destinationText(c.destinationConfig.onFailure) : "",
    c ? destinationText(c.destinationConfig.onSuccess) : "",
  ];
  if (check) cells.push((e.violations ?? []).map((v) => v.rule).join(",") || "ok");
  return cells;
}

/** A plain-text table, one line per function × qualifier; `none` where the qualifier has no config. */
export function formatTable(entries: readonly JudgedEntry[], check: boolean): string {
  const header = ["API", "FUNCTION", "QUALIFIER", "TIMEOUT", "RETRIES", "EVENT AGE", "ASYNC TASK", "ON FAILURE", "ON SUCCESS", ...(check ? ["RULES BROKEN"] : [])];
  const rows = [header, ...entries.map((e) => row(e, check))];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ").trimEnd()).join("\n");
}

/** One line per violation: `mandatory fc2 shop/orders:LATEST failure-destination-required (none): …`. */
export function formatViolations(entries: readonly JudgedEntry[]): string[] {
  return entries.flatMap((e) => (e.violations ?? []).map((v) => `${v.enforcement} ${e.api} ${entryName(e)} ${v.rule} (${v.value}): ${v.message}`));
}

export interface Summary {
  readonly functions: number;
  readonly qualifiers: number;
  readonly withConfig: number;
  readonly mandatory: number;
  readonly advisory: number;
  readonly errors: number;
}

export function summarize(entries: readonly JudgedEntry[], errors: number): Summary {
  const functions = new Set(entries.map((e) => `${e.api}\u0000${e.serviceName ?? e.package ?? ""}\u0000${e.functionName}`)).size;
  const all = entries.flatMap((e) => e.violations ?? []);
  return {
    functions,
    qualifiers: entries.length,
    withConfig: entries.filter((e) => e.config !== null).length,
    mandatory: all.filter((v) => v.enforcement === "mandatory").length,
    advisory: all.filter((v) => v.enforcement === "advisory").length,
    errors,
  };
}

/** The `--json` document. */
export function jsonReport(entries: readonly JudgedEntry[], estate: Estate, check: boolean): string {
  return JSON.stringify({ summary: summarize(entries, estate.errors.length), entries: entries.map((e) => (check ? e : { ...e, violations: undefined })), errors: estate.errors }, null, 2);
}
