/** The audit trail panel: shown to sessions that may write (the trail is authorized like writes); reloaded after each write. */
import { fetchAuditPage } from "../audit-trail.js";
import type { AuditRecord } from "../contracts.js";
import { byId } from "../dom.js";
import { renderAudit, renderAuditUnavailable } from "../views/audit.js";
import { showError } from "../views/notices.js";

/** Reloads the newest page. */
export interface AuditPanel {
  reload(): Promise<void>;
}

/** Starts the panel and loads the newest page; once the Worker answers that it has no trail, it stops asking. */
export function createAuditPanel(): AuditPanel {
  const container = byId("audit");
  let records: AuditRecord[] = [];
  let deployed = true;
  const load = async (cursor?: string) => {
    if (!deployed) return;
    try {
      const page = await fetchAuditPage(cursor);
      if (page === "not-deployed") {
        deployed = false;
        return renderAuditUnavailable(container);
      }
      records = cursor ? [...records, ...page.data] : [...page.data];
      const next = page.next_cursor;
      renderAudit(container, records, { more: next !== null, onMore: () => void (next && load(next)) });
    } catch (error) {
      showError(error);
    }
  };
  void load();
  return { reload: () => load() };
}
