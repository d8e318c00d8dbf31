import { z } from "zod";
import { fcError } from "../errors";
import { description, namedListQuery, opaqueObject, resourceName } from "./common";

/** CreateService / UpdateService bodies and ListServices' query. Unknown fields are refused, not ignored. */

const serviceFields = {
  description: description.optional(),
  role: z.string({ error: "must be a string" }).max(300).optional(),
  internetAccess: z.boolean({ error: "must be true or false" }).optional(),
  logConfig: opaqueObject.optional(),
  vpcConfig: opaqueObject.optional(),
  nasConfig: opaqueObject.optional(),
  ossMountConfig: opaqueObject.optional(),
  tracingConfig: opaqueObject.optional(),
};

export const createServiceBody = z.strictObject({ serviceName: resourceName, ...serviceFields }, { error: "must be a JSON object" });
export const updateServiceBody = z.strictObject(serviceFields, { error: "must be a JSON object" });
/**
 * ListServices also filters by tag (`tag_{key}={value}`, as the Python and Go SDKs send it). The emulator
 * has no tags: rather than answer an unfiltered list, such a request is NotSupportedByEmulator.
 */
export const listServicesQuery = namedListQuery.catchall(z.string()).transform((query) => {
  const tags = Object.keys(query).filter((key) => key.toLowerCase().startsWith("tag_"));
  if (tags.length > 0) throw fcError("NotSupportedByEmulator", `filtering services by tag (${tags.join(", ")}): the emulator has no tags`);
  return query;
});

export type CreateServiceBody = z.output<typeof createServiceBody>;
export type UpdateServiceBody = z.output<typeof updateServiceBody>;
