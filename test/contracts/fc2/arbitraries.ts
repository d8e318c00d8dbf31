// fast-check generators of what the FC 2.0 contract accepts, for the property tests beside this file.
import fc from "fast-check";
import type { Destination } from "../../../contracts/fc2";

const region = fc.constantFrom("cn-hangzhou", "cn-shanghai", "ap-southeast-1", "us-west-1", "eu-central-1", "cn-north-2-gov-1");
const account = fc.stringMatching(/^[0-9]{1,32}$/);
export const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,127}$/);
export const qualifier = fc.oneof(fc.constant("LATEST"), fc.stringMatching(/^[1-9][0-9]{0,18}$/), name);

/** Destinations the grammar accepts, generated from its parts. */
export const destination: fc.Arbitrary<Destination> = fc.oneof(
  fc.record({ kind: fc.constantFrom("mns-queue" as const, "mns-topic" as const), region, accountId: account, name: fc.stringMatching(/^[A-Za-z0-9-]{1,256}$/) }),
  fc.record(
    { kind: fc.constant("fc-function" as const), region, accountId: account, serviceName: name, qualifier, functionName: name },
    { requiredKeys: ["kind", "region", "accountId", "serviceName", "functionName"] },
  ),
  fc.record({ kind: fc.constant("eventbridge" as const), region, accountId: account, eventBus: fc.stringMatching(/^[A-Za-z0-9._-]{1,127}$/) }),
  fc.record({
    kind: fc.constant("rocketmq" as const),
    region,
    accountId: account,
    instanceId: fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/),
    topic: fc.stringMatching(/^[A-Za-z0-9%_-]{1,255}$/),
  }),
);

