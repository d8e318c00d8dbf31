import { randomUUID } from "node:crypto";
import { fcTimestamp } from "../../core/clock";
import { fcError } from "../errors";
import type { HandlerRequest, HandlerResponse } from "../../core/operation";
import type { FunctionRecord } from "../tables";
import { EXTRA_FUNCTION_FIELDS, type CreateFunctionBody, type UpdateFunctionBody } from "../validation/functions";
import { codePackageFacts } from "../../../contracts/alicloud";
import { definedFields } from "../../core/records";
import { functionAt, listFunctionsAt, requireFunction, requireService, resolveQualifier } from "../lookup";
import { listNamed, type NamedListQuery } from "./support/named-list";
import { checkIfMatch, etagHeader } from "./support/etag";
import { presentFunction } from "./support/present";

/** CreateFunction, GetFunction, UpdateFunction, DeleteFunction, ListFunctions. */

type Req<B, Q = undefined> = HandlerRequest<B, Q>;

const DEFAULT_INITIALIZATION_TIMEOUT_SECONDS = 30;

// Size and CRC-64 of the zip, as the cloud reports them (the base64 itself is kept verbatim); the blocks stored as they came.
const codeFacts = codePackageFacts;
const extrasOf = (body: CreateFunctionBody | UpdateFunctionBody) => definedFields(body, EXTRA_FUNCTION_FIELDS);

export function createFunction(req: Req<CreateFunctionBody>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const body = req.body;
  const now = fcTimestamp(req.env.clock.now());
  const created = req.env.store.transact(req.accountId, (tx) => {
    requireService(tx, serviceName);
    if (tx.get("functions", [serviceName, body.functionName])) {
      throw fcError("FunctionAlreadyExists", body.functionName, serviceName);
    }
    const zip = body.code?.zipFile;
    const record: FunctionRecord = {
      functionId: randomUUID(),
      functionName: body.functionName,
      description: body.description ?? "",
      runtime: body.runtime,
      handler: body.handler,
      timeout: body.timeout ?? 3,
      memorySize: body.memorySize ?? 128,
      instanceConcurrency: body.instanceConcurrency ?? 1,
      instanceType: body.instanceType ?? "e1",
      environmentVariables: body.environmentVariables ?? {},
      ...(body.initializer !== undefined && { initializer: body.initializer }),
      // With an initializer and no timeout for it, the cloud sets 30 s (the Python suite's check_function asserts it).
      ...((body.initializationTimeout !== undefined || body.initializer !== undefined) && {
        initializationTimeout: body.initializationTimeout ?? DEFAULT_INITIALIZATION_TIMEOUT_SECONDS,
      }),
      layers: body.layers ?? [],
      ...(zip !== undefined && { codeZipBase64: zip }),
      ...codeFacts(zip),
      extras: extrasOf(body),
      createdTime: now,
      lastModifiedTime: now,
    };
    tx.put("functions", [serviceName, body.functionName], record);
    return record;
  });
  const presented = presentFunction(created);
  return { status: 200, body: presented, headers: etagHeader(presented) };
}

export function getFunction(req: Req<undefined>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const r = req.env.store.reader(req.accountId);
  const at = resolveQualifier(r, serviceName, req.qualifier);
  const presented = presentFunction(functionAt(r, serviceName, req.params["functionName"] as string, at));
  return { status: 200, body: presented, headers: etagHeader(presented) };
}

/**
 * GetFunctionCode: `{url, checksum}`. The cloud's url is a signed OSS link; the emulator has no OSS, so
 * its url is a `data:application/zip;base64,…` URL holding the very zip that was uploaded — fetchable
 * as it is by Node's `fetch`, but not by clients that only speak HTTP(S) (Python's requests, Go's
 * net/http). `checksum` is the zip's CRC-64, as GetFunction's `codeChecksum`.
 */
export function getFunctionCode(req: Req<undefined>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const functionName = req.params["functionName"] as string;
  const r = req.env.store.reader(req.accountId);
  const at = resolveQualifier(r, serviceName, req.qualifier);
  const fn = functionAt(r, serviceName, functionName, at);
  if (fn.codeZipBase64 === undefined) {
    throw fcError("NotSupportedByEmulator", `function '${functionName}' has no code package (runtime ${fn.runtime})`);
  }
  return { status: 200, body: { url: `data:application/zip;base64,${fn.codeZipBase64}`, checksum: fn.codeChecksum } };
}

export function updateFunction(req: Req<UpdateFunctionBody>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const functionName = req.params["functionName"] as string;
  const now = fcTimestamp(req.env.clock.now());
  const { code, ...fields } = req.body;
  const updated = req.env.store.transact(req.accountId, (tx) => {
    const current = requireFunction(tx, serviceName, functionName);
    checkIfMatch(req.headers, presentFunction(current));
    const scalar = Object.fromEntries(
      Object.entries(fields).filter(([k, v]) => v !== undefined && !(EXTRA_FUNCTION_FIELDS as readonly string[]).includes(k)),
    );
    const zip = code?.zipFile;
    const record: FunctionRecord = {
      ...current,
      ...scalar,
      ...(zip !== undefined && { codeZipBase64: zip, ...codeFacts(zip) }),
      extras: { ...current.extras, ...extrasOf(req.body) },
      lastModifiedTime: now,
    };
    tx.put("functions", [serviceName, functionName], record);
    return record;
  });
  const presented = presentFunction(updated);
  return { status: 200, body: presented, headers: etagHeader(presented) };
}

/** Also removes the function's async invoke configs, on every qualifier: they configure nothing any more. */
export function deleteFunction(req: Req<undefined>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const functionName = req.params["functionName"] as string;
  req.env.store.transact(req.accountId, (tx) => {
    checkIfMatch(req.headers, presentFunction(requireFunction(tx, serviceName, functionName)));
    tx.delete("functions", [serviceName, functionName]);
    for (const row of tx.list("asyncConfigs", [serviceName, functionName])) tx.delete("asyncConfigs", row.key);
  });
  return { status: 204 };
}

export function listFunctions(req: Req<undefined, NamedListQuery>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const r = req.env.store.reader(req.accountId);
  const at = resolveQualifier(r, serviceName, req.qualifier);
  const { page, nextToken } = listNamed(req, listFunctionsAt(r, serviceName, at), (f) => f.functionName, [
    serviceName,
    at.qualifier,
  ]);
  return { status: 200, body: { functions: page.map(presentFunction), nextToken: nextToken ?? "" } };
}
