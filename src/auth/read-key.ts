import { KeyProviderError } from "../errors.js";
import type { KeyProvider, KeyRequestContext } from "./key-provider.js";

/**
 * Asks a provider for its key and checks that the value can be sent, throwing a
 * {@link KeyProviderError} (which never contains the value) when it cannot.
 *
 * A provider that throws is wrapped in a `KeyProviderError` naming the provider, with the
 * original error as `cause` (a `KeyProviderError` is passed through as is). If the request's
 * `signal` is aborted while the key is being fetched, the abort reason is rethrown unchanged.
 * A usable key is a non-empty string of printable ASCII with no leading or trailing
 * whitespace, no line breaks and no control characters.
 *
 * @example
 * const key = await readKey(fromEnv(), { signal });
 * headers.set("authorization", `Bearer ${key}`);
 */
export async function readKey(provider: KeyProvider, context?: KeyRequestContext): Promise<string> {
  const providerName = nameOf(provider);
  let value: unknown;
  try {
    value = await provider.getKey(context);
  } catch (error) {
    if (error instanceof KeyProviderError) throw error;
    const signal = context?.signal;
    if (signal?.aborted && error === signal.reason) throw error;
    throw new KeyProviderError(providerName, `getKey() failed: ${describeError(error)}`, { cause: error });
  }
  const problem = keyProblem(value);
  if (problem !== undefined) throw new KeyProviderError(providerName, problem);
  return value as string;
}

/** Says what makes a value unusable as an API key, without quoting it; `undefined` when it is usable. */
function keyProblem(value: unknown): string | undefined {
  if (typeof value !== "string") {
    const kind = value === null ? "null" : typeof value;
    return `getKey() returned ${kind} instead of a string key. Return the key as a string.`;
  }
  if (value.length === 0) {
    return "the key is empty. Set the key (it may be unset or blank where it is stored).";
  }
  if (value.trim().length === 0) {
    return "the key is only whitespace. Set the real key where it is stored.";
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const control = /[\u0000-\u001f\u007f]/.exec(value);
  if (control) {
    const code = control[0].charCodeAt(0);
    const what = code === 0x0a || code === 0x0d ? "a line break" : "a control character";
    return (
      `the key contains ${what} (U+${code.toString(16).toUpperCase().padStart(4, "0")}). ` +
      "A trailing newline is often copied along with a key from a file or a terminal; remove it."
    );
  }
  if (value.trim() !== value) {
    return "the key starts or ends with whitespace. Remove the surrounding spaces where the key is stored.";
  }
  if (/[^\u0020-\u007e]/.test(value)) {
    return (
      "the key contains a non-ASCII character (often a typographic quote or a non-breaking space " +
      "pasted along with it). API keys are plain ASCII; copy the key again."
    );
  }
  return undefined;
}

function nameOf(provider: KeyProvider): string {
  const name: unknown = provider?.name;
  return typeof name === "string" && name !== "" ? name : "unnamed provider";
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return `threw a non-Error value (${error === null ? "null" : typeof error})`;
}
