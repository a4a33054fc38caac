/** `client.tickets.attachments`: files attached to support tickets, uploaded through presigned URLs. */
import { RequestValidationError } from "../errors.js";
import * as operations from "../operation-schemas.js";
import type { EmptyResponse } from "../schemas/common.js";
import type {
  Attachment,
  AttachmentDownloadResponse,
  AttachmentInitiateResponse,
  InitiateAttachmentRequest,
} from "../schemas/tickets.js";
import type { RequestOptions } from "../transport/transport.js";
import { Resource } from "./resource.js";

/** The bytes of an attachment. */
export type AttachmentBody = Blob | ArrayBuffer | Uint8Array | string;

/** What {@link Attachments.upload} needs. */
export interface AttachmentUpload {
  /** File name shown on the ticket (≤ 255 characters). */
  readonly filename: string;
  /** MIME type, e.g. `"text/plain"`. */
  readonly content_type: string;
  /** The content; its size is measured for you. */
  readonly body: AttachmentBody;
}

/** Attachment operations. */
export class Attachments extends Resource {
  /** Lists a ticket's attachments; without `status`, only uploaded ones. */
  list(
    ticketId: string,
    query: { status?: "pending" | "uploaded" | "failed" | "deleted" } = {},
    options?: RequestOptions,
  ): Promise<Attachment[]> {
    return this.transport
      .call(operations.listAttachments, { params: { ticket_id: ticketId }, query }, options)
      .then((payload) => payload.attachments);
  }

  /** Step 1 of an upload: registers the file and returns where to send its bytes. */
  create(
    ticketId: string,
    request: InitiateAttachmentRequest,
    options?: RequestOptions,
  ): Promise<AttachmentInitiateResponse> {
    return this.transport.call(
      operations.initiateAttachmentUpload,
      { params: { ticket_id: ticketId }, body: request },
      options,
    );
  }

  /** Step 3 of an upload: tells the API the bytes are in place. */
  complete(ticketId: string, attachmentId: string, options?: RequestOptions): Promise<Attachment> {
    return this.transport.call(
      operations.completeAttachmentUpload,
      { params: { ticket_id: ticketId, attachment_id: attachmentId } },
      options,
    );
  }

  /** Gets a temporary download URL. */
  downloadUrl(ticketId: string, attachmentId: string, options?: RequestOptions): Promise<AttachmentDownloadResponse> {
    return this.transport.call(
      operations.getAttachmentDownloadUrl,
      { params: { ticket_id: ticketId, attachment_id: attachmentId } },
      options,
    );
  }

  /** Deletes an attachment. */
  delete(ticketId: string, attachmentId: string, options?: RequestOptions): Promise<EmptyResponse> {
    return this.transport.call(
      operations.deleteAttachment,
      { params: { ticket_id: ticketId, attachment_id: attachmentId } },
      options,
    );
  }

  /**
   * Uploads a file in one go: registers it, sends the bytes to the presigned URL (without
   * the API key), and completes the upload.
   * @example
   * ```ts
   * await client.tickets.attachments.upload(ticketId, { filename: "dmesg.txt", content_type: "text/plain", body: log });
   * ```
   */
  async upload(ticketId: string, file: AttachmentUpload, options?: RequestOptions): Promise<Attachment> {
    const bytes = toUploadBody(file.body);
    const size_bytes = bytes instanceof Blob ? bytes.size : bytes.byteLength;
    if (size_bytes === 0)
      throw new RequestValidationError(operations.initiateAttachmentUpload.id, [
        { path: "body", message: "must not be empty" },
      ]);
    const target = await this.create(
      ticketId,
      { filename: file.filename, content_type: file.content_type, size_bytes },
      options,
    );
    await this.transport.upload(target.upload_url, {
      method: target.upload_method,
      body: bytes,
      contentType: file.content_type,
      signal: options?.signal,
    });
    return this.complete(ticketId, target.attachment_id, options);
  }
}

function toUploadBody(body: AttachmentBody): Blob | Uint8Array<ArrayBuffer> {
  if (typeof body === "string") return new TextEncoder().encode(body) as Uint8Array<ArrayBuffer>;
  return body instanceof Blob ? body : new Uint8Array(body);
}
