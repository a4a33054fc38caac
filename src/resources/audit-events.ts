/** `client.auditEvents`: the account's audit log, page by page or as one stream. */
import * as operations from "../operation-schemas.js";
import type { AuditEvent, AuditEventPage, AuditEventsQuery } from "../schemas/audit-events.js";
import type { RequestOptions } from "../transport/transport.js";
import { paginate } from "./paginate.js";
import { Resource } from "./resource.js";

/**
 * The audit log: `client.auditEvents` of a `LambdaCloudClient`, or a client of this group alone, which takes
 * the same options and bundles only this group's operations.
 * @example
 * ```ts
 * for await (const event of new AuditEventsClient().list()) console.log(event.action);
 * ```
 */
export class AuditEventsClient extends Resource {
  /**
   * Fetches one page. Accepts both response shapes the API has used (the token beside
   * `data`, or nested in it) and returns `{ data, page_token }`.
   */
  async page(query: AuditEventsQuery = {}, options?: RequestOptions): Promise<AuditEventPage> {
    const body = await this.transport.call(operations.getAuditEvents, { query }, options);
    const { data } = body;
    if (Array.isArray(data)) return { data, page_token: (body as { page_token?: string | null }).page_token ?? null };
    return { data: data.events, page_token: data.page_token ?? null };
  }

  /**
   * Iterates over every event matching the filters, fetching pages as needed.
   * @example
   * ```ts
   * for await (const event of client.auditEvents.list({ start: new Date(Date.now() - 86_400_000) })) {
   *   console.log(event.event_time, event.action);
   * }
   * ```
   */
  list(query: AuditEventsQuery = {}, options?: RequestOptions): AsyncGenerator<AuditEvent, void, undefined> {
    return paginate(async (page_token) => {
      const page = await this.page({ ...query, page_token }, options);
      return { items: page.data, nextToken: page.page_token };
    }, query.page_token);
  }
}
