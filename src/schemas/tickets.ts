/** Schemas of support tickets and their attachments (a beta API enabled per account). */
import * as v from "valibot";
import { boundedString, openEnum } from "./common.js";

/** Ticket status. The ticket enums changed between API versions, so all of them stay open. */
export const TicketStatusSchema = openEnum(["open", "on_hold", "pending", "solved", "confirm_solved"]);
/** Ticket type. */
export const TicketTypeSchema = openEnum(["service_request", "incident", "automated_event"]);
/** Incident severity. */
export const TicketSeveritySchema = openEnum(["sev_1", "sev_2", "sev_3"]);
/** Ticket priority. */
export const TicketPrioritySchema = openEnum(["low", "normal", "high", "urgent"]);

/** A comment on a ticket. */
export const TicketCommentSchema = v.looseObject({
  body: v.string(),
  author: v.string(),
  created_at: v.string(),
});

/** A support ticket with its comments. */
export const TicketSchema = v.looseObject({
  id: v.string(),
  subject: v.string(),
  description: v.string(),
  type: v.optional(TicketTypeSchema),
  severity: v.optional(TicketSeveritySchema),
  priority: v.optional(TicketPrioritySchema),
  status: TicketStatusSchema,
  external_ticket_provider: v.optional(v.string()),
  external_ticket_id: v.optional(v.string()),
  hostname: v.optional(v.string()),
  device_serial: v.optional(v.string()),
  created_at: v.string(),
  updated_at: v.optional(v.string()),
  resolved_at: v.optional(v.string()),
  affected_devices: v.optional(v.array(v.string())),
  comments: v.array(TicketCommentSchema),
});
/** A support ticket. */
export type Ticket = v.InferOutput<typeof TicketSchema>;

/** One page of tickets; the token is inside `data` for this endpoint. */
export const TicketListResponseSchema = v.looseObject({
  tickets: v.array(TicketSchema),
  page_token: v.nullish(v.string()),
});
/** One page of tickets. */
export type TicketListResponse = v.InferOutput<typeof TicketListResponseSchema>;

/** What the API returns when a ticket is opened. */
export const TicketCreateResponseSchema = v.looseObject({
  id: v.string(),
  status: TicketStatusSchema,
  type: TicketTypeSchema,
  created_at: v.string(),
  external_ticket_provider: v.optional(v.string()),
  external_ticket_id: v.optional(v.string()),
  severity: v.optional(TicketSeveritySchema),
  priority: v.optional(TicketPrioritySchema),
  affected_devices: v.optional(v.array(v.string())),
  hostname: v.optional(v.string()),
  device_serial: v.optional(v.string()),
});
/** Result of `tickets.create()`. */
export type TicketCreateResponse = v.InferOutput<typeof TicketCreateResponseSchema>;

const severityRequestSchema = v.picklist(["sev_1", "sev_2", "sev_3"], 'must be "sev_1", "sev_2" or "sev_3"');
const priorityRequestSchema = v.picklist(
  ["low", "normal", "high", "urgent"],
  'must be "low", "normal", "high" or "urgent"',
);
const stringListSchema = v.array(boundedString(256), "must be an array of strings");

/** Body of `POST /tickets`. `severity` is required for incidents and not allowed for service requests. */
export const TicketCreateRequestSchema = v.pipe(
  v.strictObject({
    subject: boundedString(512),
    description: boundedString(65_536),
    type: v.picklist(["incident", "service_request"], 'must be "incident" or "service_request"'),
    severity: v.optional(severityRequestSchema),
    priority: v.optional(priorityRequestSchema),
    ip: v.optional(boundedString(64)),
    instance_id: v.optional(boundedString(128)),
    cluster_id: v.optional(boundedString(128)),
    hostname: v.optional(boundedString(255)),
    device_serial: v.optional(boundedString(256)),
    requester_email: v.optional(boundedString(320)),
    affected_devices: v.optional(stringListSchema),
  }),
  v.forward(
    v.check(
      (ticket) => (ticket.type === "incident") === (ticket.severity !== undefined),
      "is required for incidents and not allowed for service requests",
    ),
    ["severity"],
  ),
);
/** What `tickets.create()` accepts. */
export type TicketCreateRequest = v.InferInput<typeof TicketCreateRequestSchema>;

/** Body of `PATCH /tickets/{id}`: comment, change severity or priority, or mark solved. Applied asynchronously. */
export const TicketUpdateRequestSchema = v.strictObject({
  status: v.optional(v.literal("solved", 'can only be "solved"')),
  severity: v.optional(severityRequestSchema),
  priority: v.optional(priorityRequestSchema),
  comment: v.optional(v.strictObject({ body: boundedString(65_536) })),
  affected_devices: v.optional(stringListSchema),
});
/** What `tickets.update()` accepts. */
export type TicketUpdateRequest = v.InferInput<typeof TicketUpdateRequestSchema>;

/** Query of `GET /tickets`. Arrays are sent as repeated parameters; matching is case-insensitive. */
export const ListTicketsQuerySchema = v.strictObject({
  status: v.optional(stringListSchema),
  type: v.optional(stringListSchema),
  severity: v.optional(stringListSchema),
  priority: v.optional(stringListSchema),
  device_serial: v.optional(stringListSchema),
  order_by: v.optional(v.picklist(["created_at", "updated_at"], 'must be "created_at" or "updated_at"')),
  direction: v.optional(v.picklist(["asc", "desc"], 'must be "asc" or "desc"')),
  page_token: v.optional(boundedString(4096)),
});
/** Filters of `tickets.list()`. */
export type ListTicketsQuery = v.InferInput<typeof ListTicketsQuerySchema>;

/** Upload status of an attachment. */
export const AttachmentUploadStatusSchema = openEnum(["pending", "uploaded", "failed", "deleted"]);

/** A file attached to a ticket. */
export const AttachmentSchema = v.looseObject({
  id: v.string(),
  filename: v.string(),
  content_type: v.string(),
  size_bytes: v.number(),
  upload_status: AttachmentUploadStatusSchema,
  uploaded_at: v.optional(v.string()),
  created_at: v.string(),
});
/** A ticket attachment. */
export type Attachment = v.InferOutput<typeof AttachmentSchema>;

/** Payload of `GET /tickets/{id}/attachments`. */
export const AttachmentListResponseSchema = v.looseObject({ attachments: v.array(AttachmentSchema) });

/** Query of `GET /tickets/{id}/attachments`; without `status`, only uploaded attachments are listed. */
export const ListAttachmentsQuerySchema = v.strictObject({
  status: v.optional(
    v.picklist(["pending", "uploaded", "failed", "deleted"], 'must be "pending", "uploaded", "failed" or "deleted"'),
  ),
});

/** Body of `POST /tickets/{id}/attachments` (step 1 of an upload). */
export const InitiateAttachmentRequestSchema = v.strictObject({
  filename: boundedString(255),
  content_type: boundedString(255),
  size_bytes: v.pipe(
    v.number("must be a number"),
    v.integer("must be a whole number of bytes"),
    v.minValue(1, "must be at least 1"),
  ),
});
/** What `tickets.attachments.create()` accepts. */
export type InitiateAttachmentRequest = v.InferInput<typeof InitiateAttachmentRequestSchema>;

/** Step 1's answer: where to send the bytes, with which method, and for how long the URL is valid. */
export const AttachmentInitiateResponseSchema = v.looseObject({
  attachment_id: v.string(),
  upload_url: v.string(),
  upload_method: openEnum(["PUT", "POST"]),
  upload_status: AttachmentUploadStatusSchema,
  expires_in: v.number(),
});
/** Result of `tickets.attachments.create()`. */
export type AttachmentInitiateResponse = v.InferOutput<typeof AttachmentInitiateResponseSchema>;

/** A temporary download URL for an attachment. */
export const AttachmentDownloadResponseSchema = v.looseObject({
  download_url: v.string(),
  expires_in: v.number(),
});
/** Result of `tickets.attachments.downloadUrl()`. */
export type AttachmentDownloadResponse = v.InferOutput<typeof AttachmentDownloadResponseSchema>;
