import { describe, expect, it } from "vitest";
import { AuthenticationError, cachedKey, inMemoryKey, KeyProviderError } from "../../src/index.js";
import { clientFor, createMockApi, ok, sentinelKey } from "../helpers/mock-api.js";

/** An API that accepts only `accepted()` and answers 401 otherwise. */
function acceptingOnly(accepted: () => string) {
  return createMockApi((request) =>
    request.headers.get("authorization") === `Bearer ${accepted()}`
      ? ok([])
      : Response.json(
          { error: { code: "global/invalid-api-key", message: "API key was invalid, expired, or deleted." } },
          { status: 401 },
        ),
  );
}

describe("the auth hook", () => {
  it("reads the key on every request, so inMemoryKey().set() rotates it without a new client", async () => {
    const [first, second] = [sentinelKey(), sentinelKey()];
    const key = inMemoryKey(first);
    let current = first;
    const api = acceptingOnly(() => current);
    const client = clientFor(api, { apiKey: key });
    await client.regions.list();
    key.set(second);
    current = second;
    await client.regions.list();
    expect(api.requests.map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${first}`, `Bearer ${second}`]);
  });

  it("after a 401, invalidates the provider's cache and retries once with the fresh key", async () => {
    const [oldKey, newKey] = [sentinelKey(), sentinelKey()];
    let stored = oldKey;
    const provider = cachedKey({ name: "vault", getKey: () => stored }, { ttlMs: 3_600_000 });
    const api = acceptingOnly(() => stored);
    const client = clientFor(api, { apiKey: provider });
    await client.regions.list();
    stored = newKey; // rotated at the source; the cache still holds the old key
    await expect(client.regions.list()).resolves.toEqual([]);
    expect(api.requests.map((r) => r.headers.get("authorization"))).toEqual([
      `Bearer ${oldKey}`,
      `Bearer ${oldKey}`,
      `Bearer ${newKey}`,
    ]);
  });

  it("throws AuthenticationError naming the provider after a second 401, without either key", async () => {
    const keys = [sentinelKey(), sentinelKey()];
    let reads = 0;
    const rotating = { name: "ops-vault", getKey: () => keys[Math.min(reads++, 1)] as string, invalidate: () => {} };
    const api = acceptingOnly(() => "another key");
    const error = (await clientFor(api, { apiKey: rotating })
      .regions.list()
      .catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain("ops-vault");
    for (const key of keys) expect(`${error.message}${error.stack}`).not.toContain(key);
    expect(api.requests.map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${keys[0]}`, `Bearer ${keys[1]}`]);
  });

  it("does not resend after a 401 when the provider has no other key to offer", async () => {
    const api = acceptingOnly(() => "another key");
    const error = await clientFor(api, { apiKey: inMemoryKey(sentinelKey(), { name: "ops-vault" }) })
      .regions.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(api.requests).toHaveLength(1);
  });

  it("sends no Authorization header at all with apiKey: false, for use behind the proxy", async () => {
    const api = createMockApi(() => ok([]));
    const client = clientFor(api, { apiKey: false });
    await client.regions.list();
    expect(api.requests[0]?.headers.has("authorization")).toBe(false);
    expect(JSON.stringify(client)).toContain("<none: apiKey is false>");
  });

  it("sends nothing when the provider throws, and names the provider and the cause", async () => {
    const api = createMockApi(() => ok([]));
    const failing = { name: "vault", getKey: () => Promise.reject(new Error("vault sealed")) };
    const error = (await clientFor(api, { apiKey: failing })
      .regions.list()
      .catch((e: unknown) => e)) as KeyProviderError;
    expect(error).toBeInstanceOf(KeyProviderError);
    expect(error.provider).toBe("vault");
    expect(error.message).toContain("vault sealed");
    expect(api.requests).toHaveLength(0);
  });

  it("sends nothing when the key has a newline, and does not echo it", async () => {
    const key = `${sentinelKey()}\n`;
    const api = createMockApi(() => ok([]));
    const error = (await clientFor(api, { apiKey: () => key })
      .regions.list()
      .catch((e: unknown) => e)) as KeyProviderError;
    expect(error).toBeInstanceOf(KeyProviderError);
    expect(error.message).toContain("line break");
    expect(`${error.message}${error.stack}`).not.toContain(key.trim());
    expect(api.requests).toHaveLength(0);
  });

  it("uses LAMBDA_API_KEY from the environment by default", async () => {
    const key = sentinelKey();
    const previous = process.env.LAMBDA_API_KEY;
    process.env.LAMBDA_API_KEY = key;
    try {
      const api = createMockApi(() => ok([]));
      await clientFor(api, { apiKey: undefined }).regions.list();
      expect(api.requests[0]?.headers.get("authorization")).toBe(`Bearer ${key}`);
    } finally {
      if (previous === undefined) delete process.env.LAMBDA_API_KEY;
      else process.env.LAMBDA_API_KEY = previous;
    }
  });
});
