import { z } from "zod";
import { fcError } from "../fc2/errors";
import { API_VERSIONS, type ApiVersion, type Operation } from "./operation";
import { qualifier as qualifierSchema, resourceName, versionId } from "../fc2/validation/common";
import { invocationIdParam } from "../fc2/validation/invocations";
import { parseOrThrow } from "../fc2/validation/parse";

/**
 * The first stage of the pipeline: which operation a request is. Paths are matched segment by segment
 * against the operation table under either API version prefix; anything else is the cloud's
 * `PathNotSupported`.
 *
 * The qualifier arrives two ways and both are accepted under both prefixes: in the service segment
 * (`services/{svc}.{qualifier}`, as @alicloud/fc2 sends it) or as `?qualifier=` (as
 * @alicloud/fc-open20210406 sends it). Names cannot contain '.', so the first '.' splits the segment.
 */

type Segment = { literal: string } | { param: string };

interface CompiledRoute {
  operation: Operation;
  segments: Segment[];
}

export interface RouteMatch {
  operation: Operation;
  apiVersion: ApiVersion;
  /** Decoded path parameters, not yet validated (see `validateParams`). */
  params: Record<string, string>;
  qualifier: string | undefined;
}

/** Schemas of path parameters by name; a parameter not listed here must just be non-empty. */
export const pathParamSchemas: Record<string, z.ZodType<string>> = {
  serviceName: resourceName,
  functionName: resourceName,
  aliasName: resourceName,
  versionId,
  invocationId: invocationIdParam,
};

function compile(operation: Operation): CompiledRoute {
  const segments = operation.path
    .split("/")
    .filter((s) => s !== "")
    .map((s): Segment => (s.startsWith("{") && s.endsWith("}") ? { param: s.slice(1, -1) } : { literal: s }));
  return { operation, segments };
}

function isApiVersion(value: string | undefined): value is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(value ?? "");
}

export class Router {
  readonly #routes: CompiledRoute[];
  readonly names: ReadonlySet<string>;

  constructor(operations: readonly Operation[]) {
    this.#routes = operations.map(compile);
    const seen = new Set<string>();
    for (const route of this.#routes) {
      const key = `${route.operation.method} ${route.operation.path}`;
      if (seen.has(key)) throw new Error(`two operations answer ${key}`);
      seen.add(key);
    }
    this.names = new Set(operations.map((o) => o.name));
  }

  match(method: string, rawPath: string, query: URLSearchParams): RouteMatch {
    // Built only when needed: an Error's stack capture costs more than the whole match.
    const notSupported = () => fcError("PathNotSupported", method, rawPath);
    const [empty, version, ...encoded] = rawPath.split("/");
    if (empty !== "" || !isApiVersion(version)) throw notSupported();
    let segments: string[];
    try {
      segments = encoded.map((s) => decodeURIComponent(s));
    } catch {
      throw notSupported();
    }
    if (segments.length > 0 && segments[segments.length - 1] === "") segments.pop(); // tolerate a trailing '/'

    for (const route of this.#routes) {
      if (route.operation.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const fits = route.segments.every((segment, i) => {
        const value = segments[i] as string;
        if ("literal" in segment) return segment.literal === value;
        if (value === "") return false;
        params[segment.param] = value;
        return true;
      });
      if (fits) return { operation: route.operation, apiVersion: version, ...splitQualifier(route.operation, params, query) };
    }
    throw notSupported();
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

/** The validation stage's check of what routing extracted from the path. */
export function validateParams(match: RouteMatch): { params: Record<string, string>; qualifier: string | undefined } {
  const params = parseOrThrow(paramObject(Object.keys(match.params)), match.params, "path");
  const qualifier = match.qualifier === undefined ? undefined : parseOrThrow(qualifierObject, { qualifier: match.qualifier }, "path").qualifier;
  return { params, qualifier };
}
