export type { ApiKeySource, KeyProvider, KeyRequestContext } from "./key-provider.js";
export { readKey } from "./read-key.js";
export { toKeyProvider } from "./to-key-provider.js";
export { inMemoryKey, type InMemoryKeyOptions, type InMemoryKeyProvider } from "./providers/in-memory.js";
export { fromEnv } from "./providers/env.js";
export { fromBinding } from "./providers/binding.js";
export { cachedKey, type CachedKeyOptions, type CachedKeyProvider } from "./providers/cached.js";
export { fromSecretsStore, type SecretsStoreBinding, type SecretsStoreOptions } from "./providers/secrets-store.js";
export { chainKeys } from "./providers/chain.js";
