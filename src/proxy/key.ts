/**
 * Reading the proxy's API key for one request, turning any failure into a 503 that names the
 * provider and never the value.
 */
import type { KeyProvider } from "../auth/key-provider.js";
import { readKey } from "../auth/read-key.js";
import { KeyProviderError } from "../errors.js";
import { ProxyRejection } from "./errors.js";

/** The key and the provider it came from (to invalidate it when the upstream answers 401). */
export interface ProxyKey {
  readonly key: string;
  readonly provider: KeyProvider;
}

/**
 * Asks the provider for the key through `readKey`, so an unusable key is refused.
 * @throws {ProxyRejection} 503 `proxy/key-unavailable`.
 */
export async function readProxyKey(
  providerFor: (env: unknown) => KeyProvider,
  env: unknown,
  signal: AbortSignal,
): Promise<ProxyKey> {
  let provider: KeyProvider;
  try {
    provider = providerFor(env);
  } catch (error) {
    throw unavailable("the apiKey function", `apiKey function threw ${(error as Error)?.name ?? typeof error}`);
  }
  try {
    return { key: await readKey(provider, { signal }), provider };
  } catch (error) {
    if (!(error instanceof KeyProviderError)) throw unavailable("its key provider", "reading the key was aborted");
    throw unavailable(error.provider, detailOf(error));
  }
}

/**
 * The log's account of a provider failure. A message of the library's own is kept; one that
 * wraps another error may quote text the proxy cannot vouch for, so only the cause's kind is kept.
 */
function detailOf(error: KeyProviderError): string {
  if (error.cause === undefined) return error.message;
  const cause = error.cause instanceof Error ? error.cause.name : typeof error.cause;
  return `API key provider ${error.provider}: reading the key failed (${cause})`;
}

function unavailable(providerName: string, detail: string): ProxyRejection {
  return new ProxyRejection(
    503,
    "proxy/key-unavailable",
    `The proxy could not read its Lambda Cloud API key (from ${providerName}).`,
    "The proxy's operator must set the API key where the proxy reads it; see the proxy's log for the reason.",
    { detail },
  );
}
