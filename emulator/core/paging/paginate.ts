import type { PageTokens } from "./page-tokens";

/**
 * One page of an already ordered list. `keyOf` gives an item's position; `isAfter(key, position)` says
 * whether a key comes after a position in the list's order, so a page boundary stays right even when
 * the item a token points at was deleted in between.
 */
export interface PageRequest {
  limit: number | undefined;
  nextToken: string | undefined;
  /** What the token is bound to: everything that shapes the list except the limit. */
  scope: readonly unknown[];
}

export const DEFAULT_LIMIT = 20;

export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  isAfter: (key: string, position: string) => boolean,
  request: PageRequest,
  tokens: PageTokens,
): { page: T[]; nextToken: string | undefined } {
  const scope = JSON.stringify(request.scope);
  const limit = request.limit ?? DEFAULT_LIMIT;
  let rest = items;
  if (request.nextToken !== undefined) {
    const position = tokens.open(scope, request.nextToken);
    rest = items.filter((item) => isAfter(keyOf(item), position));
  }
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  const nextToken = rest.length > limit && last !== undefined ? tokens.issue(scope, keyOf(last)) : undefined;
  return { page, nextToken };
}

export const lexicalAfter = (key: string, position: string): boolean => key > position;
