import { z } from "zod";
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
export const listServicesQuery = namedListQuery;

export type CreateServiceBody = z.output<typeof createServiceBody>;
export type UpdateServiceBody = z.output<typeof updateServiceBody>;
