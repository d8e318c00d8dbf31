import { randomUUID } from "node:crypto";
import { fcTimestamp } from "../../core/clock";
import { fcError } from "../errors";
import type { HandlerRequest, HandlerResponse } from "../../core/operation";
import type { FunctionRecord } from "../tables";
import { EXTRA_FUNCTION_FIELDS, type CreateFunctionBody, type UpdateFunctionBody } from "../validation/functions";
import { crc64 } from "./support/crc64";
import { functionAt, listFunctionsAt, requireFunction, requireService, resolveQualifier } from "../lookup";
import { listNamed, type NamedListQuery } from "./support/named-list";
import { presentFunction } from "./support/present";

/** CreateFunction, GetFunction, UpdateFunction, DeleteFunction, ListFunctions. */

type Req<B, Q = undefined> = HandlerRequest<B, Q>;

/** Size and CRC-64 of the zip, as the cloud reports them; the base64 itself is kept verbatim. */
function codeFacts(zipBase64: string | undefined): Pick<FunctionRecord, "codeSize" | "codeChecksum"> {
  if (zipBase64 === undefined) return { codeSize: 0, codeChecksum: "" };
  const zip = Buffer.from(zipBase64, "base64");
  return { codeSize: zip.length, codeChecksum: crc64(zip) };
}

function extrasOf(body: CreateFunctionBody | UpdateFunctionBody): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  for (const field of EXTRA_FUNCTION_FIELDS) {
    if (body[field] !== undefined) extras[field] = body[field];
  }
  return extras;
}

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
      ...(body.initializationTimeout !== undefined && { initializationTimeout: body.initializationTimeout }),
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
  return { status: 200, body: presentFunction(created) };
}

export function getFunction(req: Req<undefined>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const r = req.env.store.reader(req.accountId);
  const at = resolveQualifier(r, serviceName, req.qualifier);
  return { status: 200, body: presentFunction(functionAt(r, serviceName, req.params["functionName"] as string, at)) };
}

export function updateFunction(req: Req<UpdateFunctionBody>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const functionName = req.params["functionName"] as string;
  const now = fcTimestamp(req.env.clock.now());
  const { code, ...fields } = req.body;
  const updated = req.env.store.transact(req.accountId, (tx) => {
    const current = requireFunction(tx, serviceName, functionName);
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
  return { status: 200, body: presentFunction(updated) };
}

/** Also removes the function's async invoke configs, on every qualifier: they configure nothing any more. */
export function deleteFunction(req: Req<undefined>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const functionName = req.params["functionName"] as string;
  req.env.store.transact(req.accountId, (tx) => {
    requireFunction(tx, serviceName, functionName);
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
  return { status: 200, body: { functions: page.map(presentFunction), ...(nextToken && { nextToken }) } };
}
