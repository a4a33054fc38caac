/** Reads the gateway's audit trail: `GET /api/audit?limit=…&cursor=…` → `{ data, next_cursor }`. */
import { AUDIT_PATH, type AuditPage } from "./contracts.js";
import { workerFetch } from "./worker-fetch.js";

/** Records per page. */
export const AUDIT_PAGE_SIZE = 50;

/** A page, or `"not-deployed"` when the Worker has no gateway (404). */
export type AuditAnswer = AuditPage | "not-deployed";

/** Fetches one page, the newest first; pass the previous page's `next_cursor` for older ones. */
export async function fetchAuditPage(cursor?: string): Promise<AuditAnswer> {
  const query = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  if (cursor) query.set("cursor", cursor);
  const response = await workerFetch(`${AUDIT_PATH}?${query}`, { headers: { accept: "application/json" } });
  if (response.status === 404) {
    await response.body?.cancel();
    return "not-deployed";
  }
  if (!response.ok)
    throw new Error(`GET ${AUDIT_PATH} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return (await response.json()) as AuditPage;
}
