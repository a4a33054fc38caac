import { describe, expect, it } from "vitest";
import { BUFFERED_BODY_LIMIT } from "../../src/proxy/forward.js";
import { createScrubStream } from "../../src/proxy/scrub-stream.js";
import { encodeBasicCredentials, secretForms } from "../../src/transport/redact.js";
import type { RecordedRequest } from "../helpers/mock-api.js";
import { proxyUnderTest, sentinel } from "./helpers.js";

/** Runs `chunks` through the scrubber and returns what came out, as text and as bytes. */
async function scrub(
  chunks: readonly Uint8Array[],
  secrets: readonly string[],
): Promise<{ text: string; bytes: Uint8Array }> {
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
      const { text } = await scrub(cut(body, offset), secretForms(key));
      expect(text, `cut at ${offset}`).toBe('{"echo":"Bearer [redacted]","again":"[redacted]"}');
    }
  });

  it("removes every form of the key, the longest (HTTP Basic) included, split at every possible chunk boundary", async () => {
    const key = sentinel();
    const forms = secretForms(key);
    const basic = encodeBasicCredentials(key);
    expect(Math.max(...forms.map((form) => form.length))).toBe(basic.length);
    expect(basic.length).toBeGreaterThan(key.length);
    for (const form of forms) {
      const body = bytes(`{"echo":"Basic ${form}","tail":"-"}`);
      for (let offset = 0; offset <= body.byteLength; offset++) {
        const { text } = await scrub(cut(body, offset), forms);
        expect(text, `${form === basic ? "Basic" : "another"} form cut at ${offset}`).toBe(
          '{"echo":"Basic [redacted]","tail":"-"}',
        );
      }
      const oneBytePerChunk = [...body].map((byte) => Uint8Array.of(byte));
      expect((await scrub(oneBytePerChunk, forms)).text).toBe('{"echo":"Basic [redacted]","tail":"-"}');
    }
  });

  it("removes a key delivered one byte per chunk", async () => {
    const key = sentinel();
    const body = bytes(`x${key}y${key}`);
    const chunks = [...body].map((byte) => Uint8Array.of(byte));
    expect((await scrub(chunks, secretForms(key))).text).toBe("x[redacted]y[redacted]");
  });

  it("removes the HTTP Basic, JSON-escaped and URL-encoded forms of a key", async () => {
    const key = 'k"e\\y/+ 1';
    const body = `${encodeBasicCredentials(key)}|${JSON.stringify(key)}|${encodeURIComponent(key)}`;
    expect((await scrub([bytes(body)], secretForms(key))).text).toBe('[redacted]|"[redacted]"|[redacted]');
  });

  it("passes UTF-8 text through unchanged, even with multi-byte characters split between chunks", async () => {
    const text = `{"name":"${"żółw 🐢 ".repeat(40)}"}`;
    const body = bytes(text);
    for (const offset of [11, 12, 13, 14, 15, 100, body.byteLength - 1]) {
      const out = await scrub(cut(body, offset, offset + 1), secretForms(sentinel()));
      expect(out.bytes).toEqual(body);
    }
  });

  it("keeps a leading byte order mark", async () => {
    const body = Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes("{}"));
    expect((await scrub([body], secretForms(sentinel()))).bytes).toEqual(body);
  });

  it("passes an empty body through as empty", async () => {
    expect((await scrub([], secretForms(sentinel()))).bytes.byteLength).toBe(0);
  });
});

describe("scrubbing the key from upstream answers, buffered and streamed", () => {
  /** An upstream that echoes the key it received, raw and in Basic form, declaring the body's length or not. */
  const echoingUpstream = (declareLength: boolean) => (request: RecordedRequest) => {
    const key = request.headers.get("authorization")?.slice("Bearer ".length) ?? "";
    const body = JSON.stringify({
      error: { code: "global/invalid-parameters", message: `you sent ${key} and ${btoa(`${key}:`)}` },
    });
    const headers = new Headers({ "content-type": "application/json" });
    if (declareLength) headers.set("content-length", String(bytes(body).byteLength));
    return new Response(body, { status: 400, headers });
  };

  for (const declareLength of [true, false]) {
    it(`scrubs an answer ${declareLength ? "with a declared length (in one pass)" : "of unknown length (as it streams)"}`, async () => {
      const proxy = proxyUnderTest({}, echoingUpstream(declareLength));
      const text = await (await proxy.call("/api/v1/instances")).text();
      expect(text).toContain("[redacted]");
      expect(text).not.toContain(proxy.key);
      expect(text).not.toContain(btoa(`${proxy.key}:`));
    });
  }

  it("streams an answer longer than the buffered limit, whole", async () => {
    const big = JSON.stringify({ data: "x".repeat(BUFFERED_BODY_LIMIT + 1) });
    const proxy = proxyUnderTest(
      {},
      () =>
        new Response(big, { headers: { "content-type": "application/json", "content-length": String(big.length) } }),
    );
    expect((await (await proxy.call("/api/v1/instances")).text()).length).toBe(big.length);
  });
});
