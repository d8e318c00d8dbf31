import { DEFAULT_QUALIFIER } from "../../contracts/fc3";
import {
  AsyncEngine,
  type AsyncPolicy,
  type AttemptOutcome,
  type AttemptRequest,
  type AttemptRunner,
  type EngineDirectory,
  type EventRecord,
  type EventStore,
  type InvocationTarget,
  type Scheduler,
} from "../core/engine";
import type { PageTokens } from "../core/paging/page-tokens";
import type { FunctionCode, FunctionSpec, NodeRuntime } from "../core/runtime";
import type { Reader, Store } from "../core/store";
import { Fc3Error, fc3Error } from "./errors";
import { functionAt, resolveQualifier } from "./lookup";

/**
 * FC 3.0 on the core async engine: the same engine class as 2.0 (retries, expiry with look-ahead, destinations,
 * task records), in an instance of its own whose ports read FC 3.0's tables. A 3.0 target has no service: its
 * `serviceName` is `""`, which no 2.0 service can be called.
 */

export const NO_SERVICE = "";

export function fc3Target(accountId: string, region: string, functionName: string, qualifier: string): InvocationTarget {
  return { accountId, region, serviceName: NO_SERVICE, functionName, qualifier };
}

/** A function version as the runtime needs it. */
export interface Runnable {
  spec: FunctionSpec;
  code: FunctionCode;
  qualifier: string;
}

/** Resolves function + qualifier to the code to run; throws the cloud's not-found codes, NotSupportedByEmulator for what only the cloud runs. */
export function resolveRunnable(r: Reader, region: string, accountId: string, functionName: string, qualifier: string | undefined): Runnable {
  const at = resolveQualifier(r, functionName, qualifier);
  const fn = functionAt(r, functionName, at);
  if (!/^nodejs\d+$/.test(fn.runtime)) {
    throw fc3Error("NotSupportedByEmulator", `function '${functionName}' has runtime '${fn.runtime}'; the emulator runs only Node.js (nodejs*) functions`);
  }
  const zipBase64 = fn.codeZipBase64;
  if (zipBase64 === undefined) throw fc3Error("NotSupportedByEmulator", `function '${functionName}' has no code package to run (OSS code locations are not fetched)`);
  const spec: FunctionSpec = {
    accountId,
    region,
    serviceName: NO_SERVICE,
    functionName,
    qualifier: at.qualifier,
    versionId: at.kind === "LATEST" ? "" : at.versionId,
    runtime: fn.runtime,
    handler: fn.handler,
    memorySize: fn.memorySize,
    timeout: fn.timeout,
    environmentVariables: fn.environmentVariables,
  };
  return { spec, code: { checksum: fn.codeChecksum, zip: () => Buffer.from(zipBase64, "base64") }, qualifier: at.qualifier };
}

class Runner implements AttemptRunner {
  constructor(
    private readonly store: Store,
    private readonly runtime: NodeRuntime,
  ) {}

  async run(request: AttemptRequest): Promise<AttemptOutcome> {
    const { target } = request;
    let runnable: Runnable;
    try {
      runnable = resolveRunnable(this.store.reader(target.accountId), target.region, target.accountId, target.functionName, target.qualifier);
    } catch (error) {
      if (error instanceof Fc3Error) return { kind: "invalid", reason: error.code };
      throw error;
    }
    const result = await this.runtime.invoke(runnable.spec, runnable.code, { requestId: request.requestId, event: request.payload, signal: request.signal, onStarted: request.onStarted });
    switch (result.kind) {
      case "success":
        return { kind: "success", payload: result.payload, durationMs: result.durationMs, instanceId: result.instanceId };
      case "functionError":
        return { kind: "functionError", errorType: result.errorType, payload: result.payload, durationMs: result.durationMs, instanceId: result.instanceId };
      case "aborted":
        return { kind: "aborted", durationMs: result.durationMs };
    }
  }
}

class Directory implements EngineDirectory {
  constructor(private readonly store: Store) {}

  asyncPolicy(target: InvocationTarget): AsyncPolicy | undefined {
    const config = this.store.reader(target.accountId).get("fc3AsyncConfigs", [target.functionName, target.qualifier]);
    if (config === undefined) return undefined;
    return {
      maxAsyncRetryAttempts: config.maxAsyncRetryAttempts,
      maxAsyncEventAgeInSeconds: config.maxAsyncEventAgeInSeconds,
      statefulInvocation: config.asyncTask,
      onSuccess: config.destinationConfig.onSuccess?.destination,
      onFailure: config.destinationConfig.onFailure?.destination,
    };
  }

  functionExists(target: InvocationTarget): boolean {
    if (target.serviceName !== NO_SERVICE) return false;
    try {
      const r = this.store.reader(target.accountId);
      functionAt(r, target.functionName, resolveQualifier(r, target.functionName, target.qualifier ?? DEFAULT_QUALIFIER));
      return true;
    } catch (error) {
      if (error instanceof Fc3Error) return false;
      throw error;
    }
  }
}

/** Events live in `fc3AsyncEvents` of their account, so the file store makes a 202 durable. */
class Events implements EventStore {
  constructor(
    private readonly store: Store,
    private readonly accountIds: () => readonly string[],
  ) {}
  save(record: EventRecord): void {
    this.store.transact(record.target.accountId, (tx) => tx.put("fc3AsyncEvents", [record.target.functionName, record.requestId], structuredClone(record)));
  }
  remove(record: EventRecord): void {
    this.store.transact(record.target.accountId, (tx) => tx.delete("fc3AsyncEvents", [record.target.functionName, record.requestId]));
  }
  load(): EventRecord[] {
    const records: EventRecord[] = [];
    for (const accountId of new Set(this.accountIds())) {
      for (const row of this.store.reader(accountId).list("fc3AsyncEvents", [])) records.push(structuredClone(row.value) as EventRecord);
    }
    return records;
  }
}

export interface Fc3EngineOptions {
  store: Store;
  runtime: NodeRuntime;
  scheduler: Scheduler;
  pageTokens: PageTokens;
  accountIds: () => readonly string[];
  onError: (error: unknown) => void;
}

/** FC 3.0's engine, its queue picked up again from the store. */
export function createFc3Engine(options: Fc3EngineOptions): AsyncEngine {
  const engine = new AsyncEngine({
    scheduler: options.scheduler,
    runner: new Runner(options.store, options.runtime),
    directory: new Directory(options.store),
    store: new Events(options.store, options.accountIds),
    pageTokens: options.pageTokens,
    onError: options.onError,
  });
  engine.recover();
  return engine;
}
