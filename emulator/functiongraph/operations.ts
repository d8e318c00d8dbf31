/**
 * Every FunctionGraph v2 operation the emulator answers, under `/v2/{project_id}/fgs/`. Names are the SDK methods'
 * in PascalCase, prefixed `functiongraph:` (request counts are kept under them). A new operation is one row here plus its handler.
 */
import * as config from "./handlers/async-invoke-config";
import * as functions from "./handlers/functions";
import * as invocations from "./handlers/invocations";
import type { Operation } from "../core/operation";
import { fgOperation } from "./operation";
import { asyncConfigBody, cancelBody, createAliasBody, createFunctionBody, createVersionBody, listConfigsQuery, listFunctionsQuery, listInvocationsQuery } from "./validation";

const F = "functions/{function_urn}";

export const functionGraphOperations: Operation[] = [
  fgOperation({ name: "CreateFunction", method: "POST", path: "functions", body: createFunctionBody, handle: functions.createFunction }),
  fgOperation({ name: "ListFunctions", method: "GET", path: "functions", query: listFunctionsQuery, handle: functions.listFunctions }),
  fgOperation({ name: "ShowFunctionConfig", method: "GET", path: `${F}/config`, handle: functions.showFunctionConfig }),
  fgOperation({ name: "DeleteFunction", method: "DELETE", path: F, handle: functions.deleteFunction }),
  fgOperation({ name: "CreateFunctionVersion", method: "POST", path: `${F}/versions`, body: createVersionBody, handle: functions.createFunctionVersion }),
  fgOperation({ name: "ListFunctionVersions", method: "GET", path: `${F}/versions`, handle: functions.listFunctionVersions }),
  fgOperation({ name: "CreateVersionAlias", method: "POST", path: `${F}/aliases`, body: createAliasBody, handle: functions.createVersionAlias }),
  fgOperation({ name: "ListVersionAliases", method: "GET", path: `${F}/aliases`, handle: functions.listVersionAliases }),
  fgOperation({ name: "ShowVersionAlias", method: "GET", path: `${F}/aliases/{alias_name}`, handle: functions.showVersionAlias }),
  fgOperation({ name: "DeleteVersionAlias", method: "DELETE", path: `${F}/aliases/{alias_name}`, handle: functions.deleteVersionAlias }),
  fgOperation({ name: "InvokeFunction", method: "POST", path: `${F}/invocations`, handle: functions.invokeFunction }),

  fgOperation({ name: "UpdateFunctionAsyncInvokeConfig", method: "PUT", path: `${F}/async-invoke-config`, body: asyncConfigBody, handle: config.updateAsyncInvokeConfig }),
  fgOperation({ name: "ShowFunctionAsyncInvokeConfig", method: "GET", path: `${F}/async-invoke-config`, handle: config.showAsyncInvokeConfig }),
  fgOperation({ name: "DeleteFunctionAsyncInvokeConfig", method: "DELETE", path: `${F}/async-invoke-config`, handle: config.deleteAsyncInvokeConfig }),
  fgOperation({ name: "ListFunctionAsyncInvokeConfig", method: "GET", path: `${F}/async-invoke-configs`, query: listConfigsQuery, handle: config.listAsyncInvokeConfigs }),

  fgOperation({ name: "AsyncInvokeFunction", method: "POST", path: `${F}/invocations-async`, handle: invocations.asyncInvokeFunction }),
  fgOperation({ name: "ListAsyncInvocations", method: "GET", path: `${F}/async-invocations`, query: listInvocationsQuery, handle: invocations.listAsyncInvocations }),
  fgOperation({ name: "CancelAsyncInvocation", method: "POST", path: `${F}/cancel`, body: cancelBody, handle: invocations.cancelAsyncInvocation }),
];

export interface FgRoute {
  operation: Operation;
  projectId: string;
  params: Record<string, string>;
}

/** Matches `/v2/{project_id}/fgs/…`; `undefined` when nothing does. Segments are percent-decoded. */
export function matchRoute(operations: readonly Operation[], method: string, rawPath: string): FgRoute | undefined {
  const parts = rawPath.split("/");
  if (parts[0] !== "" || parts[1] !== "v2" || parts[3] !== "fgs") return undefined;
  let decoded: string[];
  try {
    decoded = parts.slice(2).map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
  const [projectId, , ...rest] = decoded;
  if (projectId === undefined || projectId === "") return undefined;
  if (rest.length > 0 && rest[rest.length - 1] === "") rest.pop();
  for (const operation of operations) {
    if (operation.method !== method) continue;
    const template = operation.path.split("/");
    if (template.length !== rest.length) continue;
    const params: Record<string, string> = {};
    const fits = template.every((segment, i) => {
      const value = rest[i] as string;
      if (segment.startsWith("{")) {
        params[segment.slice(1, -1)] = value;
        return value !== "";
      }
      return segment === value;
    });
    if (fits) return { operation, projectId, params: { ...params, project_id: projectId } };
  }
  return undefined;
}
