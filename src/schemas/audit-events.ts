/** Schemas of the audit log (`GET /audit-events`). */
import * as v from "valibot";
import { boundedString, openEnum } from "./common.js";

/** The outcome of an audited action. */
export const AuditResultSchema = v.looseObject({
  status: openEnum(["success", "failure"]),
  status_code: v.nullish(v.number()),
});

/**
 * One audit event. The last seven fields arrived in API 1.10, so they may be absent from
 * older deployments. LRNs look like `lrn:cloud:<type>:<hex>`; the key itself never appears.
 */
export const AuditEventSchema = v.looseObject({
  service_name: v.string(),
  resource_name: v.string(),
  action: v.string(),
  catalog_version: v.string(),
  event_id: v.string(),
  event_time: v.string(),
  actor_lrn: v.nullable(v.string()),
  actor_email: v.nullable(v.string()),
  actor_display_name: v.nullable(v.string()),
  resource_lrns: v.array(v.string()),
  resource_owner_lrn: v.nullable(v.string()),
  request_api_key_lrn: v.nullish(v.string()),
  workspace_lrn: v.nullish(v.string()),
  client_ip: v.nullish(v.string()),
  client_user_agent: v.nullish(v.string()),
  surface: v.nullish(openEnum(["console", "api", "system"])),
  result: v.nullish(AuditResultSchema),
  additional_details: v.optional(v.record(v.string(), v.unknown())),
});
/** One audit event. */
export type AuditEvent = v.InferOutput<typeof AuditEventSchema>;

/** One page of audit events; `page_token` is `null` on the last page. */
export interface AuditEventPage {
  /** The events of this page. */
  readonly data: AuditEvent[];
  /** Pass it back as `page_token` for the next page; `null` when there are no more. */
  readonly page_token: string | null;
}

/**
 * The whole response body of `GET /audit-events`. API 1.9+ puts the token next to `data`;
 * 1.8.3 nested both under `data: { events, page_token }`. Both are accepted.
 */
export const AuditEventsResponseSchema = v.union([
  v.looseObject({
    data: v.array(AuditEventSchema),
    page_token: v.nullish(v.string()),
  }),
  v.looseObject({
    data: v.looseObject({
      events: v.array(AuditEventSchema),
      page_token: v.nullish(v.string()),
    }),
  }),
]);

const timestampSchema = v.pipe(
  v.union([v.date(), v.string()], "must be an ISO 8601 timestamp string or a Date"),
  v.check((value) => !Number.isNaN(new Date(value).getTime()), "must be a valid ISO 8601 timestamp"),
  v.transform((value) => (value instanceof Date ? value.toISOString() : value)),
);

/** Query of `GET /audit-events`. `start` and `end` are inclusive and may be Dates. */
export const AuditEventsQuerySchema = v.strictObject({
  start: v.optional(timestampSchema),
  end: v.optional(timestampSchema),
  resource_type: v.optional(boundedString(128)),
  page_token: v.optional(boundedString(4096)),
});
/** Filters of `auditEvents.list()` and `auditEvents.page()`. */
export type AuditEventsQuery = v.InferInput<typeof AuditEventsQuerySchema>;
