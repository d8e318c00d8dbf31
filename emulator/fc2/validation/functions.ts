import { z } from "zod";
import { FC_RUNTIMES } from "../../../contracts/alicloud";
import { base64Zip, intInRange, opaqueObject } from "../../core/schemas";
import { description, namedListQuery, qualifier, resourceName } from "./common";

/**
 * CreateFunction / UpdateFunction bodies and ListFunctions' query.
 *
 * Code comes inline as a base64 zip (`code.zipFile`), stored exactly as sent. Code in OSS is refused:
 * the emulator has no OSS to fetch it from, and pretending would hide that the function cannot run.
 */

/** The runtime identifiers a function may name: FC's, shared with 3.0. */
export const RUNTIMES = FC_RUNTIMES;

const INSTANCE_TYPES = ["e1", "c1", "g1", "fc.gpu.tesla.1", "fc.gpu.ampere.1"] as const;


export const codeInput = z
  .strictObject(
    {
      zipFile: base64Zip.optional(),
      ossBucketName: z.string().optional(),
      ossObjectName: z.string().optional(),
    },
    { error: "must be an object {zipFile}" },
  )
  .refine((c) => c.ossBucketName === undefined && c.ossObjectName === undefined, {
    error: "from OSS (ossBucketName/ossObjectName) is not supported by the emulator: send the zip inline as code.zipFile",
  })
  .refine((c) => c.zipFile !== undefined, { error: "must carry the zip as zipFile" });

const functionFields = {
  description: description.optional(),
  runtime: z.enum(RUNTIMES, { error: `must be one of ${RUNTIMES.join(", ")}` }).optional(),
  handler: z.string({ error: "must be a string" }).min(1).max(128).optional(),
  timeout: intInRange(1, 86_400).optional(),
  memorySize: intInRange(128, 32_768).optional(),
  instanceConcurrency: intInRange(1, 200).optional(),
  instanceSoftConcurrency: intInRange(1, 200).optional(),
  instanceType: z.enum(INSTANCE_TYPES, { error: `must be one of ${INSTANCE_TYPES.join(", ")}` }).optional(),
  environmentVariables: z.record(z.string(), z.string({ error: "values must be strings" })).optional(),
  initializer: z.string().max(128).optional(),
  initializationTimeout: intInRange(1, 300).optional(),
  layers: z.array(z.string()).max(5).optional(),
  code: codeInput.optional(),
  // Stored and echoed, not interpreted.
  cpu: z.number().positive().optional(),
  diskSize: z.number().int().positive().optional(),
  gpuMemorySize: z.number().int().nonnegative().optional(),
  caPort: intInRange(1, 65_535).optional(),
  customContainerConfig: opaqueObject.optional(),
  customDNS: opaqueObject.optional(),
  customHealthCheckConfig: opaqueObject.optional(),
  customRuntimeConfig: opaqueObject.optional(),
  instanceLifecycleConfig: opaqueObject.optional(),
};

/** Fields kept in the record's `extras` and echoed back as they came. */
export const EXTRA_FUNCTION_FIELDS = [
  "cpu", "diskSize", "gpuMemorySize", "caPort", "customContainerConfig", "customDNS",
  "customHealthCheckConfig", "customRuntimeConfig", "instanceLifecycleConfig", "instanceSoftConcurrency",
] as const;

export const createFunctionBody = z
  .strictObject(
    {
      ...functionFields,
      functionName: resourceName,
      runtime: functionFields.runtime.unwrap(),
      handler: z.string({ error: "must be a non-empty string" }).min(1, { error: "must be a non-empty string" }).max(128),
    },
    { error: "must be a JSON object" },
  )
  .refine((f) => f.runtime === "custom-container" || f.code !== undefined, {
    error: "is required: send the function's zip as code.zipFile",
    path: ["code"],
  })
  .refine((f) => f.runtime !== "custom-container" || f.customContainerConfig !== undefined, {
    error: "is required for the custom-container runtime",
    path: ["customContainerConfig"],
  });

export const updateFunctionBody = z.strictObject(functionFields, { error: "must be a JSON object" });

export const listFunctionsQuery = namedListQuery.extend({ qualifier: qualifier.optional() });

export type CreateFunctionBody = z.output<typeof createFunctionBody>;
export type UpdateFunctionBody = z.output<typeof updateFunctionBody>;
