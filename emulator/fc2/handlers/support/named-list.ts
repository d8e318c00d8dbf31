import type { HandlerRequest } from "../../../core/operation";
import { lexicalAfter, paginate } from "../../../core/paging/paginate";

/**
 * The List operations over named resources: `prefix`, `startKey`, `limit`, `nextToken`, in name order.
 *
 * A `nextToken` stands for a position in the name order of its parent (account, operation, service,
 * qualifier), not for the filters of the request that issued it, as the cloud's tokens behave in the
 * Python suite's `test_list`: sent with a token, `startKey` is not considered (the token already is a
 * later start), and `prefix` still filters. So a token may be reused without the `startKey`/`prefix`
 * that issued it, or with another prefix; it is still refused for another parent or account.
 */
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
    .filter((item) => nextToken !== undefined || startKey === undefined || nameOf(item) >= startKey);
  return paginate(
    selected,
    nameOf,
    lexicalAfter,
    { limit, nextToken, scope: [request.accountId, request.operation, ...scope] },
    request.env.pageTokens,
  );
}
