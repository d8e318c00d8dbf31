import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AccountRegistry, derivedProjectId, type Account, type RegisteredAccount } from "./core/accounts";
import { ApiRegistry, type ApiModule } from "./core/api";
import { realClock, type Clock } from "./core/clock";
import { ControlClient } from "./core/control/client";
import { FaultInjector } from "./core/control/faults";
import { InvocationService } from "./core/engine/service";
import { RequestCounts } from "./core/control/request-counts";
import { PageTokens } from "./core/paging/page-tokens";
import type { HandlerEnv } from "./core/operation";
import { describeUnexpected } from "./core/errors";
import { engineTables } from "./core/engine/tables";
import { createRequestListener } from "./core/pipeline";
import { openStore, TableRegistry } from "./core/store";
import { fc2Api } from "./fc2";
import { fc3Api } from "./fc3";
import { DEFAULT_FUNCTIONGRAPH_REGION, functionGraphApi } from "./functiongraph";

/**
 * The emulator, embeddable: `const fc = await start({ port: 0 })`, point an SDK or the provider at
 * `fc.url` with `fc.credentials`, and `await fc.close()` when done.
 *
 * This file is where the APIs are registered with the core: `APIS` below. Adding an API is adding its
 * folder and one entry there (see CONTRIBUTING.md, "Adding an API to the emulator").
 */

/** What start() hands the APIs whose settings are their own: FunctionGraph's region (Huawei's regions are not FC's). */
export interface ApiSettings {
  readonly functionGraphRegion: string;
}

/** Every API the emulator answers, in order, for these settings; the first answers paths no API owns. */
export function emulatorApis(settings: ApiSettings): readonly ApiModule[] {
  return [fc2Api, fc3Api, functionGraphApi({ region: settings.functionGraphRegion })];
}

/** The APIs with the default settings (their tables and operation names do not depend on the settings). */
export const APIS: readonly ApiModule[] = emulatorApis({ functionGraphRegion: DEFAULT_FUNCTIONGRAPH_REGION });

/** Every store table: the engine's and each API's. A `FileStore` opened by hand needs it. */
export function emulatorTables(): TableRegistry {
  return new TableRegistry([{ owner: "core/engine", tables: engineTables }, ...APIS.map((api) => ({ owner: api.name, tables: api.tables }))]);
}

export type { Account, Principal, RegisteredAccount } from "./core/accounts";
export { realClock, systemClock, VirtualClock, VIRTUAL_EPOCH, type Clock } from "./core/clock";
export { ControlClient } from "./core/control/client";
export type { FaultConfigInput } from "./core/control/faults";
export type { DestinationRecord, StatefulAsyncInvocation, TaskStatus } from "./fc2/async/model";

/**
 * The built-in account when none are given. These are the emulator's own dummy credentials, the same on
 * every run so that examples and stack configs can name them; they open nothing but a local emulator.
 */
export const DEFAULT_ACCOUNT: Readonly<RegisteredAccount> = Object.freeze({
  accountId: "1234567890123456",
  accessKeyId: "LTAIEmulatorDefaultKey",
  accessKeySecret: "EmulatorDefaultSecretNotForProduction",
  /** FunctionGraph's `/v2/{project_id}/…`; fixed so stack configs can name it. */
  projectId: "0e6f3a1c9b2d4e5f8a7b6c5d4e3f2a1b",
});

export const DEFAULT_REGION = "cn-hangzhou";
export { DEFAULT_FUNCTIONGRAPH_REGION };

export interface StartOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default, so nothing outside the machine can reach it. */
  host?: string;
  /** Keep state in this directory (durable across restarts and kill -9); memory only when absent. */
  dataDir?: string;
  /** Accounts and their keys; the first is the one `credentials` names. Default: `[DEFAULT_ACCOUNT]`. */
  accounts?: Account[];
  /** What requests see: signed timestamps are checked and resources stamped against it. Real time by default. */
  clock?: Clock;
  /**
   * Time for the async engine: retry delays, event ages, task timestamps; `clock` by default. A
   * `VirtualClock` lets a test move it by hand (`await clock.advance(ms)`) or through the control
   * surface (`/_emulator/clock/…`). It is separate from `clock` because the SDKs sign requests with the
   * real time, which authentication must keep accepting while a test moves the engine hours ahead.
   */
  asyncScheduler?: Clock;
  /** The region of Function Compute 2.0 and 3.0 (their ARNs and endpoints name it); `DEFAULT_REGION` by default. */
  region?: string;
  /** The region FunctionGraph's URNs name (`urn:fss:{region}:{project_id}:…`); `DEFAULT_FUNCTIONGRAPH_REGION` by default. */
  functionGraphRegion?: string;
  /** Where unexpected internal errors are reported; stderr by default. */
  log?: (line: string) => void;
}

export interface Emulator {
  /** `http://host:port`, to use as the SDKs' endpoint. */
  readonly url: string;
  readonly region: string;
  /** The first account's credentials (with its project id). */
  readonly credentials: Readonly<RegisteredAccount>;
  /** The first account's project id (FunctionGraph paths name it): `credentials.projectId`. */
  readonly projectId: string;
  readonly accounts: readonly RegisteredAccount[];
  /** The region FunctionGraph's URNs name (`start({ functionGraphRegion })`, `cn-north-4` by default). */
  readonly functiongraphRegion: string;
  /** How each API's client connects to this emulator, for the first account: what `fc-emulator --json` prints. */
  readonly connections: EmulatorConnections;
  /** The control surface (`/_emulator/`): faults, request counts, STS credentials, reset; the dashboard at `/_emulator/ui`. */
  readonly control: ControlClient;
  close(): Promise<void>;
}

/** An Alibaba Cloud API's client settings: endpoint, account and AccessKey pair, region. */
export interface AlibabaConnection {
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** FunctionGraph's client settings (the huaweicloud provider's and SDK's names): endpoint, project, region, AK/SK. */
export interface FunctionGraphConnection {
  readonly endpoint: string;
  readonly region: string;
  readonly projectId: string;
  readonly accessKey: string;
  readonly secretKey: string;
}

export interface EmulatorConnections {
  /** Function Compute 2.0: `/2016-08-15` (`@alicloud/fc2`) and `/2021-04-06` (`@alicloud/fc-open20210406`). */
  readonly fc2: AlibabaConnection;
  /** Function Compute 3.0: `/2023-03-30` (`@alicloud/fc20230330`). */
  readonly fc3: AlibabaConnection;
  /** FunctionGraph v2: `/v2/{project_id}/fgs/` (`@huaweicloud/huaweicloud-sdk-functiongraph`). */
  readonly functiongraph: FunctionGraphConnection;
}

export function connectionsOf(url: string, region: string, functiongraphRegion: string, account: Readonly<RegisteredAccount>): EmulatorConnections {
  const alibaba = { endpoint: url, region, accountId: account.accountId, accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
  return {
    fc2: alibaba,
    fc3: alibaba,
    functiongraph: { endpoint: url, region: functiongraphRegion, projectId: account.projectId, accessKey: account.accessKeyId, secretKey: account.accessKeySecret },
  };
}

export async function start(options: StartOptions = {}): Promise<Emulator> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = options.clock ?? realClock((error) => log(`[emulator] async engine task failed: ${describeUnexpected(error)}`));
  const region = options.region ?? DEFAULT_REGION;
  const functiongraphRegion = options.functionGraphRegion ?? DEFAULT_FUNCTIONGRAPH_REGION;
  const apiModules = emulatorApis({ functionGraphRegion: functiongraphRegion });
  const accounts = new AccountRegistry(options.accounts ?? [{ ...DEFAULT_ACCOUNT }], () => clock.now());
  const first = accounts.accounts[0];
  if (!first) throw new Error("start() needs at least one account");
  const apis = new ApiRegistry(apiModules);
  const store = openStore(options.dataDir, emulatorTables());
  const pageTokens = new PageTokens();
  const invocations = new InvocationService({
    store,
    region,
    apis: apiModules,
    accountIds: () => accounts.accounts.map((a) => a.accountId),
    projectOf: (accountId) => accounts.accounts.find((a) => a.accountId === accountId)?.projectId ?? derivedProjectId(accountId),
    clock: options.asyncScheduler ?? clock,
    pageTokens,
    log,
  });
  const env: HandlerEnv = { store, clock, region, accounts, pageTokens, invocations };

  const server: Server = createServer(
    { keepAlive: true },
    createRequestListener({
      env,
      apis,
      accounts,
      counts: new RequestCounts(),
      faults: new FaultInjector(),
      log,
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
    projectId: first.projectId,
    accounts: accounts.accounts,
    functiongraphRegion,
    connections: connectionsOf(url, region, functiongraphRegion, first),
    control: new ControlClient(url),
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Clients keep connections alive; without this close() would wait for their idle timeout.
          server.closeAllConnections();
        });
        await invocations.close();
        await store.close();
      })();
      return closing;
    },
  };
}

