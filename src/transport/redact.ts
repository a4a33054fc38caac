/**
 * Removes an API key from anything that may reach an error: server text that echoes
 * request headers, response headers, or a parsed body.
 */

/** What replaces a secret. */
export const REDACTED = "[redacted]";

/** The forms in which a key can come back: as is, base64 for HTTP Basic, JSON-escaped and URL-encoded. */
export function secretForms(key: string): string[] {
  return [...new Set([key, encodeBasicCredentials(key), JSON.stringify(key).slice(1, -1), encodeURIComponent(key)])];
}

/** `base64("<key>:")`, the HTTP Basic credentials for a key with an empty password. */
export function encodeBasicCredentials(key: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(`${key}:`)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Replaces every occurrence of each secret in a string. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret && result.includes(secret)) result = result.replaceAll(secret, REDACTED);
  return result;
}

/** Copies headers with every secret removed from their values; a header whose name holds a secret is dropped. */
export function redactHeaders(headers: Headers, secrets: readonly string[]): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    if (redactText(name, secrets) === name) copy.append(name, redactText(value, secrets));
  });
  return copy;
}

/** Deep-copies a JSON-like value with every secret removed from its strings (keys included); headers are copied by {@link redactHeaders}. */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value instanceof Headers) return redactHeaders(value, secrets);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redactText(key, secrets), redactValue(item, secrets)]),
    );
  }
  return value;
}
