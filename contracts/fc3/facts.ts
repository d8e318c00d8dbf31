/**
 * Function Compute 3.0 (API 2023-03-30): the facts provider and emulator share, written once.
 *
 * FC 3.0 has no services: a config, a task, a version and an alias all hang off a function. The qualifier
 * (`LATEST`, a published version, an alias) travels as `?qualifier=`, never in the path.
 *
 * Ranges. `maxAsyncRetryAttempts` 0–8, default 3 (the SDK's model comment). `maxAsyncEventAgeInSeconds`
 * 1–86400, default 86400: the SDK's comment says 604800, copied from the 2.0 model; the Terraform provider
 * validates 0–86400 since users were blocked by its earlier 3600 cap, so values above a day are not known to be
 * accepted. The narrower bound is used by provider and emulator alike, so a value `check` passes is one the
 * cloud takes. `asyncTask` default false.
 */

export const API_VERSION = "2023-03-30";

export const MAX_ASYNC_RETRY_ATTEMPTS = { min: 0, max: 8, default: 3 } as const;
export const MAX_ASYNC_EVENT_AGE_IN_SECONDS = { min: 1, max: 86_400, default: 86_400 } as const;
export const ASYNC_TASK_DEFAULT = false;
export const DEFAULT_QUALIFIER = "LATEST";

/** Pattern sources, so the same rule serves whole values and the parts of resource names. */
export const NAME_SOURCE = "[A-Za-z_][A-Za-z0-9_-]{0,127}";
export const VERSION_SOURCE = "[1-9][0-9]{0,18}";
export const QUALIFIER_SOURCE = `(?:LATEST|${VERSION_SOURCE}|${NAME_SOURCE})`;
export const REGION_SOURCE = "[a-z]{2,}(?:-[a-z0-9]+)+";
export const ACCOUNT_SOURCE = "[0-9]{1,32}";

/** Function and alias names: a letter or `_`, then letters, digits, `_` and `-`; 1–128 characters. */
export const NAME_PATTERN = new RegExp(`^${NAME_SOURCE}$`);
export const NAME_RULE = "that starts with a letter or '_' and continues with letters, digits, '_' or '-' (1-128 characters)";
/** A published version id: 1, 2, … */
export const VERSION_PATTERN = new RegExp(`^${VERSION_SOURCE}$`);
/** `LATEST`, a published version number, or an alias name. */
export const QUALIFIER_PATTERN = new RegExp(`^${QUALIFIER_SOURCE}$`);
export const QUALIFIER_RULE = `"LATEST" (the default), a published version number such as "1", or an alias name ${NAME_RULE}`;
export const REGION_PATTERN = new RegExp(`^${REGION_SOURCE}$`);
export const ACCOUNT_ID_PATTERN = new RegExp(`^${ACCOUNT_SOURCE}$`);

/** An async task id (`x-fc-async-task-id`): a letter or `_` first, then `[A-Za-z0-9_-]`, at most 128 characters. */
export const TASK_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;
export const TASK_ID_RULE = "must start with a letter or '_', then contain only letters, digits, '_' and '-', at most 128 characters";

/** Task statuses (`AsyncTask.status`, and the `status` filter of ListAsyncTasks, which also takes `Dequeued`). */
export const TASK_STATUSES = ["Enqueued", "Dequeued", "Running", "Succeeded", "Failed", "Stopped", "Stopping", "Expired", "Invalid", "Retrying"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** ListAsyncTasks / ListAsyncInvokeConfigs page sizes. */
export const LIST_LIMIT = { min: 1, max: 100, default: 20 } as const;

/** `acs:fc:{region}:{account}:functions/{fn}`; a qualifier other than LATEST is appended as `/{qualifier}`. */
export function functionArn(region: string, accountId: string, functionName: string, qualifier: string = DEFAULT_QUALIFIER): string {
  const base = `acs:fc:${region}:${accountId}:functions/${functionName}`;
  return qualifier === DEFAULT_QUALIFIER ? base : `${base}/${qualifier}`;
}

/** `2023-04-01T08:15:27Z`: second precision, UTC. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
