/**
 * Ticket attachments: a presigned upload URL that points back at the simulator, completion
 * that checks the bytes arrived, a download URL, and delete.
 */

import { ErrorCodes } from "../../error-codes.js";
import type { Attachment } from "../../schemas/tickets.js";
import { invalidParameters, SimulatorApiError } from "../envelope.js";
import { lrnOf } from "../lrn.js";
import type { AttachmentRecord, Store } from "../store.js";
import { DOWNLOAD_PREFIX, UPLOAD_PREFIX } from "../uploads.js";
import { findTicket } from "./tickets.js";
import type { HandlerTable } from "./types.js";

/** Presigned upload URLs are valid this many seconds of simulated time. */
export const UPLOAD_EXPIRES_IN_S = 900;
/** Download URLs are valid this many seconds. */
const DOWNLOAD_EXPIRES_IN_S = 300;

/** The attachment as the API shows it. */
export function attachmentView(attachment: AttachmentRecord): Attachment {
  return {
    id: attachment.id,
    filename: attachment.filename,
    content_type: attachment.content_type,
    size_bytes: attachment.size_bytes,
    upload_status: attachment.upload_status,
    ...(attachment.uploaded_at ? { uploaded_at: attachment.uploaded_at } : {}),
    created_at: attachment.created_at,
  };
}

function findAttachment(store: Store, ticketId: string, attachmentId: string): AttachmentRecord {
  findTicket(store, ticketId);
  const attachment = store.attachments.get(attachmentId);
  if (!attachment || attachment.ticketId !== ticketId || attachment.upload_status === "deleted") {
    throw new SimulatorApiError(
      404,
      ErrorCodes.objectDoesNotExist,
      `No attachment ${attachmentId} exists on ticket ${ticketId}.`,
      "List the ticket's attachments to find the right id.",
    );
  }
  return attachment;
}

const attachmentLrns = (attachment: AttachmentRecord) => [
  lrnOf("attachment", attachment.id),
  lrnOf("ticket", attachment.ticketId),
];

/** Handlers of the attachment operations. */
export const attachmentHandlers: HandlerTable<
  | "listAttachments"
  | "initiateAttachmentUpload"
  | "completeAttachmentUpload"
  | "getAttachmentDownloadUrl"
  | "deleteAttachment"
> = {
  listAttachments: ({ store, params, query }) => {
    findTicket(store, params.ticket_id);
    const status = query.status ?? "uploaded";
    const attachments = [...store.attachments.values()].filter(
      (entry) => entry.ticketId === params.ticket_id && entry.upload_status === status,
    );
    return { payload: { attachments: attachments.map(attachmentView) } };
  },
  initiateAttachmentUpload: ({ store, params, body, origin }) => {
    findTicket(store, params.ticket_id);
    const attachment: AttachmentRecord = {
      ticketId: params.ticket_id,
      id: `att_${store.random.hex(24)}`,
      filename: body.filename,
      content_type: body.content_type,
      size_bytes: body.size_bytes,
      upload_status: "pending",
      created_at: store.timestamp(),
      uploaded_at: undefined,
      uploadToken: store.random.hex(40),
      uploadExpiresAt: store.clock.now() + UPLOAD_EXPIRES_IN_S * 1000,
      downloadToken: store.random.hex(40),
      bytes: undefined,
    };
    store.attachments.set(attachment.id, attachment);
    return {
      payload: {
        attachment_id: attachment.id,
        upload_url: `${origin}${UPLOAD_PREFIX}${attachment.uploadToken}`,
        upload_method: "PUT",
        upload_status: "pending",
        expires_in: UPLOAD_EXPIRES_IN_S,
      },
      resources: attachmentLrns(attachment),
    };
  },
  completeAttachmentUpload: ({ store, params }) => {
    const attachment = findAttachment(store, params.ticket_id, params.attachment_id);
    if (attachment.upload_status === "uploaded")
      return { payload: attachmentView(attachment), resources: attachmentLrns(attachment) };
    const received = attachment.bytes?.byteLength;
    if (received === undefined)
      throw invalidParameters([
        { path: "", message: "no bytes were uploaded to the upload_url yet; PUT the file there first" },
      ]);
    if (received !== attachment.size_bytes) {
      attachment.upload_status = "failed";
      throw invalidParameters([
        {
          path: "",
          message: `the upload has ${received} bytes but size_bytes was ${attachment.size_bytes}; start a new upload`,
        },
      ]);
    }
    attachment.upload_status = "uploaded";
    attachment.uploaded_at = store.timestamp();
    return { payload: attachmentView(attachment), resources: attachmentLrns(attachment) };
  },
  getAttachmentDownloadUrl: ({ store, params, origin }) => {
    const attachment = findAttachment(store, params.ticket_id, params.attachment_id);
    if (attachment.upload_status !== "uploaded") {
      throw invalidParameters([
        {
          path: "attachment_id",
          message: `the attachment is ${attachment.upload_status}, not uploaded; complete the upload first`,
        },
      ]);
    }
    return {
      payload: {
        download_url: `${origin}${DOWNLOAD_PREFIX}${attachment.downloadToken}`,
        expires_in: DOWNLOAD_EXPIRES_IN_S,
      },
    };
  },
  deleteAttachment: ({ store, params }) => {
    const attachment = findAttachment(store, params.ticket_id, params.attachment_id);
    attachment.upload_status = "deleted";
    attachment.bytes = undefined;
    return { payload: {}, resources: attachmentLrns(attachment) };
  },
};
