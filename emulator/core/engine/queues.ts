/**
 * The concurrency limiter: attempts of one function and qualifier that may run at once. An attempt
 * that finds its queue full waits; when one finishes, the longest-waiting one is handed back.
 */

interface Queue {
  active: number;
  waiting: string[];
}

export class ConcurrencyLimiter {
  readonly #max: number;
  readonly #queues = new Map<string, Queue>();

  constructor(maxPerQueue: number) {
    this.#max = maxPerQueue;
  }

  /**
   * Takes a slot in `queueKey` and returns its release, or puts `id` in line and returns undefined.
   * The release frees the slot and returns the id that waited longest in that queue, to be scheduled
   * now. It holds its own queue, so a `clear()` in between cannot make it free another queue's slot.
   */
  acquire(queueKey: string, id: string): (() => string | undefined) | undefined {
    let queue = this.#queues.get(queueKey);
    if (queue === undefined) {
      queue = { active: 0, waiting: [] };
      this.#queues.set(queueKey, queue);
    }
    if (queue.active >= this.#max) {
      queue.waiting.push(id);
      return undefined;
    }
    queue.active++;
    const held = queue;
    return () => {
      held.active--;
      return held.waiting.shift();
    };
  }

  /** Takes `id` out of every line (it was stopped while waiting). */
  forget(id: string): void {
    for (const queue of this.#queues.values()) queue.waiting = queue.waiting.filter((waiting) => waiting !== id);
  }

  clear(): void {
    this.#queues.clear();
  }
}
