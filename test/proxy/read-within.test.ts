import { describe, expect, it } from "vitest";
import { ProxyRejection } from "../../src/proxy/errors.js";
import { readWithin } from "../../src/proxy/read-within.js";

const LIMIT = 1000;
const tooLarge = () => new ProxyRejection(502, "proxy/upstream-too-large", "too large", "smaller", { detail: "test" });

/** A stream of `total` bytes (byte `i` is `i % 251`) in chunks of `chunk`; a byte stream when `bytes`. Counts what was pulled and whether it was cancelled. */
function source(total: number, chunk: number, bytes: boolean) {
  const state = { pulled: 0, cancelled: false };
  const pull = (controller: ReadableStreamDefaultController<Uint8Array> | ReadableByteStreamController) => {
    if (state.pulled >= total) {
      controller.close();
      // A byte stream's pending read of a view ends once the source answers it with no bytes.
      if ("byobRequest" in controller) controller.byobRequest?.respond(0);
      return;
    }
    const size = Math.min(chunk, total - state.pulled);
    controller.enqueue(Uint8Array.from({ length: size }, (_, i) => (state.pulled + i) % 251));
    state.pulled += size;
  };
  const cancel = () => {
    state.cancelled = true;
  };
  const stream = bytes
    ? new ReadableStream({ type: "bytes", pull, cancel })
    : new ReadableStream<Uint8Array>({ pull, cancel });
  return { stream: stream as ReadableStream<Uint8Array>, state };
}

const expected = (total: number) => Uint8Array.from({ length: total }, (_, i) => i % 251);

describe.each([
  ["a byte stream", true],
  ["a default stream", false],
] as const)("readWithin, %s", (_kind, bytes) => {
  it.each([
    ["no hint", undefined],
    ["an exact hint", 700],
    ["a hint too small", 10],
    ["a hint too large", 5000],
  ] as const)("reads a body within the limit whole and in order (%s)", async (_hint, hint) => {
    const { stream } = source(700, 64, bytes);
    expect(await readWithin(stream, LIMIT, tooLarge, hint)).toEqual(expected(700));
  });

  it("reads a body of exactly the limit", async () => {
    const { stream, state } = source(LIMIT, 333, bytes);
    expect(await readWithin(stream, LIMIT, tooLarge, LIMIT)).toEqual(expected(LIMIT));
    expect(state.cancelled).toBe(false);
  });

  it("reads an empty body", async () => {
    const { stream } = source(0, 10, bytes);
    expect(await readWithin(stream, LIMIT, tooLarge, 0)).toEqual(new Uint8Array(0));
  });

  it("refuses a body one byte past the limit, whatever its hint, cancels it and stops pulling", async () => {
    for (const hint of [undefined, 10, LIMIT + 1, 10 * LIMIT]) {
      const { stream, state } = source(100 * LIMIT, 100, bytes);
      await expect(readWithin(stream, LIMIT, tooLarge, hint)).rejects.toMatchObject({
        code: "proxy/upstream-too-large",
      });
      expect(state.cancelled).toBe(true);
      expect(state.pulled).toBeLessThan(2 * LIMIT);
    }
  });
});
