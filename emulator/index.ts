import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AccountRegistry, type Account } from "./fc2/auth";
import { systemClock, type Clock } from "./core/clock";
import { ControlClient } from "./core/control/client";
import { FaultInjector } from "./core/control/faults";
import { systemScheduler, type Scheduler } from "./core/engine/scheduler";
import { InvocationService } from "./core/engine/service";
import { RequestCounts } from "./core/control/request-counts";
import { PageTokens } from "./core/paging/page-tokens";
import type { HandlerEnv } from "./core/operation";
import { describeUnexpected } from "./fc2/errors";
import { fcOperations } from "./fc2/operations";
import { createRequestListener } from "./core/pipeline";
import { Router } from "./core/routing";
import { openStore } from "./core/store";
import { createFc3Engine, createFc3Listener, fc3Operations, isFc3Path } from "./fc3";

/**
 * The Function Compute emulator, embeddable: `const fc = await start({ port: 0 })`, point an SDK or the
 * provider at `fc.url` with `fc.credentials`, and `await fc.close()` when done.
 */

export type { Account } from "./fc2/auth";
export { ManualClock, systemClock, type Clock } from "./core/clock";
export { ControlClient } from "./core/control/client";
export type { FaultConfigInput } from "./core/control/faults";
export { systemScheduler, VirtualClock, type Scheduler } from "./core/engine/scheduler";
export type { DestinationRecord, StatefulAsyncInvocation, TaskStatus } from "./core/engine/model";

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
  /**
   * Time for the async engine: retry delays, event ages, task timestamps. Real timers by default; a
   * `VirtualClock` lets a test move it by hand (`await clock.advance(ms)`) or through the control
   * surface (`/_emulator/clock/…`). It is separate from `clock` because the SDKs sign requests with the
   * real time, which authentication must keep accepting while a test moves the engine hours ahead.
   * When `clock` itself can schedule (it is a `VirtualClock`), it serves both.
   */
  asyncScheduler?: Scheduler;
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
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const pageTokens = new PageTokens();
  const invocations = new InvocationService({
    store,
    region,
    accountIds: () => accounts.accounts.map((a) => a.accountId),
    scheduler: options.asyncScheduler ?? asScheduler(clock, log),
    pageTokens,
    log,
  });
  const env: HandlerEnv = { store, clock, region, pageTokens, invocations };
  const router = new Router(fcOperations);
  const counts = new RequestCounts();
  const faults = new FaultInjector();
  // FC 3.0 runs on its own instance of the same engine, on the same time and the same function runtime.
  const fc3Engine = createFc3Engine({
    store,
    runtime: invocations.runtime,
    scheduler: invocations.scheduler,
    pageTokens,
    accountIds: () => accounts.accounts.map((a) => a.accountId),
    onError: (error) => log(`[fc-emulator] FC 3.0 async attempt failed inside the emulator: ${describeUnexpected(error)}`),
  });
  const fc2Listener = createRequestListener({ env, router, accounts, counts, faults, log });
  const fc3Listener = createFc3Listener({
    env: { store, clock, region, pageTokens, runtime: invocations.runtime, engine: fc3Engine },
    operations: fc3Operations,
    accounts,
    counts,
    faults,
    log,
  });

  const server: Server = createServer({ keepAlive: true }, (req, res) => (isFc3Path(req.url) ? fc3Listener(req, res) : fc2Listener(req, res)));
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
    fc3Engine.close();
    await invocations.close();
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
        fc3Engine.close();
        await invocations.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/** The engine schedules on `clock` when it can (a VirtualClock); otherwise real timers, read on `clock`. */
function asScheduler(clock: Clock, log: (line: string) => void): Scheduler {
  const candidate = clock as Partial<Scheduler>;
  if (typeof candidate.schedule === "function") return clock as Scheduler;
  const timers = systemScheduler((error) => log(`[fc-emulator] async engine task failed: ${describeUnexpected(error)}`));
  return { now: () => clock.now(), schedule: (delayMs, task) => timers.schedule(delayMs, task) };
}
