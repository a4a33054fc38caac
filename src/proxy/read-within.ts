/**
 * Reads a stream whole while counting its bytes, so a body is refused as soon as it holds more
 * than its limit, whatever it declared. The request-body limit and the upstream decoded-size limit
 * both read through it, each with its own error.
 */
import type { ProxyRejection } from "./errors.js";

/**
 * Reads `body` into one array, cancelling it and throwing `tooLarge()` as soon as it holds more
 * than `limit` bytes.
 * @param tooLarge the caller's rejection for a body past the limit.
 */
export async function readWithin(
  body: ReadableStream<Uint8Array>,
  limit: number,
  tooLarge: () => ProxyRejection,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      chunks.length = 0;
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
