import { randomUUID } from "node:crypto";
import { fcTimestamp } from "../../core/clock";
import { fcError } from "../errors";
import type { HandlerRequest, HandlerResponse } from "../../core/operation";
import type { CreateServiceBody, UpdateServiceBody } from "../validation/services";
import { requireService, resolveQualifier } from "../lookup";
import { listNamed, type NamedListQuery } from "./support/named-list";
import { checkIfMatch, etagHeader } from "./support/etag";
import { presentService } from "./support/present";

/** CreateService, GetService, UpdateService, DeleteService, ListServices. */

type Req<B, Q = undefined> = HandlerRequest<B, Q>;

export function createService(req: Req<CreateServiceBody>): HandlerResponse {
  const now = fcTimestamp(req.env.clock.now());
  const { serviceName, ...fields } = req.body;
  const created = req.env.store.transact(req.accountId, (tx) => {
    if (tx.get("services", [serviceName])) throw fcError("ServiceAlreadyExists", serviceName);
    const record = {
      serviceId: randomUUID(),
      serviceName,
      description: fields.description ?? "",
      role: fields.role ?? "",
      internetAccess: fields.internetAccess ?? true,
      ...(fields.logConfig && { logConfig: fields.logConfig }),
      ...(fields.vpcConfig && { vpcConfig: fields.vpcConfig }),
      ...(fields.nasConfig && { nasConfig: fields.nasConfig }),
      ...(fields.ossMountConfig && { ossMountConfig: fields.ossMountConfig }),
      ...(fields.tracingConfig && { tracingConfig: fields.tracingConfig }),
      createdTime: now,
      lastModifiedTime: now,
      lastVersionId: 0,
    };
    tx.put("services", [serviceName], record);
    return record;
  });
  const body = presentService(created);
  return { status: 200, body, headers: etagHeader(body) };
}

export function getService(req: Req<undefined>): HandlerResponse {
  const r = req.env.store.reader(req.accountId);
  const service = requireService(r, req.params["serviceName"] as string);
  // A qualifier must exist. Through a version (or an alias on one) the service answers the description
  // the version was published with, as the Python suite's version tests expect; its other settings are
  // not versioned in the emulator, so every qualifier sees the current ones.
  const at = resolveQualifier(r, service.serviceName, req.qualifier);
  const version = at.kind === "LATEST" ? undefined : r.get("versions", [service.serviceName, at.versionId]);
  const body = presentService(version === undefined ? service : { ...service, description: version.description });
  return { status: 200, body, headers: etagHeader(body) };
}

export function updateService(req: Req<UpdateServiceBody>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  const now = fcTimestamp(req.env.clock.now());
  const updated = req.env.store.transact(req.accountId, (tx) => {
    const current = requireService(tx, serviceName);
    checkIfMatch(req.headers, presentService(current));
    const defined = Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined));
    const record = { ...current, ...defined, lastModifiedTime: now };
    tx.put("services", [serviceName], record);
    return record;
  });
  const body = presentService(updated);
  return { status: 200, body, headers: etagHeader(body) };
}

export function deleteService(req: Req<undefined>): HandlerResponse {
  const serviceName = req.params["serviceName"] as string;
  req.env.store.transact(req.accountId, (tx) => {
    checkIfMatch(req.headers, presentService(requireService(tx, serviceName)));
    const left = (
      [
        ["functions", "functions"],
        ["versions", "versions"],
        ["aliases", "aliases"],
      ] as const
    )
      .map(([table, label]) => [label, tx.list(table, [serviceName]).length] as const)
      .filter(([, count]) => count > 0)
      .map(([label, count]) => `${count} ${label}`);
    if (left.length > 0) throw fcError("ServiceNotEmpty", serviceName, `delete its ${left.join(", ")} first`);
    tx.delete("services", [serviceName]);
  });
  return { status: 204 };
}

export function listServices(req: Req<undefined, NamedListQuery>): HandlerResponse {
  const services = req.env.store.reader(req.accountId).list("services", []).map((row) => row.value);
  const { page, nextToken } = listNamed(req, services, (s) => s.serviceName, []);
  return { status: 200, body: { services: page.map(presentService), nextToken: nextToken ?? "" } };
}
