import { z } from "zod";
import {
  DESTINATION_RULE,
  LIST_LIMIT,
  MAX_ASYNC_EVENT_AGE_IN_SECONDS,
  MAX_ASYNC_RETRY_ATTEMPTS,
  NAME_PATTERN,
  NAME_RULE,
  QUALIFIER_PATTERN,
  TASK_ID_PATTERN,
  TASK_ID_RULE,
  TASK_STATUSES,
  VERSION_PATTERN,
  parseDestination,
} from "../../contracts/fc3";
import { FC_RUNTIMES as RUNTIMES, invalidRuntimeMessage, isLatestInAnotherCase, LATEST, LATEST_CASE_RULE } from "../../contracts/alicloud";
import { parseJson, parseWith, type Source } from "../core/parse";
import { fc3Error } from "./errors";
import { base64Zip, intInRange, opaqueObject } from "../core/schemas";

/**
 * Bodies, queries and path parameters of the 2023-03-30 operations. Ranges and grammars come from the
 * contract; a failure becomes InvalidArgument naming the field (`parseOrThrow` below, worded by `core/parse.ts`).
 */

export const functionName = z.string().regex(NAME_PATTERN, { error: `must be a function name ${NAME_RULE}` });
export const aliasName = z.string().regex(NAME_PATTERN, { error: `must be an alias name ${NAME_RULE}` });
export const versionId = z.string().regex(VERSION_PATTERN, { error: "must be a published version number (1, 2, …)" });
/** As FC 2.0's: LATEST in another case (`latest`) is refused by name, not taken for an alias (contracts/alicloud/qualifiers.ts). */
export const qualifier = z
  .string()
  .refine((q) => !isLatestInAnotherCase(q), { error: `must be LATEST: ${LATEST_CASE_RULE}`, abort: true })
  .regex(QUALIFIER_PATTERN, { error: "must be LATEST, a published version number or an alias name" });
export const taskId = z.string().regex(TASK_ID_PATTERN, { error: TASK_ID_RULE });

/** Path parameters by name. */
export const pathParams: Record<string, z.ZodType<string>> = { functionName, aliasName, versionId, taskId };

const limit = z
  .string()
  .regex(/^[0-9]+$/, { error: `must be an integer from ${LIST_LIMIT.min} to ${LIST_LIMIT.max}` })
  .transform(Number)
  .pipe(intInRange(LIST_LIMIT.min, LIST_LIMIT.max))
  .optional();
const nextToken = z.string().min(1, { error: "must not be empty" }).optional();
const qualifierQuery = z.object({ qualifier: qualifier.optional() });

// ---- functions, versions, aliases

const description = z.string({ error: "must be a string" }).max(256, { error: "must be at most 256 characters" });

/** InputCodeLocation: the zip inline. Code in OSS is refused: the emulator has no OSS to fetch it from. */
const codeInput = z
  .strictObject({ zipFile: base64Zip.optional(), ossBucketName: z.string().optional(), ossObjectName: z.string().optional() }, { error: "must be an object {zipFile}" })
  .refine((c) => c.ossBucketName === undefined && c.ossObjectName === undefined, {
    error: "from OSS (ossBucketName/ossObjectName) is not supported by the emulator: send the zip inline as code.zipFile",
  })
  .refine((c) => c.zipFile !== undefined, { error: "must carry the zip as zipFile" });

const functionFields = {
  description: description.optional(),
  runtime: z.enum(RUNTIMES, { error: `must be one of ${RUNTIMES.join(", ")}` }).optional(),
  handler: z.string({ error: "must be a string" }).min(1).max(128).optional(),
  timeout: intInRange(1, 86_400).optional(),
  memorySize: intInRange(64, 32_768).optional(),
  environmentVariables: z.record(z.string(), z.string({ error: "values must be strings" })).optional(),
  code: codeInput.optional(),
  // Stored and echoed, not interpreted.
  cpu: z.number().positive().optional(),
  diskSize: z.number().int().positive().optional(),
  instanceConcurrency: intInRange(1, 200).optional(),
  internetAccess: z.boolean().optional(),
  layers: z.array(z.string()).max(5).optional(),
  role: z.string().optional(),
  logConfig: opaqueObject.optional(),
  vpcConfig: opaqueObject.optional(),
  nasConfig: opaqueObject.optional(),
  tracingConfig: opaqueObject.optional(),
  instanceLifecycleConfig: opaqueObject.optional(),
  customContainerConfig: opaqueObject.optional(),
  customRuntimeConfig: opaqueObject.optional(),
};
/** Fields kept as the client sent them and answered back unchanged. */
export const EXTRA_FUNCTION_FIELDS = [
  "cpu", "diskSize", "internetAccess", "role", "logConfig", "vpcConfig", "nasConfig", "tracingConfig",
  "instanceLifecycleConfig", "customContainerConfig", "customRuntimeConfig",
] as const;

export const createFunctionBody = z.object({
  ...functionFields,
  functionName,
  runtime: functionFields.runtime.unwrap(),
  handler: functionFields.handler.unwrap(),
});
export type CreateFunctionBody = z.output<typeof createFunctionBody>;
export const updateFunctionBody = z.object(functionFields);
export type UpdateFunctionBody = z.output<typeof updateFunctionBody>;

export const listQuery = z.object({ limit, nextToken, prefix: z.string().max(128).optional() });
export type ListQuery = z.output<typeof listQuery>;
export const listVersionsQuery = z.object({ limit, nextToken, direction: z.enum(["FORWARD", "BACKWARD"], { error: "must be FORWARD or BACKWARD" }).optional() });
export type ListVersionsQuery = z.output<typeof listVersionsQuery>;

export const publishVersionBody = z.object({ description: description.optional() });
export type PublishVersionBody = z.output<typeof publishVersionBody>;

const weights = z.record(z.string(), z.number().min(0).max(1), { error: "must map version ids to weights from 0 to 1" });
/** A new alias's name: never LATEST, in any case (it names the unpublished code). */
const newAliasName = aliasName.refine((name) => name.toUpperCase() !== LATEST, { error: "must not be LATEST in any case: it names the unpublished code" });
export const createAliasBody = z.object({ aliasName: newAliasName, versionId, description: description.optional(), additionalVersionWeight: weights.optional() });
export type CreateAliasBody = z.output<typeof createAliasBody>;
export const updateAliasBody = z.object({ versionId: versionId.optional(), description: description.optional(), additionalVersionWeight: weights.optional() });
export type UpdateAliasBody = z.output<typeof updateAliasBody>;

// ---- async invoke configs

const rangeRule = (r: { min: number; max: number; default: number }) => `must be an integer from ${r.min} to ${r.max} (default ${r.default})`;
const inRange = (r: { min: number; max: number; default: number }) =>
  z.number({ error: rangeRule(r) }).int({ error: rangeRule(r) }).min(r.min, { error: rangeRule(r) }).max(r.max, { error: rangeRule(r) });

/**
 * A destination side. `{}` or `{destination: ""}` is the cloud's InvalidDestinationResources (Terraform's
 * `onSuccess: {}` bug); a value outside the grammar too. Both are refused by the handler, which owns that code.
 */
const side = z.object({ destination: z.string().nullable().optional() }).nullable().optional();

export const putAsyncConfigBody = z.object({
  asyncTask: z.boolean({ error: "must be true or false" }).nullable().optional(),
  destinationConfig: z.object({ onSuccess: side, onFailure: side }).nullable().optional(),
  maxAsyncEventAgeInSeconds: inRange(MAX_ASYNC_EVENT_AGE_IN_SECONDS).nullable().optional(),
  maxAsyncRetryAttempts: inRange(MAX_ASYNC_RETRY_ATTEMPTS).nullable().optional(),
});
export type PutAsyncConfigBody = z.output<typeof putAsyncConfigBody>;

/** Why a destination side cannot be stored, or `undefined` when it can. */
export function destinationProblem(value: string | null | undefined): string | undefined {
  if (value === undefined || value === null || value === "") return "destination can't be empty.";
  return parseDestination(value) === undefined ? `'${value}' is not ${DESTINATION_RULE}` : undefined;
}

export const configQuery = qualifierQuery;
export const listConfigsQuery = z.object({ functionName: functionName.optional(), limit, nextToken });
export type ListConfigsQuery = z.output<typeof listConfigsQuery>;

// ---- invocation and tasks

export const MAX_ASYNC_PAYLOAD_BYTES = 128 * 1024;

export const invokeHeaders = z.object({
  "x-fc-invocation-type": z.enum(["Sync", "Async"], { error: "must be Sync or Async" }).default("Sync"),
  "x-fc-log-type": z.enum(["None", "Tail"], { error: "must be None or Tail" }).default("None"),
  "x-fc-async-task-id": taskId.optional(),
});

const epochMs = z.string().regex(/^[0-9]{1,16}$/, { error: "must be a time in epoch milliseconds" }).transform(Number);

export const listTasksQuery = z.object({
  qualifier: qualifier.optional(),
  limit,
  nextToken,
  prefix: z.string().max(128, { error: "must be at most 128 characters" }).optional(),
  status: z.enum(TASK_STATUSES, { error: `must be one of ${TASK_STATUSES.join(", ")}` }).optional(),
  startedTimeBegin: epochMs.optional(),
  startedTimeEnd: epochMs.optional(),
  sortOrderByTime: z.enum(["asc", "desc"], { error: "must be asc or desc" }).optional(),
  includePayload: z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true").optional(),
});
export type ListTasksQuery = z.output<typeof listTasksQuery>;

// ---- parsing: a zod failure becomes FC 3.0's InvalidArgument

const invalid = (message: string) => fc3Error("InvalidArgument", message);

/** `value` checked against `schema`, or InvalidArgument naming the field, what it must be and what was sent. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, source: Source): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  const first = result.success ? undefined : result.error.issues[0];
  // An unknown runtime in FC's own words, as FC 2.0 answers it (contracts/alicloud).
  if (source === "body" && first?.path.join(".") === "runtime") throw invalid(invalidRuntimeMessage(first.input));
  return parseWith(schema, value, source, "the FC API", invalid);
}

/** A JSON request body; an empty body reads as `{}`. */
export function parseJsonBody(body: Buffer): unknown {
  return parseJson(body, invalid);
}
