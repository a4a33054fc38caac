import { untilAborted } from "../../internal/until-aborted.js";
import type { KeyProvider, KeyRequestContext } from "../key-provider.js";
import { readKey } from "../read-key.js";
import { redacted } from "./redacted.js";

/** Options of {@link cachedKey}. */
export interface CachedKeyOptions {
  /**
   * How long a key is reused after it was read, in milliseconds. `0` disables caching but
   * still shares one read between concurrent callers; `Infinity` keeps the key until
   * `invalidate()` is called.
   *
   * @default 60_000
   */
  readonly ttlMs?: number | undefined;
  /**
   * The provider's name, shown in errors.
   *
   * @default `cached(<inner provider's name>)`
   */
  readonly name?: string | undefined;
}

/** A provider that caches what another provider returns; `invalidate()` always exists. */
export interface CachedKeyProvider extends KeyProvider {
  /** Drops the cached key (and the inner provider's cache), so the next request reads it again. */
  invalidate(): void;
}

/**
 * Caches the key of any provider for `ttlMs`, with one shared read for concurrent callers.
 *
 * The inner provider's value is checked with {@link readKey}, so an unusable key or a failed
 * read is never cached: the next call tries again. `invalidate()` (called by the client after
 * a 401) drops the cache, and a read that was in flight when it was called is not stored.
 *
 * @example
 * // Read the key from a slow vault at most once a minute.
 * const apiKey = cachedKey({ name: "vault", getKey: () => vault.read("lambda") }, { ttlMs: 60_000 });
 */
export function cachedKey(provider: KeyProvider, options: CachedKeyOptions = {}): CachedKeyProvider {
  if (provider === null || typeof provider !== "object" || typeof provider.getKey !== "function") {
    throw new TypeError("cachedKey(provider) needs a KeyProvider: an object with a getKey() method.");
  }
  const ttlMs = options.ttlMs ?? 60_000;
  if (typeof ttlMs !== "number" || Number.isNaN(ttlMs) || ttlMs < 0) {
    throw new RangeError("cachedKey: ttlMs must be a number of milliseconds, 0 or more (Infinity is allowed).");
  }

  let cached: { readonly key: string; readonly expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  // Bumped by invalidate(), so that a read started earlier does not refill the cache.
  let generation = 0;

  const read = (): Promise<string> => {
    const startedIn = generation;
    const flight = readKey(provider).then(
      (key) => {
        if (startedIn === generation) {
          cached = { key, expiresAt: Date.now() + ttlMs };
          inFlight = undefined;
        }
        return key;
      },
      (error: unknown) => {
        if (startedIn === generation) inFlight = undefined;
        throw error;
      },
    );
    return flight;
  };

  return redacted<CachedKeyProvider>({
    name: options.name ?? `cached(${provider.name})`,
    getKey(context?: KeyRequestContext): string | Promise<string> {
      if (cached !== undefined && Date.now() < cached.expiresAt) return cached.key;
      cached = undefined;
      inFlight ??= read();
      return untilAborted(inFlight, context?.signal);
    },
    invalidate() {
      generation += 1;
      cached = undefined;
      inFlight = undefined;
      provider.invalidate?.();
    },
  });
}
