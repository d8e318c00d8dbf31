// The async behaviour of one Function Compute function, declared: two retries after a function error,
// events discarded after an hour in the queue, a queue that hears about every success, a topic that
// hears about every failure, and "asynchronous tasks" on, so each invocation can be looked up by id.
//
// The function itself (service `orders`, function `process-order`) is deployed separately: in the cloud
// with @pulumi/alicloud's `fc.Function` or any other tool; against the emulator with `npm run deploy-function`.
import * as pulumi from "@pulumi/pulumi";
import { fc } from "pulumi-async-invoke";

const config = new pulumi.Config();
const serviceName = config.get("serviceName") ?? "orders";
const functionName = config.get("functionName") ?? "process-order";

// Destinations are resource names in the function's own region and account.
const alicloud = new pulumi.Config("alicloud");
const region = alicloud.get("region") ?? "cn-hangzhou";
const accountId = alicloud.require("accountId");
const resultsQueue = `acs:mns:${region}:${accountId}:/queues/order-results/messages`;
const failuresTopic = `acs:mns:${region}:${accountId}:/topics/order-failures/messages`;

const processOrder = new fc.FunctionAsyncInvokeConfig("process-order-async", {
  serviceName,
  functionName,
  maxAsyncRetryAttempts: 2,
  maxAsyncEventAgeInSeconds: 3600,
  statefulInvocation: true,
  destinationConfig: {
    onSuccess: { destination: resultsQueue },
    onFailure: { destination: failuresTopic },
  },
});

export const asyncConfigId = processOrder.id;
export const retries = processOrder.maxAsyncRetryAttempts;
export const maxEventAgeSeconds = processOrder.maxAsyncEventAgeInSeconds;
export const asynchronousTasks = processOrder.statefulInvocation;
export const destinations = processOrder.destinationConfig;
