/**
 * Every FunctionGraph v2 operation the emulator answers, under `/v2/{project_id}/fgs/`. Names are the SDK methods'
 * in PascalCase, prefixed `functiongraph:` (request counts are kept under them). A new operation is one row here plus its handler.
 */
import * as config from "./handlers/async-invoke-config";
import * as functions from "./handlers/functions";
import * as invocations from "./handlers/invocations";
import * as versions from "./handlers/versions-aliases";
import type { Operation } from "../core/operation";
import { fgOperation, type FgOperationRow, type FgSettings } from "./operation";
import { asyncConfigBody, cancelBody, createAliasBody, createFunctionBody, createVersionBody, listConfigsQuery, listFunctionsQuery, listInvocationsQuery, updateCodeBody } from "./validation";

const F = "functions/{function_urn}";

const ROWS: readonly FgOperationRow[] = [
  fgOperation({ name: "CreateFunction", method: "POST", path: "functions", body: createFunctionBody, handle: functions.createFunction }),
  fgOperation({ name: "ListFunctions", method: "GET", path: "functions", query: listFunctionsQuery, handle: functions.listFunctions }),
  fgOperation({ name: "ShowFunctionConfig", method: "GET", path: `${F}/config`, handle: functions.showFunctionConfig }),
  fgOperation({ name: "DeleteFunction", method: "DELETE", path: F, handle: functions.deleteFunction }),
  fgOperation({ name: "UpdateFunctionCode", method: "PUT", path: `${F}/code`, body: updateCodeBody, handle: functions.updateFunctionCode }),
  fgOperation({ name: "CreateFunctionVersion", method: "POST", path: `${F}/versions`, body: createVersionBody, handle: versions.createFunctionVersion }),
  fgOperation({ name: "ListFunctionVersions", method: "GET", path: `${F}/versions`, handle: versions.listFunctionVersions }),
  fgOperation({ name: "CreateVersionAlias", method: "POST", path: `${F}/aliases`, body: createAliasBody, handle: versions.createVersionAlias }),
  fgOperation({ name: "ListVersionAliases", method: "GET", path: `${F}/aliases`, handle: versions.listVersionAliases }),
  fgOperation({ name: "ShowVersionAlias", method: "GET", path: `${F}/aliases/{alias_name}`, handle: versions.showVersionAlias }),
  fgOperation({ name: "DeleteVersionAlias", method: "DELETE", path: `${F}/aliases/{alias_name}`, handle: versions.deleteVersionAlias }),
  fgOperation({ name: "InvokeFunction", method: "POST", path: `${F}/invocations`, handle: functions.invokeFunction }),

  fgOperation({ name: "UpdateFunctionAsyncInvokeConfig", method: "PUT", path: `${F}/async-invoke-config`, body: asyncConfigBody, handle: config.updateAsyncInvokeConfig }),
  fgOperation({ name: "ShowFunctionAsyncInvokeConfig", method: "GET", path: `${F}/async-invoke-config`, handle: config.showAsyncInvokeConfig }),
  fgOperation({ name: "DeleteFunctionAsyncInvokeConfig", method: "DELETE", path: `${F}/async-invoke-config`, handle: config.deleteAsyncInvokeConfig }),
  fgOperation({ name: "ListFunctionAsyncInvokeConfig", method: "GET", path: `${F}/async-invoke-configs`, query: listConfigsQuery, handle: config.listAsyncInvokeConfigs }),

  fgOperation({ name: "AsyncInvokeFunction", method: "POST", path: `${F}/invocations-async`, handle: invocations.asyncInvokeFunction }),
  fgOperation({ name: "ListAsyncInvocations", method: "GET", path: `${F}/async-invocations`, query: listInvocationsQuery, handle: invocations.listAsyncInvocations }),
  fgOperation({ name: "CancelAsyncInvocation", method: "POST", path: `${F}/cancel`, body: cancelBody, handle: invocations.cancelAsyncInvocation }),
];

/** The table for the settings the emulator was started with (the region every URN names). */
export function functionGraphOperations(settings: FgSettings): Operation[] {
  return ROWS.map((row) => row(settings));
}
