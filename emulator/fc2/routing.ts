import { z } from "zod";
import type { IncomingApiRequest, RouteMatch, ValidatedRequest } from "../core/api";
import type { Operation } from "../core/operation";
import { decodedSegments, PathTemplates } from "../core/routing";
import { fcError } from "./errors";
import { qualifier as qualifierSchema, resourceName, versionId } from "./validation/common";
import { invocationIdParam } from "./validation/invocations";
import { parseJsonBody, parseOrThrow } from "./validation/parse";

/**
 * Which FC 2.0 operation a request is, and its parameters checked. Paths are matched segment by
 * segment against the operation table under either API version prefix; anything else is the cloud's
 * `PathNotSupported`.
 *
 * The qualifier arrives two ways and both are accepted under both prefixes: in the service segment
 * (`services/{svc}.{qualifier}`, as @alicloud/fc2 sends it) or as `?qualifier=` (as
 * @alicloud/fc-open20210406 sends it). Names cannot contain '.', so the first '.' splits the segment.
 */

export const API_VERSIONS = ["2016-08-15", "2021-04-06"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** Whether a path is FC 2.0's: under one of its version prefixes. */
export function isFc2Path(path: string): boolean {
  return API_VERSIONS.some((version) => path === `/${version}` || path.startsWith(`/${version}/`));
}

/** Schemas of path parameters by name; a parameter not listed here must just be non-empty. */
export const pathParamSchemas: Record<string, z.ZodType<string>> = {
  serviceName: resourceName,
  functionName: resourceName,
  aliasName: resourceName,
  versionId,
  invocationId: invocationIdParam,
};

function isApiVersion(value: string | undefined): value is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(value ?? "");
}

export class Fc2Router {
  readonly #templates: PathTemplates<Operation>;

  constructor(operations: readonly Operation[]) {
    this.#templates = new PathTemplates(operations);
  }

  match(method: string, rawPath: string, query: URLSearchParams): RouteMatch {
    // Built only when needed: an Error's stack capture costs more than the whole match.
    const notSupported = () => fcError("PathNotSupported", method, rawPath);
    const segments = decodedSegments(rawPath);
    if (segments === undefined) throw notSupported();
    const [version, ...rest] = segments;
    if (!isApiVersion(version)) throw notSupported();
    const found = this.#templates.match(method, rest);
    if (found === undefined) throw notSupported();
    return { operation: found.operation, apiVersion: version, ...splitQualifier(found.operation, found.params, query) };
  }
}

function splitQualifier(
  operation: Operation,
  params: Record<string, string>,
  query: URLSearchParams,
): { params: Record<string, string>; qualifier: string | undefined } {
  const fromQuery = query.get("qualifier") ?? undefined;
  const service = params["serviceName"];
  const dot = service === undefined ? -1 : service.indexOf(".");
  const fromPath = operation.qualified && service !== undefined && dot >= 0 ? service.slice(dot + 1) : undefined;
  if (fromPath !== undefined && service !== undefined) params["serviceName"] = service.slice(0, dot);
  if (!operation.qualified && fromQuery !== undefined) {
    throw fcError("InvalidArgument", `${operation.name} does not take a qualifier`);
  }
  if (fromPath !== undefined && fromQuery !== undefined && fromPath !== fromQuery) {
    throw fcError("InvalidArgument", `qualifier '${fromPath}' in the path and '${fromQuery}' in the query disagree`);
  }
  return { params, qualifier: fromPath ?? fromQuery };
}

// Parameters are checked inside an object so that an InvalidArgument names the parameter. The object
// schemas are built once per set of parameter names: building a zod schema costs more than using it.
const paramObjects = new Map<string, z.ZodType<Record<string, string>>>();
const qualifierObject = z.object({ qualifier: qualifierSchema });

function paramObject(names: string[]): z.ZodType<Record<string, string>> {
  const key = names.join("/");
  let schema = paramObjects.get(key);
  if (!schema) {
    schema = z.object(Object.fromEntries(names.map((name) => [name, pathParamSchemas[name] ?? z.string().min(1)]))) as unknown as z.ZodType<
      Record<string, string>
    >;
    paramObjects.set(key, schema);
  }
  return schema;
}

/**
 * Query parameters as an object. The 2016-08-15 reference pages spell paging parameters `Limit` and
 * `NextToken`, the SDKs `limit` and `nextToken`: both reach the schemas as the latter.
 */
function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) if (!(key in out)) out[key] = value;
  for (const [key, value] of query) {
    const camel = key.charAt(0).toLowerCase() + key.slice(1);
    if (!(camel in out)) out[camel] = value;
  }
  return out;
}

/** The validation stage: what routing extracted from the path, then the query and the body. */
export function validateRequest(match: RouteMatch, request: IncomingApiRequest): ValidatedRequest {
  const params = parseOrThrow(paramObject(Object.keys(match.params)), match.params, "path");
  const qualifier = match.qualifier === undefined ? undefined : parseOrThrow(qualifierObject, { qualifier: match.qualifier }, "path").qualifier;
  const { operation } = match;
  const query = operation.query ? parseOrThrow(operation.query, queryObject(request.query), "query") : undefined;
  const body = operation.body ? parseOrThrow(operation.body, parseJsonBody(request.body), "body") : undefined;
  return { params, qualifier, query, body };
}
