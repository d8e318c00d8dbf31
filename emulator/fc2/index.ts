import type { ApiModule } from "../core/api";
import { fc2EngineApi } from "./async/engine-api";
import { authenticate } from "../core/auth/alicloud";
import { errorBody, FcError, fcErrorFor } from "./errors";
import { fc2Inventory } from "./inventory";
import { fcOperations } from "./operations";
import { Fc2Router, isFc2Path, validateRequest } from "./routing";
import { fc2Tables } from "./tables";

/**
 * Function Compute 2.0 (API 2016-08-15, also served under 2021-04-06) as an emulator API: registered
 * from `emulator/index.ts`. Errors are `{"ErrorCode","ErrorMessage"}` with the request id in
 * `X-Fc-Request-Id`.
 */

const router = new Fc2Router(fcOperations);

export const fc2Api: ApiModule = {
  name: "fc2",
  requestIdHeader: "x-fc-request-id",
  owns: isFc2Path,
  operations: fcOperations,
  route: (request) => router.match(request.method, request.rawPath, request.query),
  authenticate(request, { accounts, now }) {
    const auth = authenticate({ method: request.method, rawPath: request.rawPath, query: request.query, headers: request.headers, body: request.body }, accounts, now);
    if (!auth.ok) return { ok: false, error: new FcError(auth.code, auth.message) };
    return { ok: true, principal: auth.principal };
  },
  validate: validateRequest,
  error: fcErrorFor,
  renderError(error, requestId, rawPath) {
    const fc = error instanceof FcError ? error : new FcError("InternalServerError", error.message);
    return { status: fc.status, body: errorBody(fc, { requestId, pathname: rawPath }) };
  },
  tables: fc2Tables,
  engine: fc2EngineApi,
  inventory: fc2Inventory,
};
