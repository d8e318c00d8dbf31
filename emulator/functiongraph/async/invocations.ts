/**
 * FunctionGraph's async invocation records over the emulator's one async engine (`core/engine`, fed by
 * `./engine-api.ts`): enqueue, the records in FunctionGraph's statuses and shape, and cancel.
 *
 * Statuses: queued/retrying → WAIT, running/stopping → RUNNING, succeeded → SUCCESS, failed/expired/invalid → FAIL,
 * stopped → DISCARD. `error_code` is 0 unless the record is FAIL or DISCARD (then 1; the cloud's values are not
 * documented), `error_message` names the cause (e.g. `UnhandledInvocationError`, `EventAgeExceeded`).
 */
import type { InvocationStatus, WireInvocation } from "../../../contracts/functiongraph";
import { formatRecordTime } from "../../../contracts/functiongraph";
import type { AsyncEngine } from "../../core/engine/engine";
import type { EventRecord, EventStatus, TaskScope } from "../../core/engine/model";
import type { Clock } from "../../core/clock";
import { engineTarget, FG_API, FG_FAILURE_CAUSE } from "./engine-api";
import type { Target } from "../lookup";

const STATUS: Record<EventStatus, InvocationStatus> = {
  queued: "WAIT",
  retrying: "WAIT",
  running: "RUNNING",
  stopping: "RUNNING",
  succeeded: "SUCCESS",
  failed: "FAIL",
  expired: "FAIL",
  invalid: "FAIL",
  stopped: "DISCARD",
};

export interface RecordView extends WireInvocation {
  readonly qualifier: string;
  readonly startedAt: number;
}

function scopeOf(accountId: string, pkg: string, name: string): TaskScope {
  return { api: FG_API, accountId, functionKey: [pkg, name] };
}

function errorMessage(record: Readonly<EventRecord>, status: InvocationStatus): string {
  if (status === "DISCARD") return "canceled";
  if (record.failureCause !== undefined) return FG_FAILURE_CAUSE[record.failureCause];
  // Invalid: the function (or its version or alias) went away; the detail is the 404 code.
  return [...record.timeline].reverse().find((e) => e.detail !== undefined)?.detail ?? record.status;
}

export function presentRecord(record: Readonly<EventRecord>): RecordView {
  const status = STATUS[record.status];
  const failed = status === "FAIL" || status === "DISCARD";
  return {
    request_id: record.requestId,
    status,
    error_message: failed ? errorMessage(record, status) : "",
    error_code: failed ? 1 : 0,
    start_time: formatRecordTime(record.enqueuedAt),
    end_time: record.endTime === undefined ? "" : formatRecordTime(record.endTime),
    qualifier: record.target.qualifier,
    startedAt: record.enqueuedAt,
  };
}

export class FgAsyncInvocations {
  constructor(
    private readonly engine: AsyncEngine,
    private readonly clock: Clock,
  ) {}

  enqueue(accountId: string, target: Target, requestId: string, payload: Uint8Array): void {
    this.engine.enqueue({ target: engineTarget(accountId, target), payload, requestId, task: true });
  }

  /** Every record of a function (all qualifiers), oldest first. */
  records(accountId: string, pkg: string, name: string): RecordView[] {
    const out: RecordView[] = [];
    let nextToken: string | undefined;
    do {
      const page = this.engine.listTasks(scopeOf(accountId, pkg, name), { order: "asc", limit: 100, nextToken });
      out.push(...page.records.map(presentRecord));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return out;
  }

  /** False when the request id is unknown for this function. */
  cancel(accountId: string, pkg: string, name: string, requestId: string): boolean {
    return this.engine.stopTask(scopeOf(accountId, pkg, name), requestId);
  }

  /** The engine's time (a VirtualClock in tests): the records' default window ends here. */
  now(): number {
    return this.clock.now().getTime();
  }
}
