import * as aliases from "./handlers/aliases";
import * as asyncConfig from "./handlers/async-invoke-config";
import * as functions from "./handlers/functions";
import * as invocations from "./handlers/invocations";
import * as services from "./handlers/services";
import * as versions from "./handlers/versions";
import { defineOperation, type Operation } from "../core/operation";
import { listAsyncConfigsQuery, putAsyncConfigBody } from "./validation/async-invoke-config";
import { createFunctionBody, listFunctionsQuery, updateFunctionBody } from "./validation/functions";
import { listStatefulAsyncInvocationsQuery } from "./validation/invocations";
import { lenient } from "./validation/lenient";
import { createServiceBody, listServicesQuery, updateServiceBody } from "./validation/services";
import {
  createAliasBody,
  listAliasesQuery,
  listVersionsQuery,
  publishVersionBody,
  updateAliasBody,
} from "./validation/versions-aliases";

/**
 * Every FC operation the emulator answers, under both /2016-08-15 and /2021-04-06. Names are the cloud's
 * action names (request counts are kept under them). A new operation is one row here plus its handler.
 * Bodies are decoded leniently, as the cloud does (case-insensitive keys, null = absent): see
 * validation/lenient.ts. Anything not in this table is answered 400 PathNotSupported.
 */

const S = "/services/{serviceName}";
const F = `${S}/functions/{functionName}`;

export const fcOperations: Operation[] = [
  // Services
  defineOperation({ name: "CreateService", method: "POST", path: "/services", qualified: false, body: lenient(createServiceBody), handle: services.createService }),
  defineOperation({ name: "ListServices", method: "GET", path: "/services", qualified: false, query: listServicesQuery, handle: services.listServices }),
  defineOperation({ name: "GetService", method: "GET", path: S, qualified: true, handle: services.getService }),
  defineOperation({ name: "UpdateService", method: "PUT", path: S, qualified: false, body: lenient(updateServiceBody), handle: services.updateService }),
  defineOperation({ name: "DeleteService", method: "DELETE", path: S, qualified: false, handle: services.deleteService }),

  // Functions
  defineOperation({ name: "CreateFunction", method: "POST", path: `${S}/functions`, qualified: false, body: lenient(createFunctionBody), handle: functions.createFunction }),
  defineOperation({ name: "ListFunctions", method: "GET", path: `${S}/functions`, qualified: true, query: listFunctionsQuery, handle: functions.listFunctions }),
  defineOperation({ name: "GetFunction", method: "GET", path: F, qualified: true, handle: functions.getFunction }),
  defineOperation({ name: "GetFunctionCode", method: "GET", path: `${F}/code`, qualified: true, handle: functions.getFunctionCode }),
  defineOperation({ name: "UpdateFunction", method: "PUT", path: F, qualified: false, body: lenient(updateFunctionBody), handle: functions.updateFunction }),
  defineOperation({ name: "DeleteFunction", method: "DELETE", path: F, qualified: false, handle: functions.deleteFunction }),

  // Versions
  defineOperation({ name: "PublishServiceVersion", method: "POST", path: `${S}/versions`, qualified: false, body: lenient(publishVersionBody), handle: versions.publishServiceVersion }),
  defineOperation({ name: "ListServiceVersions", method: "GET", path: `${S}/versions`, qualified: false, query: listVersionsQuery, handle: versions.listServiceVersions }),
  defineOperation({ name: "DeleteServiceVersion", method: "DELETE", path: `${S}/versions/{versionId}`, qualified: false, handle: versions.deleteServiceVersion }),

  // Aliases
  defineOperation({ name: "CreateAlias", method: "POST", path: `${S}/aliases`, qualified: false, body: lenient(createAliasBody), handle: aliases.createAlias }),
  defineOperation({ name: "ListAliases", method: "GET", path: `${S}/aliases`, qualified: false, query: listAliasesQuery, handle: aliases.listAliases }),
  defineOperation({ name: "GetAlias", method: "GET", path: `${S}/aliases/{aliasName}`, qualified: false, handle: aliases.getAlias }),
  defineOperation({ name: "UpdateAlias", method: "PUT", path: `${S}/aliases/{aliasName}`, qualified: false, body: lenient(updateAliasBody), handle: aliases.updateAlias }),
  defineOperation({ name: "DeleteAlias", method: "DELETE", path: `${S}/aliases/{aliasName}`, qualified: false, handle: aliases.deleteAlias }),

  // Async invoke configuration
  defineOperation({ name: "PutFunctionAsyncInvokeConfig", method: "PUT", path: `${F}/async-invoke-config`, qualified: true, body: lenient(putAsyncConfigBody), handle: asyncConfig.putFunctionAsyncInvokeConfig }),
  defineOperation({ name: "GetFunctionAsyncInvokeConfig", method: "GET", path: `${F}/async-invoke-config`, qualified: true, handle: asyncConfig.getFunctionAsyncInvokeConfig }),
  defineOperation({ name: "DeleteFunctionAsyncInvokeConfig", method: "DELETE", path: `${F}/async-invoke-config`, qualified: true, handle: asyncConfig.deleteFunctionAsyncInvokeConfig }),
  defineOperation({ name: "ListFunctionAsyncInvokeConfigs", method: "GET", path: `${F}/async-invoke-configs`, qualified: true, query: listAsyncConfigsQuery, handle: asyncConfig.listFunctionAsyncInvokeConfigs }),

  // Invocation (the body is the event, bytes as sent) and asynchronous tasks
  defineOperation({ name: "InvokeFunction", method: "POST", path: `${F}/invocations`, qualified: true, handle: invocations.invokeFunction }),
  defineOperation({ name: "GetStatefulAsyncInvocation", method: "GET", path: `${F}/stateful-async-invocations/{invocationId}`, qualified: true, handle: invocations.getStatefulAsyncInvocation }),
  defineOperation({ name: "StopStatefulAsyncInvocation", method: "PUT", path: `${F}/stateful-async-invocations/{invocationId}`, qualified: true, handle: invocations.stopStatefulAsyncInvocation }),
  defineOperation({ name: "ListStatefulAsyncInvocations", method: "GET", path: `${F}/stateful-async-invocations`, qualified: true, query: listStatefulAsyncInvocationsQuery, handle: invocations.listStatefulAsyncInvocations }),
];
