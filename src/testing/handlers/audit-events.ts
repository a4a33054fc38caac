/** The audit log, read page by page (the token sits next to `data`, not inside it). */
import { filterAuditEvents } from "../audit.js";
import { pageOf } from "../pagination.js";
import type { HandlerTable } from "./types.js";

/** Handlers of the audit operations; `pageSize` events per page. */
export function auditHandlers(pageSize: number): HandlerTable<"getAuditEvents"> {
  return {
    getAuditEvents: ({ store, query }) => {
      const page = pageOf(filterAuditEvents(store.auditEvents, query), query.page_token, pageSize);
      return { payload: { data: structuredClone(page.items), page_token: page.pageToken } };
    },
  };
}
