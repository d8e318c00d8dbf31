// One async invocation policy over many Function Compute functions. What differs between stacks (retries, event
// age, the failure destination, the functions themselves, the endpoint and keys) lives in Pulumi.<stack>.yaml,
// so dev, staging and prod run this same program.
import * as pulumi from "@pulumi/pulumi";
import { fc } from "pulumi-async-invoke";

const config = new pulumi.Config();

// The policy is read from this project's own keys (`<project>:maxAsyncRetryAttempts`, `…:maxAsyncEventAgeInSeconds`,
// `…:statefulInvocation`, `…:onSuccess`, `…:onFailure`), the form `pulumi new` writes; defaults are the resource's.
// A bad value stops `pulumi preview` with the key named.
const policy = fc.policyFromConfig(config);
const targets = fc.targetsFromConfig(config, "functions");

// One FunctionAsyncInvokeConfig per function, named after it: editing the list creates or deletes only the
// configs of the functions added or removed.
const asyncPolicy = new fc.AsyncInvokePolicy("async-policy", { ...policy, targets });

/** The policy this stack applies, defaults filled in. */
export const appliedPolicy = policy;
/** The managed configs' ids (`service:function:qualifier`), by function. */
export const configIds = asyncPolicy.configIds;
