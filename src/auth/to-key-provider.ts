import type { ApiKeySource, KeyProvider, KeyRequestContext } from "./key-provider.js";
import { fromEnv } from "./providers/env.js";
import { inMemoryKey } from "./providers/in-memory.js";
import { redacted } from "./providers/redacted.js";

/**
 * Turns anything the `apiKey` option accepts into a {@link KeyProvider}: a string, a
 * function returning a key, a provider, or nothing (then the `LAMBDA_API_KEY` environment
 * variable is read through {@link fromEnv}).
 *
 * A provider with a non-empty `name` is returned as is; one without a name is wrapped and
 * named `"custom provider"`. Anything else throws a `TypeError` that does not echo the value.
 *
 * @default source `fromEnv("LAMBDA_API_KEY")`
 * @example
 * toKeyProvider("secret").name;                  // "apiKey option"
 * toKeyProvider(() => vault.read("lambda")).name; // "apiKey function"
 * toKeyProvider().name;                          // "env:LAMBDA_API_KEY"
 */
export function toKeyProvider(source?: ApiKeySource): KeyProvider {
  if (source === undefined) return fromEnv();
  if (typeof source === "string") return inMemoryKey(source, { name: "apiKey option" });
  if (typeof source === "function") {
    const getKey = source;
    return redacted<KeyProvider>({ name: "apiKey function", getKey: () => getKey() });
  }
  if (source !== null && typeof source === "object" && typeof (source as Partial<KeyProvider>).getKey === "function") {
    const provider = source as KeyProvider;
    if (typeof provider.name === "string" && provider.name !== "") return provider;
    return redacted<KeyProvider>({
      name: "custom provider",
      getKey: (context?: KeyRequestContext) => provider.getKey(context),
      invalidate: () => provider.invalidate?.(),
    });
  }
  throw new TypeError(
    `apiKey must be a string, a KeyProvider (an object with getKey()), or a function returning the key; got ${describeKind(source)}. ` +
      "Leave it out to read the LAMBDA_API_KEY environment variable.",
  );
}

function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object without a getKey() method";
  return `a ${typeof value}`;
}
