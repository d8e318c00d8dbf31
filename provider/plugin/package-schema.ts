/**
 * The plugin's Pulumi package schema: provider configuration, the four resources and the invokes. The property
 * names are the dynamic resources' own inputs and outputs (the plugin runs their code); ranges and defaults come
 * from the contracts; the invokes' arguments from `invokes.ts`. `write-schema.ts` writes it to `schema.json`,
 * from which SDKs and `docs/api/` are generated.
 */
import * as fc2 from "../../contracts/fc2";
import * as fc3 from "../../contracts/fc3";
import * as fg from "../../contracts/functiongraph";
import { BATCH_CONCURRENCY } from "../policy/batch-plan";
import { CONFIG, PACKAGE } from "./config";
import { INVOKES, type PropertySpec } from "./invokes";
import { BATCH_TOKEN, FC2_CONFIG_TOKEN, FC3_CONFIG_TOKEN, FUNCTIONGRAPH_CONFIG_TOKEN } from "./tokens";

type Json = Record<string, unknown>;

const str = (description: string, extra: Json = {}): Json => ({ type: "string", description, ...extra });
const int = (description: string): Json => ({ type: "integer", description });
const bool = (description: string): Json => ({ type: "boolean", description });
const ref = (token: string, description: string, extra: Json = {}): Json => ({ $ref: `#/types/${token}`, description, ...extra });
const range = (r: { min: number; max: number; default: number }) => `${r.min}–${r.max}, default ${r.default}`;

const ANY = { $ref: "pulumi.json#/Any" };
const ADOPT = bool("Take over a config that already exists instead of failing; default false. Read only when the resource is created.");
const TIMES = { createdTime: str("When the config was created, as the service reports it."), lastModifiedTime: str("When the config last changed.") };
const SCHEMA_VERSION = { schemaVersion: int("The layout version of these outputs.") };

/** A resource from its inputs, which of them are required, and the outputs it adds. */
function resource(description: string, inputs: Record<string, Json>, requiredInputs: string[], outputs: Record<string, Json>, required: string[]): Json {
  return { description, inputProperties: inputs, requiredInputs, properties: { ...inputs, ...outputs }, required };
}

const FC_DESTINATION = (module: string, formats: readonly { shape: string }[]) => ({
  [`${PACKAGE}:${module}:Destination`]: {
    type: "object",
    description: "One destination.",
    properties: { destination: str(`The destination's Alibaba Cloud resource name, one of: ${formats.map((f) => f.shape).join(", ")}.`) },
    required: ["destination"],
  },
  [`${PACKAGE}:${module}:DestinationConfig`]: {
    type: "object",
    description: "Where the service sends a record of each finished async invocation.",
    properties: {
      onSuccess: ref(`${PACKAGE}:${module}:Destination`, "Where successful invocations are reported."),
      onFailure: ref(`${PACKAGE}:${module}:Destination`, "Where invocations that failed after their retries, or expired, are reported."),
    },
  },
});

const FC2_INPUTS = {
  serviceName: str("The FC service that holds the function. Changing it replaces the resource.", { replaceOnChanges: true }),
  functionName: str("The function whose async invocations this configures. Changing it replaces the resource.", { replaceOnChanges: true }),
  qualifier: str(`\`${fc2.DEFAULT_QUALIFIER}\` (default), a published version number or an alias name. Changing it replaces the resource.`, { replaceOnChanges: true }),
  destinationConfig: ref(`${PACKAGE}:fc:DestinationConfig`, "Where FC sends a record of each finished async invocation. Default: none."),
  maxAsyncEventAgeInSeconds: int(`Seconds an event may wait in the queue, retries included, before it is discarded: ${range(fc2.MAX_ASYNC_EVENT_AGE_IN_SECONDS)}.`),
  maxAsyncRetryAttempts: int(`Retries after a function error: ${range(fc2.MAX_ASYNC_RETRY_ATTEMPTS)}. 0 disables retries.`),
  statefulInvocation: bool(`Run async invocations as stateful asynchronous tasks; default ${fc2.STATEFUL_INVOCATION_DEFAULT}.`),
  adoptExisting: ADOPT,
};

const FC3_INPUTS = {
  functionName: str("The function whose async invocations this configures. Changing it replaces the resource.", { replaceOnChanges: true }),
  qualifier: str(`\`${fc3.DEFAULT_QUALIFIER}\` (default), a published version number or an alias name. Changing it replaces the resource.`, { replaceOnChanges: true }),
  destinationConfig: ref(`${PACKAGE}:fc3:DestinationConfig`, "Where FC sends a record of each finished async invocation. Default: none."),
  maxAsyncEventAgeInSeconds: int(`Seconds an event may wait in the queue, retries included: ${range(fc3.MAX_ASYNC_EVENT_AGE_IN_SECONDS)}.`),
  maxAsyncRetryAttempts: int(`Retries after a function error: ${range(fc3.MAX_ASYNC_RETRY_ATTEMPTS)}.`),
  asyncTask: bool(`Run async invocations as async tasks that can be listed, read and stopped; default ${fc3.ASYNC_TASK_DEFAULT}.`),
  adoptExisting: ADOPT,
};

const FG_INPUTS = {
  functionUrn: str(`Full URN of the version or alias (${fg.URN_SHAPE}). Give this, or functionName (+ qualifier, package). Changing it replaces the resource.`, { replaceOnChanges: true }),
  functionName: str("The function's name, completed with the provider's region and project id. Changing it replaces the resource.", { replaceOnChanges: true }),
  qualifier: str(`\`${fg.LATEST}\` (default), a version name, or \`!alias\`. Only with functionName.`, { replaceOnChanges: true }),
  package: str(`The function's package; default \`${fg.DEFAULT_PACKAGE}\`. Only with functionName.`, { replaceOnChanges: true }),
  maxAsyncRetryAttempts: int(`Retries after a function error: ${range(fg.MAX_ASYNC_RETRY_ATTEMPTS)}.`),
  maxAsyncEventAgeInSeconds: int(`Maximum age of a queued event in seconds: ${range(fg.MAX_ASYNC_EVENT_AGE_IN_SECONDS)}.`),
  enableAsyncStatusLog: bool("Keep async invocation status logs; default false."),
  destinationConfig: ref(`${PACKAGE}:functiongraph:DestinationConfig`, "Where FunctionGraph reports finished invocations. Default: none."),
  adoptExisting: ADOPT,
};

function property(spec: PropertySpec): Json {
  if (spec.type === "array") return { type: "array", items: spec.items === "string" ? { type: "string" } : ANY, description: spec.description };
  if (spec.type === "object") return { type: "object", additionalProperties: ANY, description: spec.description };
  return { type: spec.type, description: spec.description };
}

function functions(): Json {
  return Object.fromEntries(
    Object.entries(INVOKES).map(([token, spec]) => [
      token,
      {
        description: spec.description,
        inputs: { properties: Object.fromEntries(Object.entries(spec.inputs).map(([name, p]) => [name, property(p)])), required: [...spec.required] },
        outputs: { properties: Object.fromEntries(Object.entries(spec.outputs).map(([name, p]) => [name, property(p)])) },
      },
    ]),
  );
}

/** The schema of the package at `version`. */
export function packageSchema(version: string): Json {
  const configProperties = Object.fromEntries(
    Object.entries(CONFIG).map(([name, key]) => [name, { type: "string", description: key.description, ...(key.secret && { secret: true }) }]),
  );
  return {
    name: PACKAGE,
    displayName: "Async Invoke",
    version,
    description: "Asynchronous invocation configuration of serverless functions (Alibaba Cloud Function Compute 2.0 and 3.0, Huawei Cloud FunctionGraph) as Pulumi resources.",
    keywords: ["pulumi", "alicloud", "huaweicloud", "function-compute", "functiongraph", "category/cloud"],
    license: "Apache-2.0",
    publisher: "pulumi-async-invoke",
    meta: { moduleFormat: "(.*)", supportPack: true },
    config: { variables: configProperties },
    provider: {
      description: "The asyncinvoke provider: one account and region per instance. Declare several explicit providers to manage configs in several accounts or regions from one program.",
      inputProperties: configProperties,
    },
    types: {
      ...FC_DESTINATION("fc", fc2.DESTINATION_FORMATS),
      ...FC_DESTINATION("fc3", fc3.DESTINATION_FORMATS),
      [`${PACKAGE}:functiongraph:Destination`]: {
        type: "object",
        description: `A FunctionGraph destination: \`type\` (${fg.DESTINATION_TYPES.join(", ")}) and that type's members.`,
        properties: {
          type: str(`One of ${fg.DESTINATION_TYPES.join(", ")}.`),
          bucket: str("OBS: the bucket."),
          prefix: str("OBS: object key prefix; default empty."),
          expires: int(`OBS: days until the objects expire, ${fg.OBS_EXPIRES.min}–${fg.OBS_EXPIRES.max}; 0 (default) never.`),
          topicUrn: str("SMN: the topic URN."),
          streamName: str("DIS: the stream name."),
          functionUrn: str("FunctionGraph: the URN of the function to invoke with the record."),
        },
        required: ["type"],
      },
      [`${PACKAGE}:functiongraph:DestinationConfig`]: {
        type: "object",
        description: "Where FunctionGraph reports finished async invocations.",
        properties: {
          onSuccess: ref(`${PACKAGE}:functiongraph:Destination`, "Where successful invocations are reported."),
          onFailure: ref(`${PACKAGE}:functiongraph:Destination`, "Where invocations that failed after their retries, or expired, are reported."),
        },
      },
    },
    resources: {
      [FC2_CONFIG_TOKEN]: resource(
        "The async invoke config of one Function Compute 2.0 function and qualifier. Import id: `service:function:qualifier`.",
        FC2_INPUTS,
        ["serviceName", "functionName"],
        { ...TIMES, ...SCHEMA_VERSION },
        ["serviceName", "functionName", "qualifier", "destinationConfig", "maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts", "statefulInvocation", "createdTime", "lastModifiedTime", "schemaVersion"],
      ),
      [FC3_CONFIG_TOKEN]: resource(
        "The async invoke config of one Function Compute 3.0 function and qualifier. Import id: `function:qualifier`.",
        FC3_INPUTS,
        ["functionName"],
        { functionArn: str("The function's ARN, as FC reports it."), ...TIMES, ...SCHEMA_VERSION },
        ["functionName", "qualifier", "destinationConfig", "maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts", "asyncTask", "functionArn", "createdTime", "lastModifiedTime", "schemaVersion"],
      ),
      [FUNCTIONGRAPH_CONFIG_TOKEN]: resource(
        "The async invoke config of one FunctionGraph function version or alias. Import id: the version's or alias's URN (`…:function:default:name:latest`).",
        FG_INPUTS,
        [],
        { addressedBy: str("How the program addresses the config: functionUrn or functionName."), ...TIMES, ...SCHEMA_VERSION },
        ["functionUrn", "package", "functionName", "qualifier", "maxAsyncRetryAttempts", "maxAsyncEventAgeInSeconds", "enableAsyncStatusLog", "destinationConfig", "addressedBy", "createdTime", "lastModifiedTime", "schemaVersion"],
      ),
      [BATCH_TOKEN]: resource(
        "Many functions' async invoke configs (FC 2.0, FC 3.0, FunctionGraph, mixed) as one resource, written in parallel. " +
          "`configs` is keyed by target: `service:function:qualifier` (FC 2.0), `fc3/function:qualifier`, `functiongraph/{URN}` or " +
          "`functiongraph/{package}/{function}:{qualifier}`; each value holds that API's config settings (as its per-config resource names them).",
        {
          configs: { type: "object", additionalProperties: { type: "object", additionalProperties: ANY }, description: "The settings of each target, by target key." },
          concurrency: int(`API calls in flight at once: ${range(BATCH_CONCURRENCY)}.`),
        },
        ["configs"],
        { pending: { type: "array", items: { type: "string" }, description: "Targets whose first write failed: written again by the next update." }, ...SCHEMA_VERSION },
        ["configs", "concurrency", "schemaVersion"],
      ),
    },
    functions: functions(),
    language: {
      nodejs: { packageName: "@pulumi-async-invoke/asyncinvoke", dependencies: { "@pulumi/pulumi": "^3.0.0" } },
      go: { importBasePath: "github.com/pulumi-async-invoke/pulumi-asyncinvoke/sdk/go/asyncinvoke", generateResourceContainerTypes: false },
      python: { packageName: "pulumi_asyncinvoke", requires: { "pulumi": ">=3.0.0,<4.0.0" } },
      csharp: { rootNamespace: "PulumiAsyncInvoke", packageReferences: { Pulumi: "3.*" } },
    },
  };
}
