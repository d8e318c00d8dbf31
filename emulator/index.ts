import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AccountRegistry, type Account } from "./auth";
import { systemClock, type Clock } from "./clock";
import { ControlClient } from "./control/client";
import { FaultInjector } from "./control/faults";
import { RequestCounts } from "./control/request-counts";
import { PageTokens } from "./handlers/support/page-tokens";
import type { HandlerEnv } from "./operation";
import { fcOperations } from "./operations";
import { createRequestListener } from "./pipeline";
import { Router } from "./routing";
import { openStore } from "./store";

/**
 * The Function Compute emulator, embeddable: `const fc = await start({ port: 0 })`, point an SDK or the
 * provider at `fc.url` with `fc.credentials`, and `await fc.close()` when done.
 */

export type { Account } from "./auth";
export { ManualClock, systemClock, type Clock } from "./clock";
export { ControlClient } from "./control/client";
export type { FaultConfigInput } from "./control/faults";

/**
 * The built-in account when none are given. These are the emulator's own dummy credentials, the same on
 * every run so that examples and stack configs can name them; they open nothing but a local emulator.
 */
export const DEFAULT_ACCOUNT: Readonly<Account> = Object.freeze({
  accountId: "1234567890123456",
  accessKeyId: "LTAIEmulatorDefaultKey",
  accessKeySecret: "EmulatorDefaultSecretNotForProduction",
});

export const DEFAULT_REGION = "cn-hangzhou";

export interface StartOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default, so nothing outside the machine can reach it. */
  host?: string;
  /** Keep state in this directory (durable across restarts and kill -9); memory only when absent. */
  dataDir?: string;
  /** Accounts and their keys; the first is the one `credentials` names. Default: `[DEFAULT_ACCOUNT]`. */
  accounts?: Account[];
  clock?: Clock;
  region?: string;
  /** Where unexpected internal errors are reported; stderr by default. */
  log?: (line: string) => void;
}

export interface Emulator {
  /** `http://host:port`, to use as the SDKs' endpoint. */
  readonly url: string;
  readonly region: string;
  /** The first account's credentials. */
  readonly credentials: Readonly<Account>;
  readonly accounts: readonly Account[];
  /** The control surface (`/_emulator/`): faults, request counts, STS credentials, reset. */
  readonly control: ControlClient;
  close(): Promise<void>;
}

export async function start(options: StartOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? systemClock;
  const region = options.region ?? DEFAULT_REGION;
  const accounts = new AccountRegistry(options.accounts ?? [{ ...DEFAULT_ACCOUNT }], () => clock.now());
  const first = accounts.accounts[0];
  if (!first) throw new Error("start() needs at least one account");
  const store = openStore(options.dataDir);
  const env: HandlerEnv = { store, clock, region, pageTokens: new PageTokens() };
  const router = new Router(fcOperations);

  const server: Server = createServer(
    { keepAlive: true },
    createRequestListener({
      env,
      router,
      accounts,
      clock,
      counts: new RequestCounts(),
      faults: new FaultInjector(),
      log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
    }),
  );
  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    region,
    credentials: first,
    accounts: accounts.accounts,
    control: new ControlClient(url),
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Clients keep connections alive; without this close() would wait for their idle timeout.
          server.closeAllConnections();
        });
        await store.close();
      })();
      return closing;
    },
  };
}
