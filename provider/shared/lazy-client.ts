/**
 * An API client's calls, with the client (and its modules: undici, the transport, signing) loaded on the first call.
 *
 * The provider process loads a resource's implementation on `configure`, and `check` and `diff` — all a no-op
 * preview runs — make no API call: they should not wait ~60–100 ms for an HTTP stack they will not use. Each
 * provider hands in an async `load` that imports its client module (`await import("./client.js")`, which works
 * compiled and under the test runner alike) and builds the client. The first call starts the load and every call
 * waits for it; a failed load is not kept, so the next call reports its error again rather than a stale promise.
 */
export function lazyCalls<Client, Method extends keyof Client>(
  load: () => Promise<Client>,
  methods: readonly Method[],
): { [M in Method]: Client[M] } {
  let client: Promise<Client> | undefined;
  const connect = (): Promise<Client> =>
    (client ??= load().catch((error: unknown) => {
      client = undefined;
      throw error;
    }));
  const calls = {} as { [M in Method]: Client[M] };
  for (const method of methods) {
    const call = async (...args: unknown[]) => {
      const loaded = await connect();
      return (loaded[method] as (...a: unknown[]) => unknown).apply(loaded, args);
    };
    calls[method] = call as Client[typeof method];
  }
  return calls;
}
