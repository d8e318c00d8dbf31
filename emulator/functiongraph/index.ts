import type { ApiModule } from "../core/api";
import { functionGraphEngineApi } from "./async/engine-api";
import { authenticateRequest } from "./auth/authenticate";
import { API_NAME, FgError, fgErrorFor, renderError } from "./errors";
import { functionGraphInventory } from "./inventory";
import { DEFAULT_FUNCTIONGRAPH_REGION, type FgSettings } from "./operation";
import { functionGraphOperations } from "./operations";
import { fgRouter, isFunctionGraphPath, validator } from "./routing";
import { functionGraphTables } from "./tables";

/**
 * Huawei Cloud FunctionGraph v2 (`/v2/{project_id}/fgs/…`) as an emulator API, registered from `emulator/index.ts`
 * with the region the emulator was started with (`cn-north-4` by default); each account's project id comes from the
 * account registry. SDK-HMAC-SHA256 (the official node SDK's exact canonical request), `X-Project-Id`, errors
 * `{"error_code","error_msg"}` with the request id in `X-Request-Id`.
 */

export { DEFAULT_FUNCTIONGRAPH_REGION, type FgSettings } from "./operation";

export function functionGraphApi(settings: FgSettings = { region: DEFAULT_FUNCTIONGRAPH_REGION }): ApiModule {
  const operations = functionGraphOperations(settings);
  const route = fgRouter(operations);
  return {
    name: API_NAME,
    requestIdHeader: "x-request-id",
    owns: isFunctionGraphPath,
    operations,
    route: (request) => route(request.method, request.rawPath),
    authenticate(request, { accounts, now }) {
      try {
        return { ok: true, principal: authenticateRequest(request, accounts, now.getTime()) };
      } catch (error) {
        if (error instanceof FgError) return { ok: false, error };
        throw error;
      }
    },
    validate: validator(settings),
    error: fgErrorFor,
    renderError,
    tables: functionGraphTables,
    engine: functionGraphEngineApi,
    inventory: functionGraphInventory,
  };
}
