import { KeyProviderError } from "../../errors.js";
import type { KeyProvider } from "../key-provider.js";
import { type CachedKeyProvider, cachedKey } from "./cached.js";

/** The part of a Cloudflare Secrets Store binding that is used: `get()` resolves to the secret. */
export interface SecretsStoreBinding {
  /** Resolves to the secret's value. */
  get(): Promise<string>;
}

/** Options of {@link fromSecretsStore}. */
export interface SecretsStoreOptions {
  /**
   * How long a value read from the store is reused, in milliseconds. After a key is rotated
   * in the store, requests pick it up within this time (or at once after a 401).
   *
   * @default 60_000
   */
  readonly ttlMs?: number | undefined;
  /**
   * The provider's name, shown in errors.
   *
   * @default "secrets-store"
   */
  readonly name?: string | undefined;
}

/**
 * Reads the API key from a Cloudflare Secrets Store binding, caching it for `ttlMs` and
 * sharing one `get()` between concurrent requests; `invalidate()` forces a fresh read.
 *
 * A failed `get()` is not cached. Configure the binding under `[[secrets_store_secrets]]`
 * in your wrangler config.
 *
 * @example
 * // wrangler.toml:
 * // [[secrets_store_secrets]]
 * // binding = "LAMBDA_API_KEY"
 * // store_id = "<store id>"
 * // secret_name = "lambda-api-key"
 * const client = new LambdaCloudClient({ apiKey: fromSecretsStore(env.LAMBDA_API_KEY) });
 */
export function fromSecretsStore(binding: SecretsStoreBinding, options: SecretsStoreOptions = {}): CachedKeyProvider {
  if (binding === null || typeof binding !== "object" || typeof binding.get !== "function") {
    throw new TypeError(
      "fromSecretsStore(binding) needs a Secrets Store binding (an object with get()), " +
        "such as env.LAMBDA_API_KEY declared under [[secrets_store_secrets]] in the wrangler config. " +
        "For a plain secret (wrangler secret put), use fromBinding(env) instead.",
    );
  }
  const name = options.name ?? "secrets-store";
  const store: KeyProvider = {
    name,
    async getKey() {
      try {
        return await binding.get();
      } catch (error) {
        throw new KeyProviderError(
          name,
          `the Secrets Store binding's get() failed (${error instanceof Error ? error.message : String(error)}). ` +
            "Check that the secret exists in the store (wrangler secrets-store secret list <store id>) and that " +
            "store_id and secret_name in [[secrets_store_secrets]] match it.",
          { cause: error },
        );
      }
    },
  };
  return cachedKey(store, { ttlMs: options.ttlMs, name });
}
