// Names in Function Compute 2.0: services, functions, aliases, versions, qualifiers, invocation ids. Each rule is
// written once as a pattern source (so it also serves as a part of a resource name) and once in words.
import { NOT_LATEST_IN_ANY_CASE } from "../alicloud/qualifiers";

/** Service, function and alias names, and stateful invocation ids: a letter or `_`, then `[A-Za-z0-9_-]`, 1–128 in all. */
export const NAME_SOURCE = "[A-Za-z_][A-Za-z0-9_-]{0,127}";
/** A published version number: digits without a sign or a leading zero (`0` is never a version). */
export const VERSION_ID_SOURCE = "[1-9][0-9]{0,18}";
/** An alias name: the name rule, but never LATEST in any case (`LATEST` is reserved; qualifiers are case-sensitive). */
export const ALIAS_NAME_SOURCE = `${NOT_LATEST_IN_ANY_CASE}${NAME_SOURCE}`;
/** `LATEST` (exactly), a published version number, or an alias name. */
export const QUALIFIER_SOURCE = `(?:LATEST|${VERSION_ID_SOURCE}|${ALIAS_NAME_SOURCE})`;

/** A whole service, function or alias name. */
export const NAME_PATTERN = new RegExp(`^${NAME_SOURCE}$`);
/** A whole version number. */
export const VERSION_ID_PATTERN = new RegExp(`^${VERSION_ID_SOURCE}$`);
/** A whole qualifier. */
export const QUALIFIER_PATTERN = new RegExp(`^${QUALIFIER_SOURCE}$`);
/** A whole stateful invocation id (`X-Fc-Stateful-Async-Invocation-Id`, `{invocationId}` in paths): the name rule. */
export const INVOCATION_ID_PATTERN = NAME_PATTERN;

/** The qualifier a request without one means. */
export const DEFAULT_QUALIFIER = "LATEST";

/** The name rule as a relative clause: `a service name ${NAME_RULE}`. */
export const NAME_RULE = "that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters)";
/** The name rule as a requirement, the way the service's InvalidArgument words it: `serviceName ${NAME_REQUIREMENT}`. */
export const NAME_REQUIREMENT = "must start with a letter or '_', then contain only letters, digits, '_' and '-', at most 128 characters";
/** The qualifier rule as a noun phrase: `must be ${QUALIFIER_RULE}`. */
export const QUALIFIER_RULE = `"LATEST" (the default), a published version number such as "1", or an alias name ${NAME_RULE}`;
/** The qualifier rule as a requirement, the service's wording. */
export const QUALIFIER_REQUIREMENT = "must be LATEST, a published version number or an alias name";
/** The invocation-id rule as a requirement, the service's wording. */
export const INVOCATION_ID_REQUIREMENT = NAME_REQUIREMENT;
