import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fromSecretsStore } from "../../src/auth/providers/secrets-store";
import { KeyProviderError } from "../../src/errors";
import { deferred } from "./deferred";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fake Secrets Store binding whose secret can be rotated. */
function fakeStore(initial: string) {
  let value = initial;
  return {
    get: vi.fn(async () => value),
    rotate(next: string) {
      value = next;
    },
  };
}

describe("fromSecretsStore", () => {
  it('is named "secrets-store" (or the given name)', () => {
    expect(fromSecretsStore(fakeStore("k")).name).toBe("secrets-store");
    expect(fromSecretsStore(fakeStore("k"), { name: "store:lambda" }).name).toBe("store:lambda");
  });

  it("caches the value for the default 60 s, then picks up a rotated secret", async () => {
    const store = fakeStore("key-v1");
    const provider = fromSecretsStore(store);
    expect(await provider.getKey()).toBe("key-v1");
    store.rotate("key-v2");
    vi.advanceTimersByTime(59_999);
    expect(await provider.getKey()).toBe("key-v1");
    vi.advanceTimersByTime(1);
    expect(await provider.getKey()).toBe("key-v2");
    expect(store.get).toHaveBeenCalledTimes(2);
  });

  it("honours ttlMs", async () => {
    const store = fakeStore("k");
    const provider = fromSecretsStore(store, { ttlMs: 5_000 });
    await provider.getKey();
    vi.advanceTimersByTime(4_999);
    await provider.getKey();
    expect(store.get).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await provider.getKey();
    expect(store.get).toHaveBeenCalledTimes(2);
  });

  it("10 concurrent getKey() calls make one get()", async () => {
    const pending = deferred<string>();
    const binding = { get: vi.fn(() => pending.promise) };
    const provider = fromSecretsStore(binding);
    const all = Promise.all(Array.from({ length: 10 }, () => provider.getKey()));
    expect(binding.get).toHaveBeenCalledTimes(1);
    pending.resolve("store-key");
    expect(new Set(await all)).toEqual(new Set(["store-key"]));
    expect(binding.get).toHaveBeenCalledTimes(1);
  });

  it("invalidate() forces a re-read before the TTL ends", async () => {
    const store = fakeStore("key-v1");
    const provider = fromSecretsStore(store);
    await provider.getKey();
    store.rotate("key-v2");
    provider.invalidate();
    expect(await provider.getKey()).toBe("key-v2");
    expect(store.get).toHaveBeenCalledTimes(2);
  });

  it("does not cache a failed get(), and explains what to check", async () => {
    const failure = new Error("secret not found");
    const binding = { get: vi.fn().mockRejectedValueOnce(failure).mockResolvedValueOnce("key-after-fix") };
    const provider = fromSecretsStore(binding);
    const error = await Promise.resolve(provider.getKey()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyProviderError);
    expect((error as KeyProviderError).provider).toBe("secrets-store");
    expect((error as Error).cause).toBe(failure);
    expect((error as Error).message).toContain("the Secrets Store binding's get() failed (secret not found)");
    expect((error as Error).message).toContain("[[secrets_store_secrets]]");
    expect(await provider.getKey()).toBe("key-after-fix");
    expect(binding.get).toHaveBeenCalledTimes(2);
  });

  it("throws a TypeError for something that is not a Secrets Store binding", () => {
    expect(() => fromSecretsStore("plain-secret" as never)).toThrow("use fromBinding(env) instead");
    expect(() => fromSecretsStore(undefined as never)).toThrow(TypeError);
  });
});
