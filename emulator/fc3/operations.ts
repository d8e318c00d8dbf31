import * as aliases from "./handlers/versions-aliases";
import * as asyncConfig from "./handlers/async-invoke-config";
import * as functions from "./handlers/functions";
import * as invocations from "./handlers/invocations";
import { defineOperation, type Fc3Operation } from "./operation";
import {
  configQuery,
  createAliasBody,
  createFunctionBody,
  listConfigsQuery,
  listQuery,
  listTasksQuery,
  listVersionsQuery,
  publishVersionBody,
  putAsyncConfigBody,
  updateAliasBody,
  updateFunctionBody,
} from "./validation";

/** Every FC 3.0 operation the emulator answers under /2023-03-30, by the cloud's action names. */

const F = "/functions/{functionName}";

export const fc3Operations: Fc3Operation[] = [
  defineOperation({ name: "CreateFunction", method: "POST", path: "/functions", body: createFunctionBody, handle: functions.createFunction }),
  defineOperation({ name: "ListFunctions", method: "GET", path: "/functions", query: listQuery, handle: functions.listFunctions }),
  defineOperation({ name: "GetFunction", method: "GET", path: F, query: configQuery, handle: functions.getFunction }),
  defineOperation({ name: "UpdateFunction", method: "PUT", path: F, body: updateFunctionBody, handle: functions.updateFunction }),
  defineOperation({ name: "DeleteFunction", method: "DELETE", path: F, handle: functions.deleteFunction }),

  defineOperation({ name: "PublishFunctionVersion", method: "POST", path: `${F}/versions`, body: publishVersionBody, handle: aliases.publishFunctionVersion }),
  defineOperation({ name: "ListFunctionVersions", method: "GET", path: `${F}/versions`, query: listVersionsQuery, handle: aliases.listFunctionVersions }),
  defineOperation({ name: "DeleteFunctionVersion", method: "DELETE", path: `${F}/versions/{versionId}`, handle: aliases.deleteFunctionVersion }),

  defineOperation({ name: "CreateAlias", method: "POST", path: `${F}/aliases`, body: createAliasBody, handle: aliases.createAlias }),
  defineOperation({ name: "ListAliases", method: "GET", path: `${F}/aliases`, query: listQuery, handle: aliases.listAliases }),
  defineOperation({ name: "GetAlias", method: "GET", path: `${F}/aliases/{aliasName}`, handle: aliases.getAlias }),
  defineOperation({ name: "UpdateAlias", method: "PUT", path: `${F}/aliases/{aliasName}`, body: updateAliasBody, handle: aliases.updateAlias }),
  defineOperation({ name: "DeleteAlias", method: "DELETE", path: `${F}/aliases/{aliasName}`, handle: aliases.deleteAlias }),

  defineOperation({ name: "PutAsyncInvokeConfig", method: "PUT", path: `${F}/async-invoke-config`, query: configQuery, body: putAsyncConfigBody, handle: asyncConfig.putAsyncInvokeConfig }),
  defineOperation({ name: "GetAsyncInvokeConfig", method: "GET", path: `${F}/async-invoke-config`, query: configQuery, handle: asyncConfig.getAsyncInvokeConfig }),
  defineOperation({ name: "DeleteAsyncInvokeConfig", method: "DELETE", path: `${F}/async-invoke-config`, query: configQuery, handle: asyncConfig.deleteAsyncInvokeConfig }),
  defineOperation({ name: "ListAsyncInvokeConfigs", method: "GET", path: "/async-invoke-configs", query: listConfigsQuery, handle: asyncConfig.listAsyncInvokeConfigs }),

  defineOperation({ name: "InvokeFunction", method: "POST", path: `${F}/invocations`, query: configQuery, handle: invocations.invokeFunction }),
  defineOperation({ name: "ListAsyncTasks", method: "GET", path: `${F}/async-tasks`, query: listTasksQuery, handle: invocations.listAsyncTasks }),
  defineOperation({ name: "GetAsyncTask", method: "GET", path: `${F}/async-tasks/{taskId}`, query: configQuery, handle: invocations.getAsyncTask }),
  defineOperation({ name: "StopAsyncTask", method: "PUT", path: `${F}/async-tasks/{taskId}/stop`, query: configQuery, handle: invocations.stopAsyncTask }),
];
