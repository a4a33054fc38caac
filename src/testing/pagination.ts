/** Opaque page tokens for the two paginated lists (audit events and tickets). */
import { invalidParameters } from "./envelope.js";

/** One page and the token of the next, `null` on the last page. */
export interface PageSlice<Item> {
  readonly items: Item[];
  readonly pageToken: string | null;
}

/**
 * Cuts one page out of a list. Tokens encode an offset; a token the simulator did not issue
 * answers `global/invalid-parameters`.
 */
export function pageOf<Item>(items: readonly Item[], pageToken: string | undefined, pageSize: number): PageSlice<Item> {
  const start = pageToken === undefined ? 0 : offsetOf(pageToken);
  const end = start + pageSize;
  return { items: items.slice(start, end), pageToken: end < items.length ? btoa(`offset:${end}`) : null };
}

function offsetOf(token: string): number {
  let decoded = "";
  try {
    decoded = atob(token);
  } catch {
    // not base64: reported below
  }
  const match = /^offset:(\d+)$/.exec(decoded);
  if (!match)
    throw invalidParameters([
      {
        path: "page_token",
        message: "is not a page token this API issued; pass back the page_token of the previous page",
      },
    ]);
  return Number(match[1]);
}
