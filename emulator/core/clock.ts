/**
 * Time, injected — the emulator's one clock abstraction. Authentication checks signed timestamps
 * against `now()`, handlers stamp `createdTime` / `lastModifiedTime` with it, and the async engine and
 * the function runtime never call `setTimeout` or `Date.now()` themselves: every "later" is
 * `schedule()`. The server runs on `systemClock` (or `realClock(onError)`); tests use a `VirtualClock`
 * and move it by hand, so a retry schedule of 0.5 s, 1 s, 2 s … or an event age of a day is exercised
 * in microseconds and in a repeatable order — no test sleeps.
 *
 * `start()` takes two: `clock` for what requests see and `asyncScheduler` for the engine, because the
 * SDKs sign with the real time, which authentication must keep accepting while a test moves the engine
 * hours ahead. One VirtualClock may serve both.
 */

export interface TimerHandle {
  /** Cancels the task if it has not started; a no-op afterwards. */
  cancel(): void;
}

/** A task may be async: a virtual clock waits for it before it runs the next one. */
export type ScheduledTask = () => void | Promise<void>;

export interface Clock {
  now(): Date;
  /** Runs `task` once, `delayMs` (≥ 0) from now. */
  schedule(delayMs: number, task: ScheduledTask): TimerHandle;
}

/** Where a scheduled task's failure goes: the engine handles its own errors, so this is a last resort. */
export type TaskErrorSink = (error: unknown) => void;

/** Real time. Timers are unref'd: pending retries never keep a process (or a test run) alive. */
export function realClock(onError: TaskErrorSink = () => {}): Clock {
  return {
    now: () => new Date(),
    schedule(delayMs, task) {
      const timer = setTimeout(() => {
        try {
          const result = task();
          if (result !== undefined) result.catch(onError);
        } catch (error) {
          onError(error);
        }
      }, Math.max(0, delayMs));
      timer.unref();
      return { cancel: () => clearTimeout(timer) };
    },
  };
}

/** Real time, with failures of scheduled tasks dropped (give `realClock` a sink to see them). */
export const systemClock: Clock = realClock();

interface VirtualTimer {
  readonly at: number;
  /** Tie-breaker: timers due at the same instant run in the order they were scheduled. */
  readonly seq: number;
  readonly task: ScheduledTask;
}

/** Default start: a fixed instant, so timestamps in test expectations are literal numbers. */
export const VIRTUAL_EPOCH = "2026-01-01T00:00:00.000Z";

/**
 * Time that moves only when told to. Due tasks run one at a time, in (due time, scheduling order), and
 * each is awaited before the next starts — so "advance 1 s" means every retry due in that second has
 * finished, including the destination deliveries it triggered, when the promise resolves.
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: VirtualTimer[] = [];
  /** Serializes `advance` calls that arrive together (two control requests, say). */
  #running: Promise<void> = Promise.resolve();
  /** Runs queued or in progress on `#running`. */
  #busy = 0;

  constructor(start: Date | string = VIRTUAL_EPOCH) {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  schedule(delayMs: number, task: ScheduledTask): TimerHandle {
    const timer: VirtualTimer = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, task };
    this.#timers.push(timer);
    return {
      cancel: () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
      },
    };
  }

  /** How many tasks are waiting; tests use it to assert that nothing more is scheduled. */
  pending(): number {
    return this.#timers.length;
  }

  /** When the earliest pending task is due, or `undefined` when none is. */
  nextDueAt(): Date | undefined {
    const next = this.#earliest();
    return next === undefined ? undefined : new Date(next.at);
  }

  /**
   * Runs every task due by now + `ms`, moving time to each task's due instant as it goes. When nothing
   * is due in that span and nothing is running, time moves at once, before the promise is awaited: a
   * test that only reads the time (signatures, timestamps) may advance without awaiting.
   */
  advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms ≥ 0, got ${ms}`);
    const target = this.#now + ms;
    const next = this.#earliest();
    if (this.#busy === 0 && (next === undefined || next.at > target)) {
      this.#now = target;
      return Promise.resolve();
    }
    return this.#exclusive(() => this.#runUntil(target));
  }

  /**
   * Sets the time, either way, WITHOUT running anything (as `jump`, but absolute): for tests of what
   * reads the time, such as a signature's allowed skew. Tasks that became due run at the next `advance`.
   */
  set(date: Date | string): void {
    const at = new Date(date).getTime();
    if (Number.isNaN(at)) throw new RangeError(`set(date) needs a valid date, got ${String(date)}`);
    this.#now = at;
  }

  /** Runs the tasks due at the current instant (and those they schedule for that instant). */
  runDue(): Promise<void> {
    return this.advance(0);
  }

  /**
   * Runs tasks, jumping time forward to each, until none is left. `maxTasks` stops a schedule that
   * never drains (throttling retries go on for hours) from hanging a test: it throws instead.
   */
  runUntilIdle(maxTasks = 10_000): Promise<void> {
    return this.#exclusive(async () => {
      for (let ran = 0; ; ran++) {
        const next = this.#earliest();
        if (next === undefined) return;
        if (ran >= maxTasks) throw new Error(`VirtualClock.runUntilIdle: still busy after ${maxTasks} tasks`);
        await this.#run(next);
      }
    });
  }

  /**
   * Moves time forward WITHOUT running anything: the emulator was stopped, or its queue was stuck.
   * Tasks that became due run at the next `advance`/`runDue`, late — which is how an event can
   * exceed its maximum age before its first attempt.
   */
  jump(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`jump(ms) needs a finite ms ≥ 0, got ${ms}`);
    this.#now += ms;
  }

  #earliest(): VirtualTimer | undefined {
    let best: VirtualTimer | undefined;
    for (const t of this.#timers) {
      if (best === undefined || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  async #runUntil(target: number): Promise<void> {
    for (;;) {
      const next = this.#earliest();
      if (next === undefined || next.at > target) break;
      await this.#run(next);
    }
    this.#now = Math.max(this.#now, target);
  }

  async #run(timer: VirtualTimer): Promise<void> {
    this.#timers = this.#timers.filter((t) => t !== timer);
    // A task that was due while time jumped runs late, at the current instant: time never goes back.
    this.#now = Math.max(this.#now, timer.at);
    await timer.task();
  }

  #exclusive(work: () => Promise<void>): Promise<void> {
    this.#busy++;
    const run = this.#running.then(work).finally(() => {
      this.#busy--;
    });
    // The chain must survive a failed run, or every later advance would reject too.
    this.#running = run.catch(() => {});
    return run;
  }
}

/** The clouds' timestamp format for resources: `2020-09-10T02:45:02Z` (second precision, UTC). */
export function fcTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
