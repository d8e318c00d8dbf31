import { z } from "zod";
import { API_VERSION } from "../../contracts/fc3";
import type { IncomingApiRequest, RouteMatch, ValidatedRequest } from "../core/api";
import type { Operation } from "../core/operation";
import { decodedSegments, PathTemplates } from "../core/routing";
import { fc3Error } from "./errors";
import { parseJsonBody, parseOrThrow, pathParams } from "./validation";

/**
 * Which FC 3.0 operation a request is, and its parameters checked. Paths live under `/2023-03-30/`; the
 * qualifier is only ever `?qualifier=` (FC 3.0 has no service segment to carry it), checked by the operation's
 * query schema.
 */

export const PREFIX = `/${API_VERSION}/`;

/** Whether a path is FC 3.0's: under `/2023-03-30/`. */
export function isFc3Path(path: string): boolean {
  return path === `/${API_VERSION}` || path.startsWith(PREFIX);
}

export class Fc3Router {
  readonly #templates: PathTemplates<Operation>;

  constructor(operations: readonly Operation[]) {
    this.#templates = new PathTemplates(operations);
  }

  match(method: string, rawPath: string, query: URLSearchParams): RouteMatch {
    const notSupported = () => fc3Error("PathNotSupported", method, rawPath);
    const segments = decodedSegments(rawPath);
    if (segments === undefined) throw notSupported();
    const [version, ...rest] = segments;
    if (version !== API_VERSION) throw notSupported();
    const found = this.#templates.match(method, rest);
    if (found === undefined) throw notSupported();
    return { operation: found.operation, apiVersion: version, params: found.params, qualifier: query.get("qualifier") ?? undefined };
  }
}

// Built once per set of parameter names, so that an InvalidArgument names the parameter.
const paramObjects = new Map<string, z.ZodType<Record<string, string>>>();
function paramObject(names: string[]): z.ZodType<Record<string, string>> {
  const key = names.join("/");
  let schema = paramObjects.get(key);
  if (!schema) {
    schema = z.object(Object.fromEntries(names.map((name) => [name, pathParams[name] ?? z.string().min(1)]))) as unknown as z.ZodType<Record<string, string>>;
    paramObjects.set(key, schema);
  }
  return schema;
}

function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) if (!(key in out)) out[key] = value;
  return out;
}

/** The validation stage: path parameters, then the query (the qualifier with it) and the body. */
export function validateRequest(match: RouteMatch, request: IncomingApiRequest): ValidatedRequest {
  const params = parseOrThrow(paramObject(Object.keys(match.params)), match.params, "path");
  const { operation } = match;
  const query = operation.query ? parseOrThrow(operation.query, queryObject(request.query), "query") : undefined;
  const body = operation.body ? parseOrThrow(operation.body, parseJsonBody(request.body), "body") : undefined;
  const qualifier = (query as { qualifier?: string } | undefined)?.qualifier;
  return { params, qualifier, query, body };
}
