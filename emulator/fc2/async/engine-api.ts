import type { EngineDeps } from "../../core/api";
import type { AsyncPolicy, EventRecord, EventTarget } from "../../core/engine/model";
import { utf8 } from "../../core/engine/model";
import type { EngineApi } from "../../core/engine/ports";
import { resolves, runAttempt } from "../../core/engine/attempt";
import { functionAt, resolveQualifier } from "../lookup";
import { resolveRunnable } from "../runnable";
import { fcErrorType } from "../../../contracts/alicloud";
import type { AsyncConfigRecord } from "../tables";
import { resolveDestination } from "./destinations";
import {
  DEFAULT_MAX_ASYNC_EVENT_AGE_SECONDS,
  DEFAULT_MAX_ASYNC_RETRY_ATTEMPTS,
  FC_FAILURE_CAUSE,
  functionArn,
  INVOCATION_ID,
  type DestinationRecord,
  type InvocationTarget,
} from "./model";

/**
 * FC 2.0's side of the async engine: its async configs as policies, its functions run through the
 * runtime, its invocation ids and its destination record.
 */

/** An engine target in FC 2.0's terms; its function key is `[service, function]`. */
export function fcTarget(target: EventTarget): InvocationTarget {
  const [serviceName = "", functionName = ""] = target.functionKey;
  return { accountId: target.accountId, region: target.region, serviceName, qualifier: target.qualifier, functionName };
}

export function engineTarget(target: InvocationTarget): EventTarget {
  return { api: "fc2", accountId: target.accountId, region: target.region, functionKey: [target.serviceName, target.functionName], qualifier: target.qualifier };
}

/** The part of an async config the engine applies, as the config and the API spell it. */
export type FcAsyncSettings = Pick<AsyncConfigRecord, "maxAsyncRetryAttempts" | "maxAsyncEventAgeInSeconds" | "statefulInvocation"> & {
  onSuccess?: string | undefined;
  onFailure?: string | undefined;
};

/** A config (or none: the cloud's defaults) as the engine's policy for an event of `target`. */
export function fcPolicy(settings: FcAsyncSettings | undefined, target: EventTarget): AsyncPolicy {
  if (settings === undefined) {
    return { maxRetries: DEFAULT_MAX_ASYNC_RETRY_ATTEMPTS, maxEventAgeSeconds: DEFAULT_MAX_ASYNC_EVENT_AGE_SECONDS, keepAsTask: false, onSuccess: undefined, onFailure: undefined };
  }
  return {
    maxRetries: settings.maxAsyncRetryAttempts,
    maxEventAgeSeconds: settings.maxAsyncEventAgeInSeconds,
    keepAsTask: settings.statefulInvocation,
    onSuccess: settings.onSuccess === undefined ? undefined : resolveDestination(settings.onSuccess, target),
    onFailure: settings.onFailure === undefined ? undefined : resolveDestination(settings.onFailure, target),
  };
}

/**
 * The cloud names a task itself when the caller does not. The request id is unique and already known,
 * but a UUID may start with a digit, which the id rule (and clients that check it) refuse: such an id
 * gets a leading '_' so that every generated id can be passed back to Get and Stop.
 */
export function fcTaskId(requestId: string): string {
  return INVOCATION_ID.test(requestId) ? requestId : `_${requestId}`.slice(0, 128);
}

export function fcDestinationRecord(record: Readonly<EventRecord>): DestinationRecord {
  return {
    timestamp: new Date(record.lastAttemptAt ?? record.enqueuedAt).toISOString(),
    requestContext: {
      requestId: record.requestId,
      functionArn: functionArn(fcTarget(record.target)),
      condition: record.failureCause === undefined ? "" : FC_FAILURE_CAUSE[record.failureCause],
      approximateInvokeCount: record.attempts,
    },
    requestPayload: utf8(record.payloadBase64),
    responseContext: {
      statusCode: record.lastStatusCode ?? null,
      functionError: record.lastFunctionError ?? "",
    },
    responsePayload: utf8(record.returnPayloadBase64),
  };
}

export function fc2EngineApi({ store, region, runtime }: EngineDeps): EngineApi {
  return {
    policy(target) {
      const { serviceName, functionName } = fcTarget(target);
      const config = store.reader(target.accountId).get("asyncConfigs", [serviceName, functionName, target.qualifier]);
      return fcPolicy(
        config && {
          ...config,
          onSuccess: config.destinationConfig.onSuccess?.destination,
          onFailure: config.destinationConfig.onFailure?.destination,
        },
        target,
      );
    },
    functionExists(target) {
      const { serviceName, functionName } = fcTarget(target);
      const reader = store.reader(target.accountId);
      return resolves(() => functionAt(reader, serviceName, functionName, resolveQualifier(reader, serviceName, target.qualifier)));
    },
    run(request) {
      const { serviceName, functionName } = fcTarget(request.target);
      const { accountId, qualifier } = request.target;
      // Deleted since it was invoked, or never runnable here: the cloud's "Invalid" task.
      return runAttempt(runtime, request, () => resolveRunnable(store.reader(accountId), region, accountId, serviceName, functionName, qualifier), fcErrorType);
    },
    taskId: fcTaskId,
    destinationRecord: fcDestinationRecord,
  };
}
