import { FcError, fcError } from "../../fc2/errors";
import { functionAt, resolveQualifier } from "../../fc2/lookup";
import type { FunctionCode, FunctionSpec } from "../runtime";
import type { Reader, Store } from "../store";
import type { ServiceRecord } from "../../fc2/tables";
import type { EngineDirectory, EventStore } from "./engine";
import type { AsyncPolicy, EventRecord, InvocationTarget } from "./model";

/**
 * The engine's ports, implemented over the emulator's resource store: the async configs and functions
 * it reads, the table it keeps its events in, and how a target becomes code the runtime can run.
 */

export class StoreDirectory implements EngineDirectory {
  constructor(private readonly store: Store) {}

  asyncPolicy(target: InvocationTarget): AsyncPolicy | undefined {
    const config = this.store.reader(target.accountId).get("asyncConfigs", [target.serviceName, target.functionName, target.qualifier]);
    if (config === undefined) return undefined;
    return {
      maxAsyncRetryAttempts: config.maxAsyncRetryAttempts,
      maxAsyncEventAgeInSeconds: config.maxAsyncEventAgeInSeconds,
      statefulInvocation: config.statefulInvocation,
      onSuccess: config.destinationConfig.onSuccess?.destination,
      onFailure: config.destinationConfig.onFailure?.destination,
    };
  }

  functionExists(target: InvocationTarget): boolean {
    try {
      const reader = this.store.reader(target.accountId);
      functionAt(reader, target.serviceName, target.functionName, resolveQualifier(reader, target.serviceName, target.qualifier));
      return true;
    } catch (error) {
      if (error instanceof FcError) return false;
      throw error;
    }
  }
}

/** Events live in the `asyncEvents` table of their account, so the file store makes them durable. */
export class StoreEventStore implements EventStore {
  constructor(
    private readonly store: Store,
    /** The accounts whose events `load()` reads back: the emulator's configured accounts. */
    private readonly accountIds: () => readonly string[],
  ) {}

  save(record: EventRecord): void {
    this.store.transact(record.target.accountId, (tx) => tx.put("asyncEvents", keyOf(record), structuredClone(record)));
  }

  remove(record: EventRecord): void {
    this.store.transact(record.target.accountId, (tx) => tx.delete("asyncEvents", keyOf(record)));
  }

  load(): EventRecord[] {
    const records: EventRecord[] = [];
    for (const accountId of new Set(this.accountIds())) {
      for (const row of this.store.reader(accountId).list("asyncEvents", [])) records.push(structuredClone(row.value) as EventRecord);
    }
    return records;
  }
}

function keyOf(record: EventRecord): string[] {
  return [record.target.serviceName, record.target.functionName, record.requestId];
}

/** A function version as the runtime needs it. */
export interface Runnable {
  spec: FunctionSpec;
  code: FunctionCode;
  /** The qualifier as resolved: `LATEST` when the request named none. */
  qualifier: string;
}

/**
 * Resolves service + qualifier + function to the code to run: LATEST's function, or the copy published
 * with the version (an alias runs its main version; gray-release weights are not applied). Throws the
 * cloud's not-found codes, and NotSupportedByEmulator for what only the cloud can run.
 */
export function resolveRunnable(reader: Reader, region: string, accountId: string, serviceName: string, functionName: string, qualifier: string | undefined): Runnable {
  const at = resolveQualifier(reader, serviceName, qualifier);
  const fn = functionAt(reader, serviceName, functionName, at);
  const service = reader.get("services", [serviceName]) as Readonly<ServiceRecord>;
  if (!/^nodejs\d+(\.\d+)?$/.test(fn.runtime)) {
    throw fcError("NotSupportedByEmulator", `function '${functionName}' has runtime '${fn.runtime}'; the emulator runs only Node.js (nodejs*) functions`);
  }
  const zipBase64 = fn.codeZipBase64;
  if (zipBase64 === undefined) {
    throw fcError("NotSupportedByEmulator", `function '${functionName}' has no code package to run (OSS code locations are not fetched)`);
  }
  const log = service.logConfig ?? {};
  const spec: FunctionSpec = {
    accountId,
    region,
    serviceName,
    functionName,
    qualifier: at.qualifier,
    versionId: at.kind === "LATEST" ? "" : at.versionId,
    runtime: fn.runtime,
    handler: fn.handler,
    memorySize: fn.memorySize,
    timeout: fn.timeout,
    environmentVariables: fn.environmentVariables,
    ...(fn.initializer !== undefined && { initializer: fn.initializer }),
    ...(fn.initializationTimeout !== undefined && { initializationTimeout: fn.initializationTimeout }),
    ...(typeof log["project"] === "string" && { logProject: log["project"] }),
    ...(typeof log["logstore"] === "string" && { logStore: log["logstore"] }),
  };
  return { spec, code: { checksum: fn.codeChecksum, zip: () => Buffer.from(zipBase64, "base64") }, qualifier: at.qualifier };
}
