// Provider and emulator judge async invoke configs with the same contract: whatever the provider's `check` accepts,
// the emulator's validation of PutFunctionAsyncInvokeConfig accepts too, so `up` never fails on what preview passed.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { FcError } from "../../../emulator/fc2/errors";
import { putAsyncConfigBody } from "../../../emulator/fc2/validation/async-invoke-config";
import { qualifier as emulatorQualifier, resourceName } from "../../../emulator/fc2/validation/common";
import { parseOrThrow } from "../../../emulator/fc2/validation/parse";
import { FunctionAsyncInvokeConfigInputSchema, QualifierSchema, ServiceNameSchema, prepareInput } from "../../../provider/fc2/inputs";
import { putBody } from "../../../provider/fc2/provider";
import { formatDestination } from "../../../contracts/fc2";
import { destination, name, qualifier } from "./arbitraries";

// Values near and across every boundary, so both sides see accepted and refused inputs alike.
const nameLike = fc.oneof(
  { weight: 8, arbitrary: fc.oneof(name, qualifier) },
  fc.constantFrom("", "0", "1a", "-x", "a b", "a:b", "x".repeat(128), "x".repeat(129), "LATEST", "1", "01", "0x"),
  fc.string({ maxLength: 12 }),
);
const arnLike = fc.oneof(
  { weight: 6, arbitrary: destination.map(formatDestination) },
  destination.map((d) => formatDestination(d).replace(/:/, ":x")),
  fc.constantFrom("acs:fc:cn-hangzhou:1:services/s.0/functions/f", "acs:mns:cn_hz:1:/queues/q/messages", "", "arn:aws:sqs:us-east-1:1:q"),
);
const program = fc.record(
  {
    serviceName: nameLike,
    functionName: nameLike,
    qualifier: nameLike,
    destinationConfig: fc.record({ onSuccess: fc.record({ destination: arnLike }), onFailure: fc.record({ destination: arnLike }) }, { requiredKeys: [] }),
    maxAsyncEventAgeInSeconds: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -1, max: 2_592_001 }) }, fc.constantFrom(0, 1, 2_592_000, 2_592_001, 1.5)),
    maxAsyncRetryAttempts: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -1, max: 9 }) }, fc.constantFrom(0, 8, 9, 2.5)),
    statefulInvocation: fc.boolean(),
  },
  { requiredKeys: ["serviceName", "functionName"] },
);

function emulatorAccepts(body: unknown): boolean {
  try {
    parseOrThrow(putAsyncConfigBody, body, "body");
    return true;
  } catch (error) {
    if (error instanceof FcError) return false;
    throw error;
  }
}

describe("what the provider accepts, the emulator accepts", () => {
  test("whole configs: the Put body of every checked program passes the emulator's validation", () => {
    let accepted = 0;
    fc.assert(
      fc.property(program, (input) => {
        const checked = FunctionAsyncInvokeConfigInputSchema.safeParse(prepareInput(input));
        if (!checked.success) return;
        accepted++;
        expect(emulatorAccepts(putBody(checked.data))).toBe(true);
      }),
      { numRuns: 1000 },
    );
    // The generator must reach the accepting side, or the property says nothing.
    expect(accepted).toBeGreaterThan(50);
  });

  test("names and qualifiers in the path", () => {
    fc.assert(
      fc.property(nameLike, (value) => {
        if (ServiceNameSchema.safeParse(value).success) expect(resourceName.safeParse(value).success).toBe(true);
        if (QualifierSchema.safeParse(value).success) expect(emulatorQualifier.safeParse(value).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("exact refusals, on both sides", () => {
  test("a destination qualified with 0", () => {
    const arn = "acs:fc:cn-hangzhou:123:services/s.0/functions/f";
    const provider = FunctionAsyncInvokeConfigInputSchema.safeParse({ serviceName: "s", functionName: "f", destinationConfig: { onFailure: { destination: arn } } });
    expect(provider.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      [
        "destinationConfig.onFailure.destination",
        "must be an Alibaba Cloud resource name of a supported destination, one of: acs:mns:{region}:{accountId}:/queues/{queue}/messages, " +
          "acs:mns:{region}:{accountId}:/topics/{topic}/messages, acs:fc:{region}:{accountId}:services/{service}[.{qualifier}]/functions/{function}, " +
          "acs:eventbridge:{region}:{accountId}:eventbus/{eventBus}, acs:mq:{region}:{accountId}:/instances/{instanceId}/topic/{topic}; " +
          `got "${arn}"`,
      ],
    ]);
    expect(() => parseOrThrow(putAsyncConfigBody, { destinationConfig: { onFailure: { destination: arn } } }, "body")).toThrow(
      expect.objectContaining({
        code: "InvalidArgument",
        message: `destinationConfig.onFailure.destination must be an MNS queue/topic, FC function, EventBridge or RocketMQ ARN such as 'acs:mns:cn-hangzhou:1234567890123456:/queues/my-queue/messages', got "${arn}"`,
      }),
    );
  });

  test("nine retries and a 30-day-and-a-second event age", () => {
    const provider = FunctionAsyncInvokeConfigInputSchema.safeParse({ serviceName: "s", functionName: "f", maxAsyncRetryAttempts: 9, maxAsyncEventAgeInSeconds: 2_592_001 });
    expect(provider.error?.issues.map((i) => i.message)).toEqual([
      "must be an integer from 1 to 2592000 (default 86400); got 2592001",
      "must be an integer from 0 to 8 (default 3); got 9",
    ]);
    expect(() => parseOrThrow(putAsyncConfigBody, { maxAsyncRetryAttempts: 9 }, "body")).toThrow(
      expect.objectContaining({ code: "InvalidArgument", message: "maxAsyncRetryAttempts must be an integer from 0 to 8, got 9" }),
    );
    expect(() => parseOrThrow(putAsyncConfigBody, { maxAsyncEventAgeInSeconds: 2_592_001 }, "body")).toThrow(
      expect.objectContaining({ code: "InvalidArgument", message: "maxAsyncEventAgeInSeconds must be an integer from 1 to 2592000, got 2592001" }),
    );
  });
});
