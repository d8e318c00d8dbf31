// The demo program: the asynchronous invocation configuration of an order pipeline on Function Compute.
// Credentials, region, account and endpoint come from the stack config (scripts/demo.sh points them at
// the embedded emulator); nothing here knows whether it talks to the emulator or to the cloud.
import * as pulumi from "@pulumi/pulumi";
import { fc } from "pulumi-async-invoke";

const alicloud = new pulumi.Config("alicloud");
const region = alicloud.require("region");
const account = alicloud.require("accountId");

// Orders must not be processed twice: no retries, a failed event goes to a queue for a person to look at,
// and every invocation is an asynchronous task whose state can be queried.
const orders = new fc.FunctionAsyncInvokeConfig("orders", {
  serviceName: "shop",
  functionName: "orders",
  maxAsyncRetryAttempts: 0,
  maxAsyncEventAgeInSeconds: 3600,
  statefulInvocation: true,
  destinationConfig: {
    onFailure: { destination: `acs:mns:${region}:${account}:/queues/orders-failed/messages` },
  },
});

// Receipts may be retried, but only while they are fresh; each success is audited by another function.
const receipts = new fc.FunctionAsyncInvokeConfig("receipts", {
  serviceName: "shop",
  functionName: "receipts",
  qualifier: "prod",
  maxAsyncRetryAttempts: 2,
  maxAsyncEventAgeInSeconds: 600,
  destinationConfig: {
    onSuccess: { destination: `acs:fc:${region}:${account}:services/shop/functions/audit` },
  },
});

export const ordersRetries = orders.maxAsyncRetryAttempts;
export const ordersFailureQueue = orders.destinationConfig.apply((d) => d.onFailure?.destination);
export const receiptsQualifier = receipts.qualifier;
export const receiptsEventAge = receipts.maxAsyncEventAgeInSeconds;
