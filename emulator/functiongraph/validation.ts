/**
 * Request bodies and queries of the FunctionGraph operations the emulator serves, as zod schemas. A failure is
 * 400 `FSS.0400` (body) or `FSS.1001` (query) naming the field and what it must be.
 */
import { z } from "zod";
import {
  ALIAS_NAME,
  ALIAS_NAME_RULE,
  CANCEL_TYPES,
  FUNCTION_NAME,
  FUNCTION_NAME_RULE,
  INVOCATION_STATUSES,
  PACKAGE_NAME,
  PACKAGE_NAME_RULE,
  VERSION_NAME,
  VERSION_NAME_RULE,
  updateAsyncConfigBody,
} from "../../contracts/functiongraph";
import { FgError } from "./errors";

/** The SDK's code type enum (`CreateFunctionRequestBodyCodeTypeEnum`); which of them run is `code.ts`'s business. */
const CODE_TYPES = ["inline", "zip", "obs", "jar", "Custom-Image-Swr"] as const;
const codeType = z.enum(CODE_TYPES, { error: `must be one of ${CODE_TYPES.join(", ")}` });
const funcCode = z.object({ file: z.string().optional(), link: z.string().optional() }).optional();

export const createFunctionBody = z.looseObject({
  func_name: z.string().regex(FUNCTION_NAME, FUNCTION_NAME_RULE),
  package: z.string().regex(PACKAGE_NAME, PACKAGE_NAME_RULE).default("default"),
  runtime: z.string().min(1),
  handler: z.string().min(1),
  timeout: z.number().int().min(3, "must be 3-259200 seconds").max(259_200, "must be 3-259200 seconds"),
  memory_size: z.number().int().min(128, "must be 128-10240 MB").max(10_240, "must be 128-10240 MB"),
  code_type: codeType,
  func_code: funcCode,
  code_filename: z.string().optional(),
  code_url: z.string().optional(),
  description: z.string().max(512).optional(),
  user_data: z.string().optional(),
});

/** UpdateFunctionCode (`PUT …/code`): the same code fields as CreateFunction (`code.ts` checks what they hold). */
export const updateCodeBody = z.looseObject({
  code_type: codeType,
  func_code: funcCode,
  code_filename: z.string().optional(),
  code_url: z.string().optional(),
});

export const createVersionBody = z.looseObject({
  version: z.string().regex(VERSION_NAME, VERSION_NAME_RULE).refine((v) => v !== "latest", "cannot be latest").optional(),
  description: z.string().max(512).optional(),
  digest: z.string().optional(),
});

export const createAliasBody = z.looseObject({
  name: z.string().regex(ALIAS_NAME, ALIAS_NAME_RULE),
  version: z.string().min(1),
  description: z.string().max(512).optional(),
});

export const asyncConfigBody = updateAsyncConfigBody;

export const listFunctionsQuery = z.object({ marker: z.string().optional(), maxitems: z.string().optional(), package_name: z.string().optional() });
export const listConfigsQuery = z.object({ marker: z.string().optional(), limit: z.string().optional() });

export const listInvocationsQuery = z.object({
  request_id: z.string().optional(),
  marker: z.string().optional(),
  limit: z.string().optional(),
  status: z.enum(INVOCATION_STATUSES, { error: `must be one of ${INVOCATION_STATUSES.join(", ")}` }).optional(),
  query_begin_time: z.string().optional(),
  query_end_time: z.string().optional(),
});

export const cancelBody = z.object({
  request_id: z.string().min(1, "must be the request id of an async invocation"),
  type: z.enum(CANCEL_TYPES, { error: `must be one of ${CANCEL_TYPES.join(", ")}` }).default("force"),
});

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where: "body" | "query"): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || where;
  throw new FgError(where === "body" ? "FSS.0400" : "FSS.1001", `Invalid parameter: ${field} ${issue?.message ?? "is invalid"}`);
}

export function jsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new FgError("FSS.0400", "Invalid parameter: the body is not JSON");
  }
}
