// The pieces both Function Compute APIs' input schemas (fc2/inputs.ts, fc3/schema.ts) are built from, each from
// that API's contract: name, qualifier and destination schemas, how raw program values are prepared, and the
// destination block's preview placeholders and allowed members.
import { z } from "zod";
import { isLatestInAnotherCase, LATEST_CASE_RULE } from "../../contracts/alicloud";
import { canonicalize } from "../shared/diff";
import { describeValue, must } from "../shared/messages";

/** A name schema: `what` in the message, e.g. `a function name that starts with …`. */
export function nameSchema(pattern: RegExp, what: string) {
  return z.string(must(what)).regex(pattern, must(what));
}

/**
 * A qualifier schema (both FC APIs): LATEST in another case (`latest`) is named as such — FC's qualifiers are
 * case-sensitive, and it would otherwise read as an alias that cannot exist — anything else off `pattern` gets `rule`.
 */
export function qualifierSchema(pattern: RegExp, rule: string) {
  return z.string(must(rule)).superRefine((qualifier, ctx) => {
    if (isLatestInAnotherCase(qualifier)) ctx.addIssue({ code: "custom", message: `must be "LATEST": ${LATEST_CASE_RULE}; got ${describeValue(qualifier)}` });
    else if (!pattern.test(qualifier)) ctx.addIssue({ code: "custom", message: `must be ${rule}; got ${describeValue(qualifier)}` });
  });
}

/** `destinationConfig` and its sides, for a contract's destination rule (the message) and test (`isDestination`). */
export function destinationSchemas(rule: string, isDestination: (arn: string) => boolean) {
  const DestinationArnSchema = z.string(must(rule)).refine(isDestination, must(rule));
  const DestinationSchema = z.strictObject(
    {
      /** The resource name (ARN) that receives the invocation record, e.g. `acs:mns:cn-hangzhou:123:/queues/failed/messages`. */
      destination: DestinationArnSchema,
    },
    must('an object {destination: "<resource name>"}'),
  );
  const DestinationConfigSchema = z.strictObject(
    {
      /** Receives a record of each invocation that succeeded. Unset: no success destination. */
      onSuccess: DestinationSchema.optional(),
      /** Receives a record of each invocation that failed after its retries or expired unrun. Unset: no failure destination. */
      onFailure: DestinationSchema.optional(),
    },
    must("an object with optional onSuccess and onFailure, each {destination}"),
  );
  return { DestinationArnSchema, DestinationSchema, DestinationConfigSchema };
}

/**
 * Brings raw program values to the form the schema describes: `null` members dropped (YAML programs write `null`
 * where TypeScript omits), and a destination side written as `{destination: null}` or `{}` treated as unset.
 */
export function prepareInput(raw: unknown): unknown {
  const value = canonicalize(raw);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const record = { ...(value as Record<string, unknown>) };
  const destinations = record["destinationConfig"];
  if (destinations !== null && typeof destinations === "object" && !Array.isArray(destinations)) {
    const sides = { ...(destinations as Record<string, unknown>) };
    for (const side of ["onSuccess", "onFailure"]) {
      const block = sides[side];
      if (block !== null && typeof block === "object" && !Array.isArray(block) && Object.keys(block).length === 0) delete sides[side];
    }
    record["destinationConfig"] = sides;
  }
  return record;
}

// Any valid value will do during preview.
const PLACEHOLDER_ARN = "acs:mns:cn-hangzhou:1:/queues/unknown/messages";

/** Valid stand-ins for unknown destination members during preview (see `shared/dynamic/unknowns.ts`). */
export const DESTINATION_PLACEHOLDERS: Readonly<Record<string, unknown>> = {
  destinationConfig: {},
  onSuccess: { destination: PLACEHOLDER_ARN },
  onFailure: { destination: PLACEHOLDER_ARN },
  destination: PLACEHOLDER_ARN,
};

/** The members allowed in the destination block, by dotted path, for `check` failures. */
export const DESTINATION_ALLOWED_KEYS: Readonly<Record<string, readonly string[]>> = {
  destinationConfig: ["onSuccess", "onFailure"],
  "destinationConfig.onSuccess": ["destination"],
  "destinationConfig.onFailure": ["destination"],
};
