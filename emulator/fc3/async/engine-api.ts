import { DEFAULT_QUALIFIER, functionArn, MAX_ASYNC_EVENT_AGE_IN_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS, parseDestination, TASK_ID_PATTERN } from "../../../contracts/fc3";
import type { EngineDeps } from "../../core/api";
import { utf8, type AsyncPolicy, type Destination, type EventRecord, type EventTarget } from "../../core/engine/model";
import type { EngineApi } from "../../core/engine/ports";
import { FC_FAILURE_CAUSE, fcErrorType, type FcDestinationRecord as DestinationRecord } from "../../../contracts/alicloud";
import { resolves, runAttempt } from "../../core/engine/attempt";
import { functionAt, resolveQualifier } from "../lookup";
import { resolveRunnable } from "../runnable";

/**
 * FC 3.0's side of the one async engine: its async configs (table `fc3AsyncConfigs`) as policies, its functions
 * run through the shared runtime, its task ids and its destination record. An FC 3.0 event's function key is
 * `[function]`: there are no services.
 */

export function fc3Target(accountId: string, region: string, functionName: string, qualifier: string): EventTarget {
  return { api: "fc3", accountId, region, functionKey: [functionName], qualifier };
}

const functionOf = (target: EventTarget): string => target.functionKey[0] ?? "";

/** A destination resource name (the contract's grammar) for an event of `source`. */
export function resolveDestination(arn: string, source: EventTarget): Destination {
  const parsed = parseDestination(arn);
  if (parsed === undefined) return { kind: "unusable", reason: `'${arn}' is not a destination FC 3.0 accepts` };
  // No cross-region or cross-account delivery: the emulator has no RAM role to grant it.
  if (parsed.region !== source.region || parsed.accountId !== source.accountId) return { kind: "unusable", reason: `'${arn}' is in another region or account` };
  if (parsed.kind !== "fc-function") return { kind: "sink", name: arn };
  return { kind: "function", target: fc3Target(source.accountId, source.region, parsed.name, DEFAULT_QUALIFIER) };
}

/**
 * A task's id when the caller named none: its request id, which may start with a digit — an id the task-id rule
 * refuses — so such an id gets a leading '_' and can always be passed back to Get and Stop.
 */
export function fc3TaskId(requestId: string): string {
  return TASK_ID_PATTERN.test(requestId) ? requestId : `_${requestId}`.slice(0, 128);
}

/** What a destination receives: Function Compute's record, the function named by its 3.0 resource name. */
export function fc3DestinationRecord(record: Readonly<EventRecord>): DestinationRecord {
  return {
    timestamp: new Date(record.lastAttemptAt ?? record.enqueuedAt).toISOString(),
    requestContext: {
      requestId: record.requestId,
      functionArn: functionArn(record.target.region, record.target.accountId, functionOf(record.target), record.target.qualifier),
      condition: record.failureCause === undefined ? "" : FC_FAILURE_CAUSE[record.failureCause],
      approximateInvokeCount: record.attempts,
    },
    requestPayload: utf8(record.payloadBase64),
    responseContext: { statusCode: record.lastStatusCode ?? null, functionError: record.lastFunctionError ?? "" },
    responsePayload: utf8(record.returnPayloadBase64),
  };
}

export function fc3EngineApi({ store, region, runtime }: EngineDeps): EngineApi {
  return {
    policy(target): AsyncPolicy {
      const config = store.reader(target.accountId).get("fc3AsyncConfigs", [functionOf(target), target.qualifier]);
      if (config === undefined) {
        return { maxRetries: MAX_ASYNC_RETRY_ATTEMPTS.default, maxEventAgeSeconds: MAX_ASYNC_EVENT_AGE_IN_SECONDS.default, keepAsTask: false, onSuccess: undefined, onFailure: undefined };
      }
      const { onSuccess, onFailure } = config.destinationConfig;
      return {
        maxRetries: config.maxAsyncRetryAttempts,
        maxEventAgeSeconds: config.maxAsyncEventAgeInSeconds,
        keepAsTask: config.asyncTask,
        onSuccess: onSuccess ? resolveDestination(onSuccess.destination, target) : undefined,
        onFailure: onFailure ? resolveDestination(onFailure.destination, target) : undefined,
      };
    },
    functionExists(target) {
      const r = store.reader(target.accountId);
      return resolves(() => functionAt(r, functionOf(target), resolveQualifier(r, functionOf(target), target.qualifier)));
    },
    run(request) {
      const { accountId, qualifier } = request.target;
      // Deleted since it was invoked, or never runnable here: the cloud's "Invalid" task.
      return runAttempt(runtime, request, () => resolveRunnable(store.reader(accountId), region, accountId, functionOf(request.target), qualifier), fcErrorType);
    },
    taskId: fc3TaskId,
    destinationRecord: fc3DestinationRecord,
  };
}
