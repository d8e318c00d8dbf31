// The async behaviour of one FunctionGraph function alias, declared: no retry after a function error (the handler
// is not idempotent), events dropped after 30 minutes in the queue, every success written to an OBS bucket, every
// failure published to an SMN topic. Then every version's config of the function, read back.
//
// The function (`process-order` in package `default`, with an alias `prod`) is deployed separately: with
// @pulumi/huaweicloud, Terraform, the console, or — against the emulator — the official SDK.
import * as pulumi from "@pulumi/pulumi";
import { functiongraph } from "pulumi-async-invoke";

const config = new pulumi.Config();
const functionName = config.get("functionName") ?? "process-order";
const alias = config.get("alias") ?? "prod";

// The region and project id are the ones the provider signs for (huaweicloud:region, huaweicloud:project_id).
const huaweicloud = new pulumi.Config("huaweicloud");
const region = huaweicloud.require("region");
const projectId = huaweicloud.require("project_id");

const processOrder = new functiongraph.AsyncInvokeConfig("process-order-async", {
  functionUrn: `urn:fss:${region}:${projectId}:function:default:${functionName}:!${alias}`,
  maxAsyncRetryAttempts: 0,
  maxAsyncEventAgeInSeconds: 1800,
  destinationConfig: {
    onSuccess: { type: "OBS", bucket: "order-results", prefix: "done/", expires: 30 },
    onFailure: { type: "SMN", topicUrn: `urn:smn:${region}:${projectId}:order-failures` },
  },
});

export const functionUrn = processOrder.functionUrn;
export const lastModifiedTime = processOrder.lastModifiedTime;

// Every version's and alias's config of the function (ListFunctionAsyncInvokeConfig, paged to the end).
export const allConfigs = functiongraph
  .listAsyncInvokeConfigsOutput({ functionUrn: processOrder.functionUrn })
  .apply((result) => result.configs.map((c) => ({ functionUrn: c.functionUrn, retries: c.maxAsyncRetryAttempts })));
