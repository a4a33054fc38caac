import type { KeyProvider } from "../key-provider.js";
import { redacted } from "./redacted.js";

/** A key held in memory that can be replaced while the client is in use. */
export interface InMemoryKeyProvider extends KeyProvider {
  /**
   * Replaces the key; the next request uses the new one.
   *
   * @example
   * provider.set(rotatedKey);
   */
  set(key: string): void;
}

/** Options of {@link inMemoryKey}. */
export interface InMemoryKeyOptions {
  /**
   * The provider's name, shown in errors.
   *
   * @default "memory"
   */
  readonly name?: string | undefined;
}

/**
 * Holds an API key in memory; call `.set()` to rotate it without rebuilding the client.
 *
 * The key lives in a closure: it is not a property of the provider, so it does not show up
 * in `JSON.stringify`, `console.log` or `util.inspect`.
 *
 * @example
 * const key = inMemoryKey(await loadKeyFromVault());
 * const client = new LambdaCloudClient({ apiKey: key });
 * // later, after rotating the key in the vault:
 * key.set(await loadKeyFromVault());
 */
export function inMemoryKey(key: string, options: InMemoryKeyOptions = {}): InMemoryKeyProvider {
  let current = key;
  return redacted<InMemoryKeyProvider>({
    name: options.name ?? "memory",
    getKey: () => current,
    set(next: string) {
      current = next;
    },
  });
}
