import { z } from "zod";
import { description, namedListQuery, opaqueObject, pagingQuery, resourceName, versionId } from "./common";

/** PublishServiceVersion, ListServiceVersions and the alias operations. */

export const publishVersionBody = z.strictObject({ description: description.optional() }, { error: "must be a JSON object" });

export const listVersionsQuery = pagingQuery.extend({
  startKey: z.string().regex(/^[0-9]+$/, { error: "must be a version number" }).optional(),
  direction: z.enum(["FORWARD", "BACKWARD"], { error: "must be FORWARD or BACKWARD" }).optional(),
});

const weights = z.record(
  z.string().regex(/^[1-9][0-9]*$/, { error: "keys must be version numbers" }),
  z.number({ error: "weights must be numbers from 0 to 1" }).min(0).max(1),
);

const aliasFields = {
  description: description.optional(),
  additionalVersionWeight: weights.optional(),
  resolvePolicy: z.enum(["Random", "Content"], { error: "must be Random or Content" }).optional(),
  routePolicy: opaqueObject.optional(),
};

export const createAliasBody = z.strictObject(
  { aliasName: resourceName, versionId, ...aliasFields },
  { error: "must be a JSON object" },
);

export const updateAliasBody = z.strictObject({ versionId: versionId.optional(), ...aliasFields }, { error: "must be a JSON object" });

export const listAliasesQuery = namedListQuery;

export type CreateAliasBody = z.output<typeof createAliasBody>;
export type UpdateAliasBody = z.output<typeof updateAliasBody>;
