import { afterEach, describe, expect, it, vi } from "vitest";
import type { KeyProvider } from "../../src/auth/key-provider";
import { inMemoryKey } from "../../src/auth/providers/in-memory";
import { readKey } from "../../src/auth/read-key";
import { toKeyProvider } from "../../src/auth/to-key-provider";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("toKeyProvider", () => {
  it('turns a string into an in-memory provider named "apiKey option"', async () => {
    const provider = toKeyProvider("string-key");
    expect(provider.name).toBe("apiKey option");
    await expect(readKey(provider)).resolves.toBe("string-key");
  });

  it('turns a function into a provider named "apiKey function", called at every getKey()', async () => {
    let n = 0;
    const provider = toKeyProvider(async () => `fn-key-${++n}`);
    expect(provider.name).toBe("apiKey function");
    await expect(readKey(provider)).resolves.toBe("fn-key-1");
    await expect(readKey(provider)).resolves.toBe("fn-key-2");
  });

  it("returns a named provider itself", () => {
    const provider = inMemoryKey("k");
    expect(toKeyProvider(provider)).toBe(provider);
  });

  it('wraps a provider without a name as "custom provider", keeping getKey (with its this) and invalidate', async () => {
    class Vault {
      key = "vault-key";
      invalidated = 0;
      getKey() {
        return this.key;
      }
      invalidate() {
        this.invalidated += 1;
      }
    }
    const vault = new Vault();
    const provider = toKeyProvider(vault as unknown as KeyProvider);
    expect(provider.name).toBe("custom provider");
    await expect(readKey(provider)).resolves.toBe("vault-key");
    provider.invalidate?.();
    expect(vault.invalidated).toBe(1);
  });

  it("reads LAMBDA_API_KEY from the environment when no source is given", async () => {
    vi.stubEnv("LAMBDA_API_KEY", "from-env");
    const provider = toKeyProvider();
    expect(provider.name).toBe("env:LAMBDA_API_KEY");
    await expect(readKey(provider)).resolves.toBe("from-env");
  });

  it.each([
    [null, "got null"],
    [42, "got a number"],
    [{ key: "oops-secret" }, "got an object without a getKey() method"],
    [["k"], "got an array"],
  ])("throws a TypeError for %j without echoing it", (value, expected) => {
    let error: unknown;
    try {
      toKeyProvider(value as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain("apiKey must be a string, a KeyProvider");
    expect((error as Error).message).toContain(expected);
    expect((error as Error).message).not.toContain("oops-secret");
  });
});
