import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { KeyProvider } from "../../src/auth/key-provider";
import { cachedKey } from "../../src/auth/providers/cached";
import { readKey } from "../../src/auth/read-key";
import { KeyProviderError } from "../../src/errors";
import { deferred } from "./deferred";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** An inner provider that counts calls and returns key-1, key-2, ... */
function countingProvider() {
  let calls = 0;
  const inner = {
    name: "counting",
    getKey: vi.fn(async () => `key-${++calls}`),
    invalidate: vi.fn(),
  } satisfies KeyProvider;
  return inner;
}

describe("cachedKey", () => {
  it("is named cached(<inner>) and defaults to a 60 s TTL", async () => {
    const inner = countingProvider();
    const provider = cachedKey(inner);
    expect(provider.name).toBe("cached(counting)");
    expect(await provider.getKey()).toBe("key-1");
    vi.advanceTimersByTime(59_999);
    expect(await provider.getKey()).toBe("key-1");
    vi.advanceTimersByTime(1);
    expect(await provider.getKey()).toBe("key-2");
    expect(inner.getKey).toHaveBeenCalledTimes(2);
  });

  it("reuses the key for ttlMs and reads again after it expires", async () => {
    const inner = countingProvider();
    const provider = cachedKey(inner, { ttlMs: 1_000 });
    expect(await provider.getKey()).toBe("key-1");
    vi.advanceTimersByTime(999);
    expect(provider.getKey()).toBe("key-1"); // served synchronously from the cache
    vi.advanceTimersByTime(1);
    expect(await provider.getKey()).toBe("key-2");
    expect(inner.getKey).toHaveBeenCalledTimes(2);
  });

  it("shares one in-flight read between 10 concurrent callers", async () => {
    const pending = deferred<string>();
    const inner = { name: "slow", getKey: vi.fn(() => pending.promise) } satisfies KeyProvider;
    const provider = cachedKey(inner, { ttlMs: 1_000 });
    const results = Promise.all(Array.from({ length: 10 }, () => provider.getKey()));
    pending.resolve("shared-key");
    expect(await results).toEqual(Array(10).fill("shared-key"));
    expect(inner.getKey).toHaveBeenCalledTimes(1);
  });

  it("invalidate() forces a fresh read and calls the inner invalidate()", async () => {
    const inner = countingProvider();
    const provider = cachedKey(inner, { ttlMs: 60_000 });
    expect(await provider.getKey()).toBe("key-1");
    provider.invalidate();
    expect(inner.invalidate).toHaveBeenCalledTimes(1);
    expect(await provider.getKey()).toBe("key-2");
  });

  it("does not store a read that was in flight when invalidate() was called", async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const inner = {
      name: "vault",
      getKey: vi.fn().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise),
    };
    const provider = cachedKey(inner, { ttlMs: 60_000 });
    const stale = provider.getKey();
    provider.invalidate();
    const fresh = provider.getKey();
    first.resolve("old-key");
    second.resolve("new-key");
    expect(await stale).toBe("old-key");
    expect(await fresh).toBe("new-key");
    expect(await provider.getKey()).toBe("new-key");
    expect(inner.getKey).toHaveBeenCalledTimes(2);
  });

  it("does not cache a failure: the next call reads again", async () => {
    const failure = new Error("vault down");
    const inner = {
      name: "flaky",
      getKey: vi.fn().mockRejectedValueOnce(failure).mockResolvedValueOnce("recovered-key"),
    };
    const provider = cachedKey(inner, { ttlMs: 60_000 });
    const error = await Promise.resolve(provider.getKey()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyProviderError);
    expect((error as KeyProviderError).provider).toBe("flaky");
    expect((error as Error).cause).toBe(failure);
    expect(await provider.getKey()).toBe("recovered-key");
    expect(inner.getKey).toHaveBeenCalledTimes(2);
  });

  it("shares a failure between concurrent callers, then retries on the next call", async () => {
    const pending = deferred<string>();
    const inner = { name: "flaky", getKey: vi.fn().mockReturnValueOnce(pending.promise).mockResolvedValueOnce("k2") };
    const provider = cachedKey(inner, { ttlMs: 60_000 });
    const callers = Array.from({ length: 3 }, () => Promise.resolve(provider.getKey()).catch((e: unknown) => e));
    pending.reject(new Error("nope"));
    for (const outcome of await Promise.all(callers)) expect(outcome).toBeInstanceOf(KeyProviderError);
    expect(await provider.getKey()).toBe("k2");
    expect(inner.getKey).toHaveBeenCalledTimes(2);
  });

  it("does not cache an unusable key", async () => {
    const inner = {
      name: "blank-then-good",
      getKey: vi.fn().mockResolvedValueOnce("key\n").mockResolvedValueOnce("good"),
    };
    const provider = cachedKey(inner, { ttlMs: 60_000 });
    await expect(readKey(provider)).rejects.toThrow("a line break");
    expect(await provider.getKey()).toBe("good");
  });

  it("ttlMs: 0 still shares one read between concurrent callers but never reuses a key", async () => {
    const inner = countingProvider();
    const provider = cachedKey(inner, { ttlMs: 0 });
    const [a, b] = await Promise.all([provider.getKey(), provider.getKey()]);
    expect([a, b]).toEqual(["key-1", "key-1"]);
    expect(await provider.getKey()).toBe("key-2");
  });

  it("lets an aborted caller stop waiting without failing the other callers", async () => {
    const pending = deferred<string>();
    const inner = { name: "slow", getKey: vi.fn(() => pending.promise) };
    const provider = cachedKey(inner);
    const controller = new AbortController();
    const aborted = Promise.resolve(provider.getKey({ signal: controller.signal })).catch((e: unknown) => e);
    const other = provider.getKey();
    const reason = new Error("caller gave up");
    controller.abort(reason);
    expect(await aborted).toBe(reason);
    pending.resolve("still-good");
    expect(await other).toBe("still-good");
    expect(inner.getKey).toHaveBeenCalledTimes(1);
  });

  it("rejects a negative or non-numeric ttlMs and a non-provider", () => {
    expect(() => cachedKey(countingProvider(), { ttlMs: -1 })).toThrow(RangeError);
    expect(() => cachedKey(countingProvider(), { ttlMs: Number.NaN })).toThrow(RangeError);
    expect(() => cachedKey({} as KeyProvider)).toThrow(TypeError);
  });
});
