/**
 * Reads a stream whole while counting its bytes, so a body is refused as soon as it holds more
 * than its limit, whatever it declared. The request-body limit and the upstream decoded-size limit
 * both read through it, each with its own error.
 */
import type { ProxyRejection } from "./errors.js";

/** The first buffer of a byte stream read without a length hint. */
const DEFAULT_CAPACITY = 64 * 1024;

/**
 * Reads `body` into one array, cancelling it and throwing `tooLarge()` as soon as it holds more
 * than `limit` bytes.
 *
 * Byte streams (the bodies of fetched responses and of requests in every runtime) are read into
 * one buffer sized for `expectedBytes`, which a few large reads fill: workerd hands a default
 * reader 4 kB chunks, and each read costs a trip through its event loop. Other streams are read
 * chunk by chunk.
 * @param tooLarge the caller's rejection for a body past the limit.
 * @param expectedBytes the size the body declares, if any; a hint only, never trusted as a bound.
 */
export async function readWithin(
  body: ReadableStream<Uint8Array>,
  limit: number,
  tooLarge: () => ProxyRejection,
  expectedBytes?: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const byteReader = byobReaderOf(body);
  if (byteReader === undefined) return readChunks(body.getReader(), limit, tooLarge);
  // One byte more than expected, so a body that ends where it said takes no second buffer.
  const hint =
    expectedBytes !== undefined && Number.isSafeInteger(expectedBytes) && expectedBytes >= 0
      ? expectedBytes + 1
      : DEFAULT_CAPACITY;
  let buffer = new ArrayBuffer(Math.min(hint, limit + 1));
  let total = 0;
  for (;;) {
    if (total === buffer.byteLength) buffer = grown(buffer, Math.min(buffer.byteLength * 2, limit + 1));
    const { done, value } = await byteReader.read(new Uint8Array(buffer, total));
    // A read answers with the view it was given (empty at the end), moved to a buffer of its
    // own; only a stream cancelled under its reader answers none, and this reader holds the lock.
    if (value === undefined) throw new TypeError("the body was cancelled while the proxy read it");
    buffer = value.buffer;
    total += value.byteLength;
    if (done) break;
    if (total > limit) {
      await byteReader.cancel().catch(() => undefined);
      throw tooLarge();
    }
  }
  return new Uint8Array(buffer, 0, total);
}

/** A BYOB reader of `body` when it is a byte stream; `undefined` for other streams. */
function byobReaderOf(body: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | undefined {
  try {
    return body.getReader({ mode: "byob" });
  } catch {
    return undefined;
  }
}

/** A copy of `buffer` in a larger one. */
function grown(buffer: ArrayBuffer, size: number): ArrayBuffer {
  const larger = new Uint8Array(size);
  larger.set(new Uint8Array(buffer));
  return larger.buffer;
}

async function readChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
  tooLarge: () => ProxyRejection,
): Promise<Uint8Array<ArrayBuffer>> {
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
