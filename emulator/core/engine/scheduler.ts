/**
 * Time for the async engine and the function runtime: "what time is it" and "run this later".
 *
 * The engine never calls `setTimeout` or `Date.now()` itself. The real server gets `systemScheduler`;
 * tests get a `VirtualClock` and move time by hand, so a retry schedule of 0.5 s, 1 s, 2 s … or an
 * event age of a day is exercised in microseconds and in a repeatable order — no test sleeps.
 *
 * `now()` returns a `Date` so that a `VirtualClock` also satisfies the emulator's plain `Clock`
 * (`emulator/clock.ts`): one object can drive both the resource timestamps and the engine.
 */

export interface TimerHandle {
  /** Cancels the task if it has not started; a no-op afterwards. */
  cancel(): void;
}

/** A task may be async: a virtual clock waits for it before it runs the next one. */
export type ScheduledTask = () => void | Promise<void>;

export interface Scheduler {
  now(): Date;
  /** Runs `task` once, `delayMs` (≥ 0) from now. */
  schedule(delayMs: number, task: ScheduledTask): TimerHandle;
}

/** Where a scheduled task's failure goes: the engine handles its own errors, so this is a last resort. */
export type TaskErrorSink = (error: unknown) => void;

/** Real time. Timers are unref'd: pending retries never keep a process (or a test run) alive. */
export function systemScheduler(onError: TaskErrorSink = () => {}): Scheduler {
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
export class VirtualClock implements Scheduler {
  #now: number;
  #seq = 0;
  #timers: VirtualTimer[] = [];
  /** Serializes `advance` calls that arrive together (two control requests, say). */
  #running: Promise<void> = Promise.resolve();

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

  /** Runs every task due by now + `ms`, moving time to each task's due instant as it goes. */
  advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms ≥ 0, got ${ms}`);
    return this.#exclusive(() => this.#runUntil(this.#now + ms));
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
    const run = this.#running.then(work);
    // The chain must survive a failed run, or every later advance would reject too.
    this.#running = run.catch(() => {});
    return run;
  }
}
