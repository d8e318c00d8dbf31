// Function Compute's qualifier `LATEST` (the unpublished code), the same in FC 2.0 and FC 3.0. Qualifiers are
// case-sensitive — `LATEST`, never `latest` — and an alias may not be named LATEST, so another spelling of it
// (`latest`, `Latest`) would only ever read as the name of an alias that cannot be created: such a qualifier is
// refused outright, by the provider at preview and by the emulator, naming the spelling FC means.
// (FunctionGraph's own qualifier is the lower-case `latest`: a different API, with its own contract.)

/** The qualifier of the unpublished code. */
export const LATEST = "LATEST";

/**
 * A negative lookahead, to put before a name pattern: the name is not LATEST in any case (as a whole name, so
 * `latest-v2` still passes). Written with character classes so it also works inside a larger pattern.
 */
export const NOT_LATEST_IN_ANY_CASE = "(?![Ll][Aa][Tt][Ee][Ss][Tt](?![A-Za-z0-9_-]))";

/** `latest`, `Latest`, …: LATEST written in another case, which FC does not read as LATEST. */
export function isLatestInAnotherCase(qualifier: string): boolean {
  return qualifier !== LATEST && qualifier.toUpperCase() === LATEST;
}

/** How the rule reads in a message. */
export const LATEST_CASE_RULE = "LATEST is written in capitals (qualifiers are case-sensitive)";
