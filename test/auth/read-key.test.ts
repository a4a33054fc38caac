import { describe, expect, it } from "vitest";
import type { KeyProvider } from "../../src/auth/key-provider";
import { readKey } from "../../src/auth/read-key";
import { KeyProviderError, LambdaCloudError } from "../../src/errors";

const provider = (getKey: KeyProvider["getKey"], name = "test-provider"): KeyProvider => ({ name, getKey });

/** Runs readKey expecting a KeyProviderError; returns it after checking it does not contain `secret`. */
async function rejection(p: KeyProvider, secret?: string): Promise<KeyProviderError> {
  const error = await readKey(p).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeyProviderError);
  const e = error as KeyProviderError;
  if (secret !== undefined) {
    expect(e.message.includes(secret), "the value appeared in the message").toBe(false);
    expect(String(e.stack).includes(secret), "the value appeared in the stack").toBe(false);
  }
  return e;
}

describe("readKey", () => {
  it("returns a usable key from a sync or async provider", async () => {
    await expect(readKey(provider(() => "abc_123-XYZ"))).resolves.toBe("abc_123-XYZ");
    await expect(readKey(provider(async () => "secret_live_1"))).resolves.toBe("secret_live_1");
  });

  it("passes the request context to the provider", async () => {
    const signal = new AbortController().signal;
    let seen: unknown;
    const recording = provider((context) => {
      seen = context?.signal;
      return "k";
    });
    await readKey(recording, { signal });
    expect(seen).toBe(signal);
  });

  it("rejects an empty key", async () => {
    const e = await rejection(provider(() => ""));
    expect(e.message).toBe(
      "API key provider test-provider: the key is empty. Set the key (it may be unset or blank where it is stored).",
    );
    expect(e.provider).toBe("test-provider");
  });

  it.each([
    ["spaces only", "    "],
    ["tabs and spaces", " \t "],
  ])("rejects a whitespace-only key (%s)", async (_label, value) => {
    // Tabs are control characters too; whitespace-only is reported first.
    const e = await rejection(provider(() => value));
    expect(e.message).toContain("only whitespace");
  });

  it.each([
    ["trailing newline", (k: string) => `${k}\n`, "a line break (U+000A)"],
    ["CRLF", (k: string) => `${k}\r\n`, "a line break (U+000D)"],
    ["newline inside", (k: string) => `${k.slice(0, 10)}\n${k.slice(10)}`, "a line break (U+000A)"],
    ["NUL", (k: string) => `${k}\u0000`, "a control character (U+0000)"],
    ["escape", (k: string) => `\u001b${k}`, "a control character (U+001B)"],
    ["DEL", (k: string) => `${k}\u007f`, "a control character (U+007F)"],
    ["tab", (k: string) => `${k}\tmore`, "a control character (U+0009)"],
  ])("rejects a key with a %s, without echoing it", async (_label, make, expected) => {
    const secret = crypto.randomUUID();
    const e = await rejection(
      provider(() => make(secret)),
      secret,
    );
    expect(e.message).toContain(expected);
  });

  it.each([
    ["leading space", (k: string) => ` ${k}`],
    ["trailing space", (k: string) => `${k} `],
    ["trailing no-break space", (k: string) => `${k}\u00a0`],
  ])("rejects a key with a %s, without echoing it", async (_label, make) => {
    const secret = crypto.randomUUID();
    const e = await rejection(
      provider(() => make(secret)),
      secret,
    );
    expect(e.message).toContain("starts or ends with whitespace");
  });

  it("rejects a key with non-ASCII characters (a pasted typographic quote)", async () => {
    const secret = crypto.randomUUID();
    const e = await rejection(
      provider(() => `\u201c${secret}\u201d`),
      secret,
    );
    expect(e.message).toContain("non-ASCII");
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["number", 12345],
    ["object", { key: "abc" }],
  ])("rejects a value that is not a string (%s), naming only its type", async (label, value) => {
    const e = await rejection(provider(() => value as unknown as string));
    expect(e.message).toContain(`getKey() returned ${label === "null" ? "null" : typeof value} instead of a string`);
    expect(e.message).not.toContain("abc");
    expect(e.message).not.toContain("12345");
  });

  it("wraps a throwing provider in a KeyProviderError with its name and the cause", async () => {
    const cause = new Error("vault unreachable");
    const e = await rejection(
      provider(() => {
        throw cause;
      }, "vault"),
    );
    expect(e).toBeInstanceOf(LambdaCloudError);
    expect(e.provider).toBe("vault");
    expect(e.cause).toBe(cause);
    expect(e.message).toBe("API key provider vault: getKey() failed: Error: vault unreachable");
  });

  it("wraps a rejected promise and a thrown non-Error", async () => {
    const rejected = await rejection(provider(() => Promise.reject(new TypeError("boom")), "async"));
    expect(rejected.message).toContain("getKey() failed: TypeError: boom");
    const thrownString = await rejection(
      provider(() => {
        throw "a string";
      }),
    );
    expect(thrownString.cause).toBe("a string");
    expect(thrownString.message).toContain("threw a non-Error value (string)");
  });

  it("passes a KeyProviderError through unchanged", async () => {
    const original = new KeyProviderError("inner", "not configured");
    const e = await rejection(
      provider(() => {
        throw original;
      }, "outer"),
    );
    expect(e).toBe(original);
  });

  it("rethrows the abort reason when the request's signal aborted", async () => {
    const controller = new AbortController();
    const reason = new DOMException("request aborted", "AbortError");
    const pending = readKey(
      provider(
        (context) =>
          new Promise<string>((_resolve, reject) => {
            context?.signal?.addEventListener("abort", () => reject(context.signal?.reason));
          }),
      ),
      { signal: controller.signal },
    );
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("uses a placeholder when the provider has no name", async () => {
    const e = await rejection({ getKey: () => "" } as unknown as KeyProvider);
    expect(e.provider).toBe("unnamed provider");
  });
});
