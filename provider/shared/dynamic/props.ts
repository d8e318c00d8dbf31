// The property bags Pulumi's dynamic-provider host hands every provider method.

/** Inputs or outputs as Pulumi hands them over: checked, possibly with unknowns, plus the reserved `__provider`. */
export type RawProps = Record<string, unknown>;

/** The key under which Pulumi keeps the serialized provider among a dynamic resource's inputs and outputs. */
export const PROVIDER_KEY = "__provider";

/** A copy of `props` without `__provider`; `undefined` reads as empty. */
export function withoutProvider(props: RawProps | undefined): RawProps {
  const { [PROVIDER_KEY]: _ignored, ...rest } = props ?? {};
  return rest;
}
