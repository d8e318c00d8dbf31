// What an FC 2.0 or 3.0 account holds, as the read-only listings answer it (ListServices, ListFunctions,
// List…Versions, ListAliases): `{<items>: [...], nextToken}`, a missing or empty token ending the listing. Only the
// members a walk over the account needs are read; the rest of each item is ignored.
import { z } from "zod";
import type { InventoryPage } from "../shared/inventory";

/** Which page to ask for: `limit` 1–100 (the service's default is 20). */
export interface InventoryPageRequest {
  readonly limit?: number | undefined;
  readonly nextToken?: string | undefined;
}

export const ServiceItemSchema = z.object({ serviceName: z.string() });
/** `timeout` in seconds, as the function (at the listed qualifier) has it. */
export const FunctionItemSchema = z.object({ functionName: z.string(), timeout: z.number().optional() });
export const VersionItemSchema = z.object({ versionId: z.string() });
export const AliasItemSchema = z.object({ aliasName: z.string(), versionId: z.string().optional() });
export type ServiceItem = z.output<typeof ServiceItemSchema>;
export type FunctionItem = z.output<typeof FunctionItemSchema>;
export type VersionItem = z.output<typeof VersionItemSchema>;
export type AliasItem = z.output<typeof AliasItemSchema>;

/** A page body read as `{[key]: item[] | null, nextToken}`. */
export function tokenPage<T>(json: unknown, key: string, item: z.ZodType<T>): InventoryPage<T> {
  const body = z.record(z.string(), z.unknown()).parse(json);
  const items = z.array(item).nullish().parse(body[key]) ?? [];
  const token = z.string().nullish().parse(body["nextToken"]);
  return { items, ...(token ? { nextToken: token } : {}) };
}
