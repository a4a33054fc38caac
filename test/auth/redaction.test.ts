import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { KeyProvider } from "../../src/auth/key-provider";
import { fromBinding } from "../../src/auth/providers/binding";
import { cachedKey } from "../../src/auth/providers/cached";
import { chainKeys } from "../../src/auth/providers/chain";
import { fromEnv } from "../../src/auth/providers/env";
import { inMemoryKey } from "../../src/auth/providers/in-memory";
import { fromSecretsStore } from "../../src/auth/providers/secrets-store";
import { readKey } from "../../src/auth/read-key";
import { toKeyProvider } from "../../src/auth/to-key-provider";

const sentinel = `lc-sentinel-${crypto.randomUUID()}`;

/** Every way a provider is commonly turned into text. */
function renderings(provider: KeyProvider): string[] {
  const logged: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args.map((a) => inspect(a)).join(" "));
  });
  console.log(provider);
  spy.mockRestore();
  return [
    JSON.stringify(provider),
    JSON.stringify({ nested: { provider } }),
    inspect(provider),
    inspect(provider, { showHidden: true, depth: Infinity, customInspect: false }),
    inspect({ client: { apiKey: provider } }, { depth: Infinity }),
    String(provider),
    `${provider}`,
    ...logged,
  ];
}

function expectNoSentinel(texts: readonly string[]) {
  for (const text of texts)
    expect(text.includes(sentinel), `the key leaked into: ${text.replaceAll(sentinel, "<KEY>")}`).toBe(false);
}

describe("redaction: a provider never shows its key", () => {
  beforeAll(() => {
    vi.stubEnv("LAMBDA_API_KEY_REDACTION", sentinel);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });
  const cases: Array<[string, () => Promise<KeyProvider>]> = [
    ["inMemoryKey", async () => inMemoryKey(sentinel)],
    [
      "inMemoryKey after set()",
      async () => {
        const p = inMemoryKey("old");
        p.set(sentinel);
        return p;
      },
    ],
    ["fromEnv", async () => fromEnv("LAMBDA_API_KEY_REDACTION")],
    ["fromBinding", async () => fromBinding({ LAMBDA_API_KEY: sentinel })],
    [
      "cachedKey (with the key cached)",
      async () => {
        const p = cachedKey(inMemoryKey(sentinel));
        await p.getKey();
        return p;
      },
    ],
    [
      "fromSecretsStore (with the key cached)",
      async () => {
        const p = fromSecretsStore({ get: async () => sentinel });
        await p.getKey();
        return p;
      },
    ],
    ["chainKeys", async () => chainKeys(fromBinding({}), inMemoryKey(sentinel))],
    ["toKeyProvider(string)", async () => toKeyProvider(sentinel)],
    ["toKeyProvider(function)", async () => toKeyProvider(() => sentinel)],
    [
      "toKeyProvider(unnamed provider)",
      async () => toKeyProvider({ getKey: () => sentinel } as unknown as KeyProvider),
    ],
  ];

  it.each(cases)(
    "%s: JSON.stringify, util.inspect, console.log and String show only the name",
    async (_label, make) => {
      const provider = await make();
      expect(await readKey(provider)).toBe(sentinel); // the provider does hold the key
      const texts = renderings(provider);
      expectNoSentinel(texts);
      expect(JSON.parse(JSON.stringify(provider))).toEqual({ name: provider.name });
      expect(inspect(provider)).toBe(`KeyProvider(${provider.name})`);
      expect(String(provider)).toBe(`KeyProvider(${provider.name})`);
    },
  );

  it("errors about bad keys carry no key in message, stack or inspect output", async () => {
    const bad = [`${sentinel}\n`, ` ${sentinel}`, `${sentinel}\u0000`, `\u201c${sentinel}\u201d`];
    for (const value of bad) {
      const error: Error = await readKey(inMemoryKey(value)).then(
        () => new Error("expected a rejection"),
        (e: unknown) => e as Error,
      );
      expect(error.name).toBe("KeyProviderError");
      expectNoSentinel([error.message, String(error.stack), inspect(error), JSON.stringify(error)]);
    }
  });

  it("a chain's error lists providers without any key", async () => {
    const error: Error = await Promise.resolve(
      chainKeys(inMemoryKey(`${sentinel}\r\n`), fromBinding({})).getKey(),
    ).then(
      () => new Error("expected a rejection"),
      (e: unknown) => e as Error,
    );
    expect(error.name).toBe("KeyProviderError");
    expectNoSentinel([error.message, String(error.stack), inspect(error, { depth: Infinity })]);
  });
});
