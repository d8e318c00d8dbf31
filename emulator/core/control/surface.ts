import { z } from "zod";
import type { AccountRegistry } from "../accounts";
import type { InvocationService } from "../engine/service";
import { CoreError, invalidArgument } from "../errors";
import type { HandlerResponse } from "../operation";
import type { Store } from "../store";
import { parseControl } from "./parse";
import { handleAsyncControl } from "./async";
import { handleDashboard } from "./dashboard";
import { faultConfigSchema, type FaultInjector } from "./faults";
import type { ApiModule } from "../api";
import type { RequestCounts } from "./request-counts";

/**
 * The emulator's own endpoints, under `/_emulator/` on the emulator's port — never under an API's
 * prefix, never counted, never faulted, and not signed: they are for the test or person driving the
 * emulator. Their errors are worded by the default API (the first registered).
 *
 *   GET    /_emulator/health     → { status, region, store, accounts }
 *   GET    /_emulator/requests   → { counts: { PutFunctionAsyncInvokeConfig: 2, … } }
 *   DELETE /_emulator/requests   → reset the counts
 *   GET    /_emulator/faults     → { config, stats }
 *   PUT    /_emulator/faults     → set faults (see faults.ts), answers { config, stats }
 *   DELETE /_emulator/faults     → no more faults
 *   POST   /_emulator/sts        → { accountId?, durationSeconds? } → STS credentials for the account
 *   POST   /_emulator/reset      → forget all resources, counts and faults (and async events, kept messages)
 *
 * The async engine's routes (destinations, its clock) are in `async.ts`, the dashboard's (`/_emulator/ui`) in
 * `dashboard.ts`; `handleControl` tries them first.
 */

export const CONTROL_PREFIX = "/_emulator/";

export interface ControlContext {
  readonly region: string;
  readonly store: Store;
  readonly accounts: AccountRegistry;
  readonly counts: RequestCounts;
  readonly faults: FaultInjector;
  readonly operationNames: ReadonlySet<string>;
  readonly invocations: InvocationService;
  /** The registered APIs, in order: the dashboard lists each one's inventory. */
  readonly apis: readonly ApiModule[];
}

const stsRequest = z.strictObject({
  accountId: z.string().optional(),
  durationSeconds: z.number().int().min(1).max(43_200).optional(),
});

export async function handleControl(ctx: ControlContext, method: string, path: string, body: Buffer): Promise<HandlerResponse> {
  const route = `${method} ${path.replace(/\/+$/, "")}`;
  const accountIds = () => [...new Set(ctx.accounts.accounts.map((a) => a.accountId))];
  const page = handleDashboard({ ...ctx, accountIds }, method, path);
  if (page !== undefined) return page;
  const engineResponse = await handleAsyncControl(ctx.invocations, route, body);
  if (engineResponse !== undefined) return engineResponse;
  switch (route) {
    case "GET /_emulator/health":
      return {
        status: 200,
        body: {
          status: "ok",
          region: ctx.region,
          store: ctx.store.kind,
          accounts: [...new Set(ctx.accounts.accounts.map((a) => a.accountId))],
        },
      };
    case "GET /_emulator/requests":
      return { status: 200, body: { counts: ctx.counts.snapshot() } };
    case "DELETE /_emulator/requests":
      ctx.counts.reset();
      return { status: 204 };
    case "GET /_emulator/faults":
      return { status: 200, body: { config: ctx.faults.config ?? null, stats: ctx.faults.stats } };
    case "PUT /_emulator/faults": {
      const config = parseControl(faultConfigSchema, body);
      const unknown = (config.operations ?? []).filter((name) => !ctx.operationNames.has(name));
      if (unknown.length > 0) throw invalidArgument(`operations ${unknown.join(", ")} are not operations the emulator answers`);
      ctx.faults.configure(config);
      return { status: 200, body: { config, stats: ctx.faults.stats } };
    }
    case "DELETE /_emulator/faults":
      ctx.faults.clear();
      return { status: 204 };
    case "POST /_emulator/sts": {
      const request = parseControl(stsRequest, body);
      const accountId = request.accountId ?? ctx.accounts.accounts[0]?.accountId;
      if (accountId === undefined || !ctx.accounts.hasAccount(accountId)) {
        throw invalidArgument(`accountId '${accountId ?? ""}' is not an account of this emulator`);
      }
      return { status: 200, body: { accountId, ...ctx.accounts.mintSts(accountId, request.durationSeconds) } };
    }
    case "POST /_emulator/reset":
      ctx.invocations.reset();
      ctx.store.clear();
      ctx.counts.reset();
      ctx.faults.clear();
      return { status: 204 };
    default:
      throw new CoreError({ kind: "PathNotSupported", method, path });
  }
}
