/**
 * Bounded parallelism for batches of API calls.
 *
 * `settleLimited` runs one task per item with at most `limit` in flight and never rejects: every item gets an
 * outcome, so a batch that fails half-way still knows exactly which calls went through. Results keep the items'
 * order, whatever order the calls finish in.
 */

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export async function settleLimited<I, T>(items: readonly I[], limit: number, task: (item: I, index: number) => Promise<T>): Promise<Outcome<T>[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer; got ${limit}`);
  const outcomes: Outcome<T>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        outcomes[index] = { ok: true, value: await task(items[index] as I, index) };
      } catch (error) {
        outcomes[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return outcomes;
}
