// Async behaviour of Function Compute 3.0 functions, declared.
//
// - `process-order` on LATEST: two retries, events discarded after an hour, failures to an MNS queue — and
//   onFailure alone: no empty onSuccess is ever sent (the bug Terraform's fcv3 resource has).
// - the same function's `prod` alias: async tasks on, successes to an audit function (an FC 3.0 resource name).
// - one policy over a 3.0 function and a 2.0 one: each target checked against its own API's ranges.
//
// The functions themselves are deployed separately (`npm run deploy-functions` against the emulator).
import * as pulumi from "@pulumi/pulumi";
import { fc, fc3 } from "pulumi-async-invoke";

const alicloud = new pulumi.Config("alicloud");
const region = alicloud.get("region") ?? "cn-hangzhou";
const accountId = alicloud.require("accountId");
const failedQueue = `acs:mns:${region}:${accountId}:/queues/order-failures/messages`;
const auditFunction = `acs:fc:${region}:${accountId}:functions/audit`;

const latest = new fc3.AsyncInvokeConfig("process-order", {
  functionName: "process-order",
  maxAsyncRetryAttempts: 2,
  maxAsyncEventAgeInSeconds: 3600,
  destinationConfig: { onFailure: { destination: failedQueue } },
});

const prod = new fc3.AsyncInvokeConfig("process-order-prod", {
  functionName: "process-order",
  qualifier: "prod",
  asyncTask: true,
  destinationConfig: { onSuccess: { destination: auditFunction } },
});

// One policy, functions on both APIs. Moving a function from 2.0 to 3.0 is changing its target entry.
const config = new pulumi.Config();
const legacyService = config.get("legacyService");
const policy = new fc.AsyncInvokePolicy("notifications", {
  maxAsyncRetryAttempts: 1,
  asyncTask: false,
  destinationConfig: { onFailure: { destination: failedQueue } },
  targets: [
    { api: "fc3", functionName: "send-email" },
    ...(legacyService === undefined ? [] : [{ serviceName: legacyService, functionName: "send-sms" }]),
  ],
});

export const latestId = latest.id; // process-order:LATEST
export const prodId = prod.id; // process-order:prod
export const prodFunctionArn = prod.functionArn;
export const prodLastModified = prod.lastModifiedTime;
export const policyConfigs = policy.configIds;
