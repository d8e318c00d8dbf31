/**
 * How many requests each FC operation received, by the cloud's action name — every routed request,
 * whether it then failed authentication, validation or an injected fault. Tests use it to prove, for
 * example, that a no-op `pulumi preview` made zero PutFunctionAsyncInvokeConfig calls.
 */
export class RequestCounts {
  #counts = new Map<string, number>();

  increment(operation: string): void {
    this.#counts.set(operation, (this.#counts.get(operation) ?? 0) + 1);
  }

  /** Operations in name order; operations never called are absent. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  reset(): void {
    this.#counts = new Map();
  }
}
