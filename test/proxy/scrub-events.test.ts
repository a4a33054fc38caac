import { describe, expect, it } from "vitest";
import { createEventScrubStream } from "../../src/proxy/scrub-events.js";
import { secretForms } from "../../src/transport/redact.js";
import { sentinel } from "./helpers.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe("createEventScrubStream", () => {
  it("passes each event on as soon as it is complete, with the key removed even when split across chunks", async () => {
    const key = sentinel();
    const stream = createEventScrubStream(secretForms(key));
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    const half = Math.floor(key.length / 2);
    void writer.write(encoder.encode(`event: instances\ndata: ["${key.slice(0, half)}`));
    void writer.write(encoder.encode(`${key.slice(half)}"]\n\n: heart`));
    expect(decoder.decode((await reader.read()).value)).toBe('event: instances\ndata: ["[redacted]"]\n\n');
    void writer.write(encoder.encode("beat\n\n"));
    expect(decoder.decode((await reader.read()).value)).toBe(": heartbeat\n\n");
    void writer.close();
    expect((await reader.read()).done).toBe(true);
  });
});
