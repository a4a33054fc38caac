/**
 * Reads a `text/event-stream` body into events (the WHATWG server-sent events format: `event:`
 * and `data:` fields, `:` comments, a blank line ends an event). The dashboard reads the live
 * feed with fetch rather than EventSource, because EventSource cannot send the Authorization
 * header that carries the dashboard token.
 */

/** One dispatched event. */
export interface ServerSentEvent {
  /** The `event:` field; `"message"` when absent. */
  readonly event: string;
  /** The `data:` lines, joined with newlines. */
  readonly data: string;
}

/** Yields the events of a stream as they arrive. */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  let event = "";
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      // A trailing CR may be the first half of a CRLF: keep it until the next chunk says.
      const held = buffered.endsWith("\r") ? "\r" : "";
      const lines = buffered.slice(0, buffered.length - held.length).split(/\r\n|\r|\n/);
      buffered = (lines.pop() ?? "") + held;
      for (const line of lines) {
        if (line === "") {
          if (data.length > 0) yield { event: event || "message", data: data.join("\n") };
          event = "";
          data = [];
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        const text = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event = text;
        else if (field === "data") data.push(text);
      }
    }
  } finally {
    reader.releaseLock();
  }
}
