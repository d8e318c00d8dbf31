import type { IncomingApiRequest, RouteMatch, ValidatedRequest } from "../core/api";
import type { Operation } from "../core/operation";
import { decodedSegments, PathTemplates } from "../core/routing";
import { fgErrorFor } from "./errors";
import { parseTarget } from "./lookup";
import type { FgSettings } from "./operation";
import { jsonBody, parseOrThrow } from "./validation";

/**
 * Which FunctionGraph v2 operation a request is, and its parameters checked. Paths live under
 * `/v2/{project_id}/fgs/`; the project id is handed to the handler as the `project_id` parameter (authentication
 * checks it against the key's project). A `{function_urn}` must name this endpoint's region and the path's project.
 */

export const API_VERSION = "v2";

/** Whether a path is FunctionGraph's: under `/v2/`. */
export function isFunctionGraphPath(rawPath: string): boolean {
  return rawPath.startsWith(`/${API_VERSION}/`);
}

/** The router of an operation table: method and raw path to the operation, or FunctionGraph's 404 `FSS.0404`. */
export function fgRouter(operations: readonly Operation[]): (method: string, rawPath: string) => RouteMatch {
  const templates = new PathTemplates(operations);
  return (method, rawPath) => {
    const notSupported = () => fgErrorFor({ kind: "PathNotSupported", method, path: rawPath });
    const segments = decodedSegments(rawPath);
    if (segments === undefined) throw notSupported();
    const [version, projectId, service, ...rest] = segments;
    if (version !== API_VERSION || projectId === undefined || projectId === "" || service !== "fgs") throw notSupported();
    const found = templates.match(method, rest);
    if (found === undefined) throw notSupported();
    return { operation: found.operation, apiVersion: version, params: { ...found.params, project_id: projectId }, qualifier: undefined };
  };
}

/** The validation stage for these settings: the URN (its own 400, FSS.1309), then the query and the body. */
export function validator(settings: FgSettings): (match: RouteMatch, request: IncomingApiRequest) => ValidatedRequest {
  return ({ operation, params }, request) => {
    const urn = params["function_urn"];
    if (urn !== undefined) parseTarget(urn, settings.region, params["project_id"] ?? "");
    const query = operation.query ? parseOrThrow(operation.query, Object.fromEntries(request.query), "query") : undefined;
    const body = operation.body ? parseOrThrow(operation.body, jsonBody(request.body), "body") : undefined;
    return { params, qualifier: undefined, query, body };
  };
}
