/**
 * Removes the API key from a server-sent event stream one whole event at a time, so every
 * event is passed on as soon as it is complete (a byte-wise scrubber would hold the end of each
 * event back until the next one arrives).
 */
import { redactText } from "../transport/redact.js";

/** A byte stream transform that scrubs every secret from each event (text up to a blank line). */
export function createEventScrubStream(secrets: readonly string[]): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const encoder = new TextEncoder();
  let pending = "";
  return new TransformStream({
    transform(chunk, controller) {
      pending += decoder.decode(chunk, { stream: true });
      const end = pending.lastIndexOf("\n\n");
      if (end < 0) return;
      controller.enqueue(encoder.encode(redactText(pending.slice(0, end + 2), secrets)));
      pending = pending.slice(end + 2);
    },
    flush(controller) {
      const rest = redactText(pending + decoder.decode(), secrets);
      if (rest !== "") controller.enqueue(encoder.encode(rest));
    },
  });
}
