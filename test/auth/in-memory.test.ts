import { describe, expect, it } from "vitest";
import { inMemoryKey } from "../../src/auth/providers/in-memory";
import { readKey } from "../../src/auth/read-key";

describe("inMemoryKey", () => {
  it('returns the key and is named "memory"', async () => {
    const provider = inMemoryKey("key-1");
    expect(provider.name).toBe("memory");
    expect(provider.getKey()).toBe("key-1");
    await expect(readKey(provider)).resolves.toBe("key-1");
  });

  it("rotates: set() changes what the next getKey() returns", () => {
    const provider = inMemoryKey("old-key");
    provider.set("new-key");
    expect(provider.getKey()).toBe("new-key");
  });

  it("accepts a custom name", () => {
    expect(inMemoryKey("k", { name: "rotating" }).name).toBe("rotating");
  });

  it("does not keep the key as a property", () => {
    const provider = inMemoryKey("hidden-key");
    const values = Object.getOwnPropertyNames(provider).map((k) => (provider as unknown as Record<string, unknown>)[k]);
    expect(values).not.toContain("hidden-key");
  });

  it("lets readKey reject an empty key set by rotation", async () => {
    const provider = inMemoryKey("valid");
    provider.set("");
    await expect(readKey(provider)).rejects.toThrow("API key provider memory: the key is empty");
  });
});
