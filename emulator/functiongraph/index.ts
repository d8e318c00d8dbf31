import type { ApiModule } from "../core/api";
import { authenticateRequest } from "./auth";
import { functionGraphEngineApi } from "./engine-api";
import { functionGraphInventory } from "./inventory";
import { API_NAME, FgError, fgErrorFor, renderError } from "./errors";
import { parseTarget } from "./lookup";
import { FUNCTIONGRAPH_REGION } from "./operation";
import { functionGraphOperations, matchRoute } from "./operations";
import { functionGraphTables } from "./tables";
import { jsonBody, parseOrThrow } from "./validation";

/**
 * Huawei Cloud FunctionGraph v2 (`/v2/{project_id}/fgs/…`) as an emulator API, registered from `emulator/index.ts`.
 * SDK-HMAC-SHA256 (the official node SDK's exact canonical request), `X-Project-Id`, errors
 * `{"error_code","error_msg"}` with the request id in `X-Request-Id`.
 */

export { FUNCTIONGRAPH_REGION } from "./operation";

export const functionGraphApi: ApiModule = {
  name: API_NAME,
  requestIdHeader: "x-request-id",
  owns: (rawPath) => rawPath.startsWith("/v2/"),
  operations: functionGraphOperations,
  route(request) {
    const route = matchRoute(functionGraphOperations, request.method, request.rawPath);
    if (route === undefined) throw fgErrorFor({ kind: "PathNotSupported", method: request.method, path: request.rawPath });
    return { operation: route.operation, apiVersion: "v2", params: route.params, qualifier: undefined };
  },
  authenticate(request, { accounts, now }) {
    try {
      return { ok: true, principal: authenticateRequest(request, accounts, now.getTime()) };
    } catch (error) {
      if (error instanceof FgError) return { ok: false, error };
      throw error;
    }
  },
  validate(match, request) {
    const { operation, params } = match;
    const urn = params["function_urn"];
    if (urn !== undefined) parseTarget(urn, FUNCTIONGRAPH_REGION, params["project_id"] ?? "");
    const query = operation.query ? parseOrThrow(operation.query, Object.fromEntries(request.query), "query") : undefined;
    const body = operation.body ? parseOrThrow(operation.body, jsonBody(request.body), "body") : undefined;
    return { params, qualifier: undefined, query, body };
  },
  error: fgErrorFor,
  renderError,
  tables: functionGraphTables,
  engine: functionGraphEngineApi,
  inventory: functionGraphInventory,
};
