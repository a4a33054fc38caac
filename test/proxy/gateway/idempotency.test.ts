import { describe, expect, it } from "vitest";
import { createIdempotency, type Settlement } from "../../../src/proxy/gateway/idempotency.js";
import { memoryStore } from "../../../src/proxy/gateway/memory-store.js";

/** A promise and the function that fulfils it, to decide when a fingerprint is ready. */
function later<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("idempotency claims", () => {
  it("lets the first request with a key perform it, even when the second's fingerprint is ready first", async () => {
    const idempotency = createIdempotency(memoryStore(), Date.now);
    const performedBy: string[] = [];
    const performAs = (name: string) => async (): Promise<Settlement> => {
      performedBy.push(name);
      return { state: "done", answer: { status: 200, headers: [], body: `{"by":"${name}"}` } };
    };
    const firstFingerprint = later<string>();
    const first = idempotency.run("double-click", firstFingerprint.promise, performAs("first"));
    const second = idempotency.run("double-click", Promise.resolve("launchInstance:abc"), performAs("second"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    firstFingerprint.resolve("launchInstance:abc");

    expect(await first).toEqual({ answer: { status: 200, headers: [], body: '{"by":"first"}' }, replayed: false });
    expect(await second).toEqual({ answer: { status: 200, headers: [], body: '{"by":"first"}' }, replayed: true });
    expect(performedBy).toEqual(["first"]);
  });
});
