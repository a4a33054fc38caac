/**
 * Where the client gets its API key. The auth hook asks for the key on every request, so a
 * rotated key is picked up without building a new client.
 */
export interface KeyProvider {
  /** Shown in errors so that you can tell which source failed, e.g. `"env:LAMBDA_API_KEY"`. Never the key. */
  readonly name: string;
  /** Returns the key. Throwing (or returning an unusable value) stops the request before it is sent. */
  getKey(context?: KeyRequestContext): string | Promise<string>;
  /** Drops any cached value. The client calls it after a 401, then asks for the key once more. */
  invalidate?(): void;
}

/** What a provider is told when a key is requested. */
export interface KeyRequestContext {
  /** Aborts when the request that needs the key is aborted. */
  readonly signal?: AbortSignal | undefined;
}

/** Everything the `apiKey` option accepts: a key, a provider, or a function returning a key. */
export type ApiKeySource = string | KeyProvider | (() => string | Promise<string>);
