// Wording of validation failures, the same for every API: each says what is allowed and what was given.
import { z } from "zod";

/** A short rendering of a rejected value for messages; never long enough to flood a terminal. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A zod error option: `must be {rule}; got {value}`. */
export function must(rule: string) {
  return { error: (issue: { input?: unknown }) => `must be ${rule}; got ${describeValue(issue.input)}` };
}

/** A range with its default, as the contracts state them. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** An integer schema for `range` whose every failure states the range and the default. */
export function intInRange(range: IntRange) {
  const rule = `an integer from ${range.min} to ${range.max} (default ${range.default})`;
  return z.number(must(rule)).int(must(rule)).min(range.min, must(rule)).max(range.max, must(rule));
}
