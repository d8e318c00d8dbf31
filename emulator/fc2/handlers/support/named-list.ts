import type { HandlerRequest } from "../../../core/operation";
import { lexicalAfter, paginate } from "../../../core/paging/paginate";

/** The List operations over named resources: `prefix`, `startKey`, `limit`, `nextToken`, in name order. */
export interface NamedListQuery {
  limit?: number | undefined;
  nextToken?: string | undefined;
  prefix?: string | undefined;
  startKey?: string | undefined;
}

export function listNamed<T>(
  request: HandlerRequest<unknown, NamedListQuery>,
  items: readonly T[],
  nameOf: (item: T) => string,
  scope: readonly unknown[],
): { page: T[]; nextToken: string | undefined } {
  const { prefix, startKey, limit, nextToken } = request.query;
  const selected = items
    .filter((item) => prefix === undefined || nameOf(item).startsWith(prefix))
    .filter((item) => startKey === undefined || nameOf(item) >= startKey);
  return paginate(
    selected,
    nameOf,
    lexicalAfter,
    { limit, nextToken, scope: [request.accountId, request.operation, ...scope, prefix ?? null, startKey ?? null] },
    request.env.pageTokens,
  );
}
