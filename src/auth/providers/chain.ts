import { KeyProviderError } from "../../errors.js";
import type { KeyProvider, KeyRequestContext } from "../key-provider.js";
import { readKey } from "../read-key.js";
import { redacted } from "./redacted.js";

/**
 * Tries providers in order and uses the first usable key, so one build of the code can run
 * where the key lives in different places.
 *
 * Each provider's key is checked with {@link readKey}; a provider that throws or returns an
 * unusable key is skipped. When none yields a key, the {@link KeyProviderError} lists every
 * provider's name and why it failed, never a value. `invalidate()` reaches every provider.
 *
 * @example
 * // The Worker's secret when deployed, the environment in Node tests.
 * const apiKey = chainKeys(fromBinding(env), fromEnv());
 */
export function chainKeys(...providers: KeyProvider[]): KeyProvider & { invalidate(): void } {
  if (providers.length === 0) throw new TypeError("chainKeys() needs at least one provider.");
  providers.forEach((provider, index) => {
    if (provider === null || typeof provider !== "object" || typeof provider.getKey !== "function") {
      throw new TypeError(`chainKeys(): argument ${index + 1} is not a KeyProvider (an object with getKey()).`);
    }
  });
  const list = [...providers];
  const name = `chain(${list.map((provider) => provider.name).join(", ")})`;

  return redacted<KeyProvider & { invalidate(): void }>({
    name,
    async getKey(context?: KeyRequestContext) {
      const failures: KeyProviderError[] = [];
      for (const provider of list) {
        try {
          return await readKey(provider, context);
        } catch (error) {
          // Only an aborted request stops the chain early; readKey throws nothing else.
          if (!(error instanceof KeyProviderError)) throw error;
          failures.push(error);
        }
      }
      const reasons = failures.map((failure, index) => `  - ${describeFailure(list[index]?.name ?? "", failure)}`);
      throw new KeyProviderError(name, `no provider supplied a usable key:\n${reasons.join("\n")}`, {
        cause: new AggregateError(failures, "every provider in the chain failed"),
      });
    },
    invalidate() {
      for (const provider of list) provider.invalidate?.();
    },
  });
}

/** "name: reason", without repeating the "API key provider <name>: " prefix of the error's message. */
function describeFailure(providerName: string, error: KeyProviderError): string {
  const prefix = `API key provider ${error.provider}: `;
  const reason = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  // A wrapper (such as cachedKey) may report a failure of the provider it wraps.
  const source = error.provider === providerName ? "" : ` (from ${error.provider})`;
  return `${providerName}${source}: ${reason}`;
}
