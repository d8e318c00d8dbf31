// One page of an API's read-only inventory listing (functions, versions, aliases), whatever its paging scheme:
// `nextToken` is the token (FC) or the numeric marker (FunctionGraph) of the next page, absent on the last.

export interface InventoryPage<T> {
  readonly items: T[];
  readonly nextToken?: string | undefined;
}
