import { readFileSync } from "node:fs";
import path from "node:path";
import type { InvocationService } from "../engine/service";
import type { StatefulAsyncInvocation } from "../engine/model";
import { VirtualClock } from "../engine/scheduler";
import type { HandlerResponse } from "../operation";
import type { FaultInjector } from "./faults";
import type { InventorySource } from "./inventory";
import type { RequestCounts } from "./request-counts";

/**
 * The emulator's dashboard, on the emulator's own port:
 *
 *   GET /_emulator/ui                → the page (`ui/index.html`), plain HTML/CSS/JS, nothing fetched from elsewhere
 *   GET /_emulator/ui/dashboard.js   → its script; GET /_emulator/ui/dashboard.css → its style sheet
 *   GET /_emulator/ui/state          → everything the page shows, as one JSON document (the page polls it)
 *
 * The state lists every registered API's inventory (`inventory.ts`), the async tasks of each function with their
 * events, what destinations received, the injected faults and the request counts.
 */

export interface DashboardContext {
  readonly region: string;
  readonly accountIds: () => readonly string[];
  readonly inventories: readonly InventorySource[];
  readonly invocations: InvocationService;
  readonly counts: RequestCounts;
  readonly faults: FaultInjector;
}

/** The newest tasks of a function the page shows; older ones stay readable through the API. */
export const TASKS_PER_FUNCTION = 100;

const STATIC: Record<string, { file: string; type: string }> = {
  "/_emulator/ui": { file: "index.html", type: "text/html; charset=utf-8" },
  "/_emulator/ui/dashboard.js": { file: "dashboard.js", type: "text/javascript; charset=utf-8" },
  "/_emulator/ui/dashboard.css": { file: "dashboard.css", type: "text/css; charset=utf-8" },
};

/** Beside this module: `emulator/core/control/ui/` in the sources, `dist/emulator/core/control/ui/` when built. */
const UI_DIR = path.join(__dirname, "ui");

const cache = new Map<string, Buffer>();

function staticFile(file: string): Buffer {
  let content = cache.get(file);
  if (content === undefined) {
    try {
      content = readFileSync(path.join(UI_DIR, file));
    } catch {
      throw new Error(`the dashboard's ${file} is missing from ${UI_DIR}: build with \`npm run build\` (it copies ui/ beside the compiled code)`);
    }
    cache.set(file, content);
  }
  return content;
}

/** Answers a dashboard route, or `undefined` when the route is not one. */
export function handleDashboard(ctx: DashboardContext, method: string, pathname: string): HandlerResponse | undefined {
  if (method !== "GET") return undefined;
  const target = pathname.replace(/\/+$/, "");
  const asset = STATIC[target];
  if (asset !== undefined) {
    return { status: 200, body: staticFile(asset.file), headers: { "content-type": asset.type, "cache-control": "no-cache" } };
  }
  if (target === "/_emulator/ui/state") return { status: 200, body: dashboardState(ctx), headers: { "cache-control": "no-store" } };
  return undefined;
}

export function dashboardState(ctx: DashboardContext) {
  const { invocations } = ctx;
  const accountIds = ctx.accountIds();
  const apis = ctx.inventories.map((source) => ({
    api: source.api,
    title: source.title,
    groupLabel: source.groupLabel,
    accounts: source.list(accountIds).map((account) => ({
      accountId: account.accountId,
      groups: account.groups.map((group) => ({
        name: group.name,
        functions: group.functions.map((fn) => ({
          ...fn,
          tasks: tasksOf(invocations, account.accountId, group.name, fn.name),
        })),
      })),
    })),
  }));
  const scheduler = invocations.scheduler;
  return {
    region: ctx.region,
    clock: { now: scheduler.now().toISOString(), virtual: scheduler instanceof VirtualClock },
    apis,
    destinations: invocations.engine.messages.accounts().flatMap((accountId) =>
      invocations.engine.messages.all(accountId).map(({ destination, messages }) => ({
        accountId,
        destination,
        messages: messages.map(({ messageId, body, publishedTime }) => ({ messageId, body, publishedTime })),
      })),
    ),
    faults: { config: ctx.faults.config ?? null, stats: ctx.faults.stats },
    requests: ctx.counts.snapshot(),
  };
}

function tasksOf(invocations: InvocationService, accountId: string, serviceName: string, functionName: string): StatefulAsyncInvocation[] {
  return invocations.engine.listTasks({ accountId, serviceName, functionName }, { limit: TASKS_PER_FUNCTION, includePayload: true }).invocations;
}
