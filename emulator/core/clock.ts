/**
 * Time, injected. Handlers stamp `createdTime` / `lastModifiedTime` with it and authentication
 * checks Date skew against it, so tests can pin the emulator's "now" instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: `advance(ms)` or `set(date)`. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: Date | string = "2024-01-01T00:00:00Z") {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  set(date: Date | string): void {
    this.#now = new Date(date).getTime();
  }
}

/** The cloud's timestamp format for resources: `2020-09-10T02:45:02Z` (second precision, UTC). */
export function fcTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
