import { randomUUID } from "node:crypto";
import { timestamp } from "../../../contracts/fc3";
import { lexicalAfter, paginate } from "../../core/paging/paginate";
import type { Fc3FunctionRecord, FunctionRecord } from "../tables";
import { codePackageFacts } from "../../../contracts/alicloud";
import { definedFields } from "../../core/records";
import { fc3Error } from "../errors";
import { functionAt, requireFunction, resolveQualifier } from "../lookup";
import type { Fc3Request, Fc3Response, QualifierQuery } from "../operation";
import { presentFunction } from "../present";
import { EXTRA_FUNCTION_FIELDS, type CreateFunctionBody, type ListQuery, type UpdateFunctionBody } from "../validation";

/** CreateFunction, GetFunction, UpdateFunction, DeleteFunction, ListFunctions. */

// Size and CRC-64 of the zip, as the cloud reports them; the blocks stored as they came.
const codeFacts = codePackageFacts;
const extrasOf = (body: CreateFunctionBody | UpdateFunctionBody) => definedFields(body, EXTRA_FUNCTION_FIELDS);

const fnName = (req: Fc3Request<unknown, unknown>) => req.params["functionName"] as string;
const present = (req: Fc3Request<unknown, unknown>, f: Readonly<FunctionRecord>) => presentFunction(f, req.env.region, req.accountId);

export function createFunction(req: Fc3Request<CreateFunctionBody>): Fc3Response {
  const body = req.body;
  const now = timestamp(req.env.clock.now());
  const created = req.env.store.transact(req.accountId, (tx) => {
    if (tx.get("fc3Functions", [body.functionName])) throw fc3Error("FunctionAlreadyExists", body.functionName);
    const zip = body.code?.zipFile;
    const record: Fc3FunctionRecord = {
      functionId: randomUUID(),
      functionName: body.functionName,
      description: body.description ?? "",
      runtime: body.runtime,
      handler: body.handler,
      timeout: body.timeout ?? 3,
      memorySize: body.memorySize ?? 128,
      instanceConcurrency: body.instanceConcurrency ?? 1,
      environmentVariables: body.environmentVariables ?? {},
      layers: body.layers ?? [],
      ...(zip !== undefined && { codeZipBase64: zip }),
      ...codeFacts(zip),
      extras: extrasOf(body),
      createdTime: now,
      lastModifiedTime: now,
      lastVersionId: 0,
    };
    tx.put("fc3Functions", [body.functionName], record);
    return record;
  });
  return { status: 200, body: present(req, created) };
}

export function getFunction(req: Fc3Request<undefined, QualifierQuery>): Fc3Response {
  const r = req.env.store.reader(req.accountId);
  const at = resolveQualifier(r, fnName(req), req.query.qualifier);
  return { status: 200, body: present(req, functionAt(r, fnName(req), at)) };
}

export function updateFunction(req: Fc3Request<UpdateFunctionBody>): Fc3Response {
  const name = fnName(req);
  const now = timestamp(req.env.clock.now());
  const { code, ...fields } = req.body;
  const updated = req.env.store.transact(req.accountId, (tx) => {
    const current = requireFunction(tx, name);
    const scalar = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== undefined && !(EXTRA_FUNCTION_FIELDS as readonly string[]).includes(k)));
    const zip = code?.zipFile;
    const record: Fc3FunctionRecord = {
      ...current,
      ...scalar,
      ...(zip !== undefined && { codeZipBase64: zip, ...codeFacts(zip) }),
      extras: { ...current.extras, ...extrasOf(req.body) },
      lastModifiedTime: now,
    };
    tx.put("fc3Functions", [name], record);
    return record;
  });
  return { status: 200, body: present(req, updated) };
}

/** Takes the function's versions, aliases and async invoke configs with it: they configure nothing any more. */
export function deleteFunction(req: Fc3Request): Fc3Response {
  const name = fnName(req);
  req.env.store.transact(req.accountId, (tx) => {
    requireFunction(tx, name);
    tx.delete("fc3Functions", [name]);
    for (const table of ["fc3Versions", "fc3Aliases", "fc3AsyncConfigs"] as const) {
      for (const row of tx.list(table, [name])) tx.delete(table, row.key);
    }
  });
  return { status: 204 };
}

export function listFunctions(req: Fc3Request<undefined, ListQuery>): Fc3Response {
  const prefix = req.query.prefix ?? "";
  const all = req.env.store
    .reader(req.accountId)
    .list("fc3Functions", [])
    .map((row) => row.value)
    .filter((f) => f.functionName.startsWith(prefix));
  const { page, nextToken } = paginate(all, (f) => f.functionName, lexicalAfter, { limit: req.query.limit, nextToken: req.query.nextToken, scope: [req.accountId, req.operation, prefix] }, req.env.pageTokens);
  return { status: 200, body: { functions: page.map((f) => present(req, f)), ...(nextToken && { nextToken }) } };
}
