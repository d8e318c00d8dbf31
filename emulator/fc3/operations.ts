import * as aliases from "./handlers/versions-aliases";
import * as asyncConfig from "./handlers/async-invoke-config";
import * as functions from "./handlers/functions";
import * as invocations from "./handlers/invocations";
import { defineOperation, type Operation } from "../core/operation";
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

/**
 * Every FC 3.0 operation the emulator answers under /2023-03-30, by the cloud's action names prefixed `fc3:`
 * (request counts and faults name operations across APIs, and 2.0 has a CreateFunction too).
 */

const F = "/functions/{functionName}";

export const fc3Operations: Operation[] = [
  defineOperation({ name: "fc3:CreateFunction", qualified: false, method: "POST", path: "/functions", body: createFunctionBody, handle: functions.createFunction }),
  defineOperation({ name: "fc3:ListFunctions", qualified: false, method: "GET", path: "/functions", query: listQuery, handle: functions.listFunctions }),
  defineOperation({ name: "fc3:GetFunction", qualified: true, method: "GET", path: F, query: configQuery, handle: functions.getFunction }),
  defineOperation({ name: "fc3:UpdateFunction", qualified: false, method: "PUT", path: F, body: updateFunctionBody, handle: functions.updateFunction }),
  defineOperation({ name: "fc3:DeleteFunction", qualified: false, method: "DELETE", path: F, handle: functions.deleteFunction }),

  defineOperation({ name: "fc3:PublishFunctionVersion", qualified: false, method: "POST", path: `${F}/versions`, body: publishVersionBody, handle: aliases.publishFunctionVersion }),
  defineOperation({ name: "fc3:ListFunctionVersions", qualified: false, method: "GET", path: `${F}/versions`, query: listVersionsQuery, handle: aliases.listFunctionVersions }),
  defineOperation({ name: "fc3:DeleteFunctionVersion", qualified: false, method: "DELETE", path: `${F}/versions/{versionId}`, handle: aliases.deleteFunctionVersion }),

  defineOperation({ name: "fc3:CreateAlias", qualified: false, method: "POST", path: `${F}/aliases`, body: createAliasBody, handle: aliases.createAlias }),
  defineOperation({ name: "fc3:ListAliases", qualified: false, method: "GET", path: `${F}/aliases`, query: listQuery, handle: aliases.listAliases }),
  defineOperation({ name: "fc3:GetAlias", qualified: false, method: "GET", path: `${F}/aliases/{aliasName}`, handle: aliases.getAlias }),
  defineOperation({ name: "fc3:UpdateAlias", qualified: false, method: "PUT", path: `${F}/aliases/{aliasName}`, body: updateAliasBody, handle: aliases.updateAlias }),
  defineOperation({ name: "fc3:DeleteAlias", qualified: false, method: "DELETE", path: `${F}/aliases/{aliasName}`, handle: aliases.deleteAlias }),

  defineOperation({ name: "fc3:PutAsyncInvokeConfig", qualified: true, method: "PUT", path: `${F}/async-invoke-config`, query: configQuery, body: putAsyncConfigBody, handle: asyncConfig.putAsyncInvokeConfig }),
  defineOperation({ name: "fc3:GetAsyncInvokeConfig", qualified: true, method: "GET", path: `${F}/async-invoke-config`, query: configQuery, handle: asyncConfig.getAsyncInvokeConfig }),
  defineOperation({ name: "fc3:DeleteAsyncInvokeConfig", qualified: true, method: "DELETE", path: `${F}/async-invoke-config`, query: configQuery, handle: asyncConfig.deleteAsyncInvokeConfig }),
  defineOperation({ name: "fc3:ListAsyncInvokeConfigs", qualified: false, method: "GET", path: "/async-invoke-configs", query: listConfigsQuery, handle: asyncConfig.listAsyncInvokeConfigs }),

  defineOperation({ name: "fc3:InvokeFunction", qualified: true, method: "POST", path: `${F}/invocations`, query: configQuery, handle: invocations.invokeFunction }),
  defineOperation({ name: "fc3:ListAsyncTasks", qualified: false, method: "GET", path: `${F}/async-tasks`, query: listTasksQuery, handle: invocations.listAsyncTasks }),
  defineOperation({ name: "fc3:GetAsyncTask", qualified: true, method: "GET", path: `${F}/async-tasks/{taskId}`, query: configQuery, handle: invocations.getAsyncTask }),
  defineOperation({ name: "fc3:StopAsyncTask", qualified: true, method: "PUT", path: `${F}/async-tasks/{taskId}/stop`, query: configQuery, handle: invocations.stopAsyncTask }),
];
