export type { ApiKeySource, KeyProvider, KeyRequestContext } from "./key-provider";
export { readKey } from "./read-key";
export { toKeyProvider } from "./to-key-provider";
export { inMemoryKey, type InMemoryKeyOptions, type InMemoryKeyProvider } from "./providers/in-memory";
export { fromEnv } from "./providers/env";
export { fromBinding } from "./providers/binding";
export { cachedKey, type CachedKeyOptions, type CachedKeyProvider } from "./providers/cached";
export { fromSecretsStore, type SecretsStoreBinding, type SecretsStoreOptions } from "./providers/secrets-store";
export { chainKeys } from "./providers/chain";
