import type { ApiModule } from "../core/api";
import { authenticate } from "../core/auth/alicloud";
import { fc3EngineApi } from "./async/engine-api";
import { asFc3Error, errorBody, Fc3Error, fc3Error, fc3ErrorFor } from "./errors";
import { fc3Inventory } from "./inventory";
import { fc3Operations } from "./operations";
import { Fc3Router, isFc3Path, validateRequest } from "./routing";
import { fc3Tables } from "./tables";

/**
 * Function Compute 3.0 (API 2023-03-30) as an emulator API: registered from `emulator/index.ts`. Requests are
 * signed ACS3-HMAC-SHA256 (contracts/acs3; ROA when the SDK is told to); errors are `{"Code","Message","RequestId"}`
 * with the request id also in `x-fc-request-id`.
 */

const router = new Fc3Router(fc3Operations);

export const fc3Api: ApiModule = {
  name: "fc3",
  requestIdHeader: "x-fc-request-id",
  owns: isFc3Path,
  operations: fc3Operations,
  route: (request) => router.match(request.method, request.rawPath, request.query),
  authenticate(request, { accounts, now }) {
    // FC 3.0 is an OpenAPI product: its SDK signs with ACS3 (or ROA); 2.0's `FC` scheme is not one of them.
    if (/^FC\s/.test(request.headers["authorization"] ?? "")) {
      return { ok: false, error: fc3Error("InvalidArgument", "the FC 3.0 API takes ACS3-HMAC-SHA256 (or ROA) signatures, not the FC 2.0 'FC' scheme") };
    }
    const auth = authenticate({ method: request.method, rawPath: request.rawPath, query: request.query, headers: request.headers, body: request.body }, accounts, now);
    if (!auth.ok) return { ok: false, error: new Fc3Error(auth.code, auth.message) };
    return { ok: true, principal: auth.principal };
  },
  validate: validateRequest,
  error: fc3ErrorFor,
  renderError(error, requestId) {
    const fc3 = asFc3Error(error);
    return { status: fc3.status, body: errorBody(fc3, requestId), headers: { ...fc3.headers } };
  },
  tables: fc3Tables,
  engine: fc3EngineApi,
  inventory: fc3Inventory,
};
