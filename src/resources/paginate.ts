/** Walking token-paginated lists. */

/** One page of a token-paginated list. */
export interface Page<Item> {
  readonly items: readonly Item[];
  /** The token of the next page; `null` or absent on the last page. */
  readonly nextToken: string | null | undefined;
}

/**
 * Yields every item across pages, fetching the next page only when the previous one is used
 * up. Stops when the token is null, or when the API hands back the token it was given.
 */
export async function* paginate<Item>(
  fetchPage: (pageToken: string | undefined) => Promise<Page<Item>>,
  firstToken?: string,
): AsyncGenerator<Item, void, undefined> {
  let token = firstToken;
  for (;;) {
    const page = await fetchPage(token);
    yield* page.items;
    if (!page.nextToken || page.nextToken === token) return;
    token = page.nextToken;
  }
}
