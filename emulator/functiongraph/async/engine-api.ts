/**
 * FunctionGraph's side of the emulator's one async engine (`core/engine`): its async configs as policies, its
 * functions run through the shared runtime, its destinations resolved, and the record a destination receives.
 * Engine targets name a function by `functionKey: [package, function]` and the qualifier as the config key writes
 * it (`latest`, a version, `!alias`); the URN's project id is the account's, its region the one the target names
 * (the region the API was started with, `start({ functionGraphRegion })`).
 */
import {
  formatUrn,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  parseQualifier,
  parseUrn,
  parseWireDestination,
  qualifierText,
  type WireDestination,
} from "../../../contracts/functiongraph";
import type { EngineDeps } from "../../core/api";
import { utf8, type AsyncPolicy, type Destination, type EventRecord, type EventTarget, type FailureCause } from "../../core/engine/model";
import type { EngineApi } from "../../core/engine/ports";
import { resolves, runAttempt } from "../../core/engine/attempt";
import { resolve, type Target } from "../lookup";
import { API_NAME } from "../errors";
import { runnable } from "../runnable";

export const FG_API = API_NAME;

/**
 * A failure cause in the words FunctionGraph's records and destination records use. The cloud does not document
 * its values; these are the names its console shows for the same causes.
 */
export const FG_FAILURE_CAUSE: Record<FailureCause, string> = {
  unhandledFunctionError: "UnhandledInvocationError",
  handledFunctionError: "HandledInvocationError",
  eventAgeExceeded: "EventAgeExceeded",
  throttled: "ThrottlingError",
};

/** The engine's target for a resolved `{function_urn}`. */
export function engineTarget(accountId: string, t: Target): EventTarget {
  return { api: FG_API, accountId, region: t.region, functionKey: [t.package, t.name], qualifier: t.qualifierKey };
}

/** Back from an engine target to a `Target` (the qualifier key is one `parseQualifier` takes). */
export function fgTarget(target: EventTarget, projectId: string): Target {
  const [pkg = "", name = ""] = target.functionKey;
  const parsed = parseQualifier(target.qualifier);
  if (!parsed.ok) throw new Error(`functiongraph: engine target has an invalid qualifier '${target.qualifier}': ${parsed.reason}`);
  return { region: target.region, projectId, package: pkg, name, qualifier: parsed.qualifier, qualifierKey: target.qualifier };
}

/**
 * The engine's form of a configured destination. A FunctionGraph function in this region and project is invoked
 * asynchronously; OBS, SMN and DIS are kept as messages under `obs://{bucket}/{prefix}`, the SMN topic URN, and
 * `dis:{stream_name}` (the emulator has none of those services). Anything else cannot be delivered.
 */
export function resolveDestination(d: WireDestination | null, source: EventTarget, projectId: string): Destination | undefined {
  if (d === null) return undefined;
  const parsed = parseWireDestination(d);
  if (!parsed.ok) return { kind: "unusable", reason: `${parsed.field} ${parsed.reason}` };
  const param = parsed.param;
  switch (parsed.type) {
    case "OBS":
      return { kind: "sink", name: `obs://${String(param["bucket"])}/${String(param["prefix"] ?? "")}` };
    case "SMN":
      return { kind: "sink", name: String(param["topic_urn"]) };
    case "DIS":
      return { kind: "sink", name: `dis:${String(param["stream_name"])}` };
    case "FunctionGraph": {
      const urn = parseUrn(String(param["func_urn"]));
      if (!urn.ok) return { kind: "unusable", reason: urn.reason };
      const ref = urn.ref;
      // No cross-region or cross-project delivery: the emulator has no agency to grant it.
      if (ref.region !== source.region || ref.projectId !== projectId) return { kind: "unusable", reason: `'${String(param["func_urn"])}' is in another region or project` };
      return { kind: "function", target: { api: FG_API, accountId: source.accountId, region: source.region, functionKey: [ref.package, ref.name], qualifier: qualifierText(ref.qualifier) } };
    }
  }
}

/** What a destination receives (UMN "asynchronous invocation"): snake_case, payloads as the text sent and returned. */
export interface FgDestinationRecord {
  timestamp: string;
  request_context: { request_id: string; function_urn: string; condition: string; approximate_invoke_count: number };
  request_payload: string;
  response_context: { status_code: number | null; function_error: string };
  response_payload: string;
}

export function fgDestinationRecord(record: Readonly<EventRecord>, projectId: string): FgDestinationRecord {
  const t = fgTarget(record.target, projectId);
  return {
    timestamp: new Date(record.lastAttemptAt ?? record.enqueuedAt).toISOString(),
    request_context: {
      request_id: record.requestId,
      function_urn: formatUrn({ region: t.region, projectId, package: t.package, name: t.name, qualifier: t.qualifier }),
      condition: record.failureCause === undefined ? "" : FG_FAILURE_CAUSE[record.failureCause],
      approximate_invoke_count: record.attempts,
    },
    request_payload: utf8(record.payloadBase64),
    response_context: { status_code: record.lastStatusCode ?? null, function_error: record.lastFunctionError ?? "" },
    response_payload: utf8(record.returnPayloadBase64),
  };
}

export function functionGraphEngineApi({ store, runtime, projectOf }: EngineDeps): EngineApi {
  return {
    policy(target): AsyncPolicy {
      const [pkg = "", name = ""] = target.functionKey;
      const c = store.reader(target.accountId).get("fgAsyncConfigs", [pkg, name, target.qualifier]);
      const projectId = projectOf(target.accountId);
      // Every event is kept as a record: ListAsyncInvocations shows it after it ends.
      return {
        maxRetries: c?.maxAsyncRetryAttempts ?? MAX_ASYNC_RETRY_ATTEMPTS.default,
        maxEventAgeSeconds: c?.maxAsyncEventAgeInSeconds ?? MAX_ASYNC_EVENT_AGE_IN_SECONDS.default,
        keepAsTask: true,
        onSuccess: c === undefined ? undefined : resolveDestination(c.onSuccess, target, projectId),
        onFailure: c === undefined ? undefined : resolveDestination(c.onFailure, target, projectId),
      };
    },
    functionExists(target) {
      return resolves(() => resolve(store.reader(target.accountId), fgTarget(target, projectOf(target.accountId))));
    },
    run(request) {
      const { accountId } = request.target;
      // Deleted since it was invoked, or not runnable here: the record fails.
      return runAttempt(runtime, request, () => runnable(store.reader(accountId), accountId, fgTarget(request.target, projectOf(accountId))), (cause) =>
        cause === "handled" ? "Handled" : "Unhandled",
      );
    },
    // The request id is a UUID; the engine's task id is the same id (it is never shown: records are by request id).
    taskId: (requestId) => requestId,
    destinationRecord: (record) => fgDestinationRecord(record, projectOf(record.target.accountId)),
  };
}
