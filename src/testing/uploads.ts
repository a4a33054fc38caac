/**
 * The simulator's stand-in for presigned storage URLs, outside the API's base path: a PUT to
 * an upload URL stores an attachment's bytes (no API key, as with real presigned URLs) and
 * a GET of a download URL returns them.
 */
import { jsonResponse } from "./envelope.js";
import type { Store } from "./store.js";

/** Path prefix of upload URLs. */
export const UPLOAD_PREFIX = "/__uploads/";
/** Path prefix of download URLs. */
export const DOWNLOAD_PREFIX = "/__downloads/";

function storageError(status: number, code: string, message: string): Response {
  return jsonResponse({ error: { code, message } }, status);
}

/** Answers a request under {@link UPLOAD_PREFIX} or {@link DOWNLOAD_PREFIX}; `undefined` for any other path. */
export async function handleStorage(store: Store, request: Request, path: string): Promise<Response | undefined> {
  const attachments = [...store.attachments.values()];
  if (path.startsWith(UPLOAD_PREFIX)) {
    const attachment = attachments.find((entry) => entry.uploadToken === path.slice(UPLOAD_PREFIX.length));
    if (request.method !== "PUT") return storageError(405, "storage/method-not-allowed", "Upload URLs take PUT.");
    if (attachment?.upload_status !== "pending")
      return storageError(404, "storage/no-such-upload", "This upload URL is unknown or already used.");
    if (store.clock.now() > attachment.uploadExpiresAt)
      return storageError(403, "storage/expired", "This upload URL has expired; start a new upload.");
    attachment.bytes = new Uint8Array(await request.arrayBuffer());
    return new Response(null, { status: 200 });
  }
  if (path.startsWith(DOWNLOAD_PREFIX)) {
    const attachment = attachments.find((entry) => entry.downloadToken === path.slice(DOWNLOAD_PREFIX.length));
    if (request.method !== "GET") return storageError(405, "storage/method-not-allowed", "Download URLs take GET.");
    if (!attachment?.bytes || attachment.upload_status !== "uploaded")
      return storageError(404, "storage/no-such-object", "This download URL is unknown.");
    return new Response(attachment.bytes.slice(), {
      status: 200,
      headers: { "content-type": attachment.content_type },
    });
  }
  return undefined;
}
