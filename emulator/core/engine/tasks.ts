import { PageTokens } from "../paging/page-tokens";
import { paginate } from "../paging/paginate";
import type { EventRecord, EventTarget, TaskListQuery, TaskScope } from "./model";

/**
 * The task read model: which event a task id names, and the filtered, sorted, paged task lists.
 * It reads the engine's records (the truth); it only keeps the id → request id index.
 */

function taskKey(scope: Pick<TaskScope, "api" | "accountId" | "functionKey">, taskId: string): string {
  return JSON.stringify([scope.api, scope.accountId, scope.functionKey, taskId]);
}

function sameFunction(target: EventTarget, scope: TaskScope): boolean {
  return (
    target.api === scope.api &&
    target.accountId === scope.accountId &&
    target.functionKey.length === scope.functionKey.length &&
    target.functionKey.every((part, i) => part === scope.functionKey[i])
  );
}

/** Sorts as the list does: by start time, then arrival; fixed width so string order is numeric order. */
function positionOf(record: EventRecord): string {
  return `${String(record.enqueuedAt).padStart(16, "0")}:${String(record.seq).padStart(12, "0")}`;
}

export class TaskIndex {
  readonly #records: ReadonlyMap<string, EventRecord>;
  readonly #pageTokens: PageTokens;
  /** task key → requestId */
  readonly #ids = new Map<string, string>();

  constructor(records: ReadonlyMap<string, EventRecord>, pageTokens: PageTokens = new PageTokens()) {
    this.#records = records;
    this.#pageTokens = pageTokens;
  }

  has(target: EventTarget, taskId: string): boolean {
    return this.#ids.has(taskKey(target, taskId));
  }

  add(record: EventRecord): void {
    if (record.taskId !== undefined) this.#ids.set(taskKey(record.target, record.taskId), record.requestId);
  }

  /** The task, when it exists and (if a qualifier is given) was invoked with that qualifier. */
  get(scope: TaskScope, taskId: string, qualifier?: string): EventRecord | undefined {
    const requestId = this.#ids.get(taskKey(scope, taskId));
    const record = requestId === undefined ? undefined : this.#records.get(requestId);
    if (record === undefined || (qualifier !== undefined && record.target.qualifier !== qualifier)) return undefined;
    return record;
  }

  /** A function's tasks: filtered, sorted by start time, one page at a time. */
  list(scope: TaskScope, query: TaskListQuery = {}): { records: EventRecord[]; nextToken: string | undefined } {
    const order = query.order ?? "desc";
    const statuses = query.statuses;
    const tasks = [...this.#records.values()]
      .filter(
        (r) =>
          r.taskId !== undefined &&
          sameFunction(r.target, scope) &&
          (query.qualifier === undefined || r.target.qualifier === query.qualifier) &&
          (statuses === undefined || statuses.has(r.status)) &&
          (query.taskIdPrefix === undefined || r.taskId.startsWith(query.taskIdPrefix)) &&
          (query.startedTimeBegin === undefined || r.enqueuedAt >= query.startedTimeBegin) &&
          (query.startedTimeEnd === undefined || r.enqueuedAt <= query.startedTimeEnd),
      )
      .sort((a, b) => (order === "asc" ? 1 : -1) * (a.enqueuedAt - b.enqueuedAt || a.seq - b.seq));
    const { page, nextToken } = paginate(
      tasks,
      positionOf,
      order === "asc" ? (key, position) => key > position : (key, position) => key < position,
      {
        limit: query.limit,
        nextToken: query.nextToken,
        // Everything that shapes the list except the limit: a token works only for the query it came from.
        scope: [
          "tasks",
          scope.api,
          scope.accountId,
          JSON.stringify(scope.functionKey),
          query.qualifier ?? null,
          statuses === undefined ? null : [...statuses].sort().join(","),
          query.taskIdPrefix ?? null,
          query.startedTimeBegin ?? null,
          query.startedTimeEnd ?? null,
          order,
        ],
      },
      this.#pageTokens,
    );
    return { records: page, nextToken };
  }

  clear(): void {
    this.#ids.clear();
  }
}
