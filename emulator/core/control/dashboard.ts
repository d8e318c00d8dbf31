import { readFileSync } from "node:fs";
import path from "node:path";
import type { ApiModule } from "../api";
import type { EventRecord } from "../engine/model";
import { utf8 } from "../engine/model";
import { VirtualClock } from "../clock";
import type { InvocationService } from "../engine/service";
import type { HandlerResponse } from "../operation";
import type { Store } from "../store";
import type { FaultInjector } from "./faults";
import type { RequestCounts } from "./request-counts";

/**
 * The emulator's dashboard, on the emulator's own port:
 *
 *   GET /_emulator/ui                → the page (`ui/index.html`), plain HTML/CSS/JS, nothing fetched from elsewhere
 *   GET /_emulator/ui/dashboard.js   → its script; GET /_emulator/ui/dashboard.css → its style sheet
 *   GET /_emulator/ui/state          → everything the page shows, as one JSON document (the page polls it)
 *
 * The state lists every registered API (its `inventory`, see `inventory.ts`), the async tasks of each function
 * from the engine with their timelines, in the engine's neutral words, what destinations received, the injected
 * faults and the request counts.
 */

export interface DashboardContext {
  readonly region: string;
  readonly store: Store;
  readonly accountIds: () => readonly string[];
  readonly apis: readonly ApiModule[];
  readonly invocations: InvocationService;
  readonly counts: RequestCounts;
  readonly faults: FaultInjector;
}

/** The newest tasks of a function the page shows; older ones stay readable through the API. */
export const TASKS_PER_FUNCTION = 100;
/** What the page shows of a task's returned payload. */
const PAYLOAD_CHARS = 300;

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
      throw new Error(`the dashboard's ${file} is missing from ${UI_DIR}: build with \`npm run build\` (scripts/copy-ui.sh copies ui/ beside the compiled code)`);
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
  const apis = ctx.apis.map((api) => ({
    api: api.name,
    title: api.inventory?.title ?? api.name,
    keyLabels: api.inventory?.keyLabels ?? ["Function"],
    accounts: accountIds.map((accountId) => ({
      accountId,
      functions: (api.inventory?.functions(ctx.store, accountId) ?? []).map((fn) => ({
        ...fn,
        tasks: invocations.engine
          .listTasks({ api: api.name, accountId, functionKey: fn.key }, { limit: TASKS_PER_FUNCTION })
          .records.map(taskView),
      })),
    })),
  }));
  const scheduler = invocations.clock;
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

/** A task as the page shows it: the engine's record in its neutral words, the payloads as text. */
function taskView(record: Readonly<EventRecord>) {
  const returned = record.returnPayloadBase64 === undefined ? undefined : utf8(record.returnPayloadBase64);
  return {
    taskId: record.taskId ?? record.requestId,
    requestId: record.requestId,
    qualifier: record.target.qualifier,
    status: record.status,
    attempts: record.attempts,
    throttles: record.throttles,
    enqueuedAt: record.enqueuedAt,
    endTime: record.endTime ?? null,
    nextAttemptAt: record.nextAttemptAt ?? null,
    failureCause: record.failureCause ?? null,
    functionError: record.lastFunctionError ?? null,
    destinationStatus: record.destinationStatus ?? null,
    returned: returned === undefined ? null : returned.length > PAYLOAD_CHARS ? `${returned.slice(0, PAYLOAD_CHARS)}…` : returned,
    timeline: record.timeline,
  };
}
