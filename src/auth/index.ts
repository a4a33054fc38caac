export type { ApiKeySource, KeyProvider, KeyRequestContext } from "./key-provider.js";
export { fromBinding } from "./providers/binding.js";
export { type CachedKeyOptions, type CachedKeyProvider, cachedKey } from "./providers/cached.js";
export { chainKeys } from "./providers/chain.js";
export { fromEnv } from "./providers/env.js";
export { type InMemoryKeyOptions, type InMemoryKeyProvider, inMemoryKey } from "./providers/in-memory.js";
export { fromSecretsStore, type SecretsStoreBinding, type SecretsStoreOptions } from "./providers/secrets-store.js";
export { readKey } from "./read-key.js";
export { toKeyProvider } from "./to-key-provider.js";
