import { describe, expect, it, vi } from "vitest";
import type { KeyProvider } from "../../src/auth/key-provider";
import { fromBinding } from "../../src/auth/providers/binding";
import { cachedKey } from "../../src/auth/providers/cached";
import { chainKeys } from "../../src/auth/providers/chain";
import { fromEnv } from "../../src/auth/providers/env";
import { inMemoryKey } from "../../src/auth/providers/in-memory";
import { KeyProviderError } from "../../src/errors";

async function failure(provider: KeyProvider): Promise<KeyProviderError> {
  const error = await Promise.resolve()
    .then(() => provider.getKey())
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(KeyProviderError);
  return error as KeyProviderError;
}

describe("chainKeys", () => {
  it("is named chain(a, b, ...)", () => {
    expect(chainKeys(fromBinding({}), fromEnv()).name).toBe("chain(binding:LAMBDA_API_KEY, env:LAMBDA_API_KEY)");
  });

  it("returns the first usable key and does not ask later providers", async () => {
    const later = { name: "later", getKey: vi.fn(() => "later-key") };
    const chain = chainKeys(inMemoryKey("first-key"), later);
    expect(await chain.getKey()).toBe("first-key");
    expect(later.getKey).not.toHaveBeenCalled();
  });

  it("skips providers that throw or return unusable keys", async () => {
    const chain = chainKeys(
      fromBinding({}),
      inMemoryKey("", { name: "blank" }),
      { name: "broken", getKey: () => Promise.reject(new Error("offline")) },
      inMemoryKey("fallback-key", { name: "fallback" }),
    );
    expect(await chain.getKey()).toBe("fallback-key");
  });

  it("lists every provider's name and why it failed, without values", async () => {
    const secret = crypto.randomUUID();
    const chain = chainKeys(fromBinding({}), inMemoryKey(`${secret}\n`, { name: "memory" }), {
      name: "vault",
      getKey: () => {
        throw new Error("connection refused");
      },
    });
    const error = await failure(chain);
    expect(error.provider).toBe("chain(binding:LAMBDA_API_KEY, memory, vault)");
    expect(error.message).toBe(
      "API key provider chain(binding:LAMBDA_API_KEY, memory, vault): no provider supplied a usable key:\n" +
        "  - binding:LAMBDA_API_KEY: the Worker has no binding named LAMBDA_API_KEY. Set it with `wrangler secret put LAMBDA_API_KEY` (deployed Worker) or a LAMBDA_API_KEY=<your key> line in .dev.vars (local development).\n" +
        "  - memory: the key contains a line break (U+000A). A trailing newline is often copied along with a key from a file or a terminal; remove it.\n" +
        "  - vault: getKey() failed: Error: connection refused",
    );
    expect(error.message.includes(secret)).toBe(false);
    expect(String(error.stack).includes(secret)).toBe(false);
    expect(error.cause).toBeInstanceOf(AggregateError);
    expect((error.cause as AggregateError).errors).toHaveLength(3);
  });

  it("says which inner provider of a wrapper failed", async () => {
    const chain = chainKeys(cachedKey({ name: "vault", getKey: () => "" }));
    const error = await failure(chain);
    expect(error.message).toContain("  - cached(vault) (from vault): the key is empty");
  });

  it("invalidate() calls every inner invalidate()", () => {
    const a = { name: "a", getKey: () => "a", invalidate: vi.fn() };
    const b = { name: "b", getKey: () => "b" };
    const c = { name: "c", getKey: () => "c", invalidate: vi.fn() };
    chainKeys(a, b, c).invalidate();
    expect(a.invalidate).toHaveBeenCalledTimes(1);
    expect(c.invalidate).toHaveBeenCalledTimes(1);
  });

  it("stops at an aborted request instead of trying the next provider", async () => {
    const controller = new AbortController();
    const reason = new Error("aborted");
    const next = { name: "next", getKey: vi.fn(() => "next-key") };
    const chain = chainKeys(
      {
        name: "waits",
        getKey: () => {
          controller.abort(reason);
          throw reason;
        },
      },
      next,
    );
    await expect(chain.getKey({ signal: controller.signal })).rejects.toBe(reason);
    expect(next.getKey).not.toHaveBeenCalled();
  });

  it("needs at least one provider, and only providers", () => {
    expect(() => chainKeys()).toThrow("at least one provider");
    expect(() => chainKeys(inMemoryKey("k"), "key" as never)).toThrow("argument 2 is not a KeyProvider");
  });
});
