/**
 * Removes the API key from an upstream body while it streams through, including a key
 * split across chunks, so an upstream that echoes request headers cannot leak it.
 */
import { redactText } from "../transport/redact.js";

/**
 * A byte stream transform that replaces every secret with `[redacted]`.
 *
 * It holds back the last `longest secret - 1` characters of each chunk, the most a secret
 * cut by a chunk boundary can leave behind, until the next chunk or the end. Bodies are
 * read as UTF-8 (the API speaks JSON), so invalid byte sequences come out as U+FFFD.
 */
export function createScrubStream(secrets: readonly string[]): TransformStream<Uint8Array, Uint8Array> {
  const holdBack = Math.max(1, ...secrets.map((secret) => secret.length)) - 1;
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const encoder = new TextEncoder();
  let pending = "";
  return new TransformStream({
    transform(chunk, controller) {
      const text = redactText(pending + decoder.decode(chunk, { stream: true }), secrets);
      let cut = Math.max(0, text.length - holdBack);
      if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
      pending = text.slice(cut);
      if (cut > 0) controller.enqueue(encoder.encode(text.slice(0, cut)));
    },
    flush(controller) {
      const text = redactText(pending + decoder.decode(), secrets);
      if (text !== "") controller.enqueue(encoder.encode(text));
    },
  });
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
