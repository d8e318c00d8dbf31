// `check` failures: the property by its dotted path, the reason with the allowed values.
import type { dynamic } from "@pulumi/pulumi";

/** The parts of a zod issue a failure is made from. */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

/** How to name what a program wrote wrong. */
export interface FailureContext {
  /** The resource's name for messages about its top level, e.g. `FunctionAsyncInvokeConfig`. */
  readonly resourceName: string;
  /** The allowed members of each object, by dotted path (`""` for the top level). */
  readonly allowedKeys: Readonly<Record<string, readonly string[]>>;
}

/** One failure per issue; an unknown member becomes one failure per key, listing the members allowed there. */
export function toCheckFailures(issue: SchemaIssue, context: FailureContext): dynamic.CheckFailure[] {
  const where = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys" && issue.keys !== undefined) {
    const allowed = context.allowedKeys[where] ?? [];
    return issue.keys.map((key) => ({
      property: where === "" ? key : `${where}.${key}`,
      reason: `is not a property of ${where === "" ? context.resourceName : where}; allowed: ${allowed.join(", ")}`,
    }));
  }
  return [{ property: where, reason: issue.message }];
}
