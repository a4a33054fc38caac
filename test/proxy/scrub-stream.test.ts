import { describe, expect, it } from "vitest";
import { createScrubStream, keyForms } from "../../src/proxy/scrub-stream.js";
import { encodeBasicCredentials } from "../../src/transport/redact.js";
import { sentinel } from "./helpers.js";

/** Runs `chunks` through the scrubber and returns what came out, as text and as bytes. */
async function scrub(chunks: readonly Uint8Array[], secrets: readonly string[]): Promise<{ text: string; bytes: Uint8Array }> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const out = new Uint8Array(await new Response(source.pipeThrough(createScrubStream(secrets))).arrayBuffer());
  return { text: new TextDecoder().decode(out), bytes: out };
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** Cuts `data` at the given offsets. */
function cut(data: Uint8Array, ...offsets: number[]): Uint8Array[] {
  const points = [0, ...offsets, data.byteLength];
  return points.slice(1).map((end, index) => data.subarray(points[index], end));
}

describe("scrubbing the key from a streamed body", () => {
  it("removes a key split at every possible chunk boundary", async () => {
    const key = sentinel();
    const body = bytes(`{"echo":"Bearer ${key}","again":"${key}"}`);
    const start = 17;
    for (let offset = start - 1; offset <= start + key.length + 1; offset++) {
      const { text } = await scrub(cut(body, offset), keyForms(key));
      expect(text, `cut at ${offset}`).toBe('{"echo":"Bearer [redacted]","again":"[redacted]"}');
    }
  });

  it("removes a key delivered one byte per chunk", async () => {
    const key = sentinel();
    const body = bytes(`x${key}y${key}`);
    const chunks = [...body].map((byte) => Uint8Array.of(byte));
    expect((await scrub(chunks, keyForms(key))).text).toBe("x[redacted]y[redacted]");
  });

  it("removes the HTTP Basic, JSON-escaped and URL-encoded forms of a key", async () => {
    const key = 'k"e\\y/+ 1';
    const body = `${encodeBasicCredentials(key)}|${JSON.stringify(key)}|${encodeURIComponent(key)}`;
    expect((await scrub([bytes(body)], keyForms(key))).text).toBe('[redacted]|"[redacted]"|[redacted]');
  });

  it("passes UTF-8 text through unchanged, even with multi-byte characters split between chunks", async () => {
    const text = `{"name":"${"żółw 🐢 ".repeat(40)}"}`;
    const body = bytes(text);
    for (const offset of [11, 12, 13, 14, 15, 100, body.byteLength - 1]) {
      const out = await scrub(cut(body, offset, offset + 1), keyForms(sentinel()));
      expect(out.bytes).toEqual(body);
    }
  });

  it("keeps a leading byte order mark", async () => {
    const body = Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes("{}"));
    expect((await scrub([body], keyForms(sentinel()))).bytes).toEqual(body);
  });

  it("passes an empty body through as empty", async () => {
    expect((await scrub([], keyForms(sentinel()))).bytes.byteLength).toBe(0);
  });
});
