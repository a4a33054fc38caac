/** Feature tests about the runtime, without importing anything runtime-specific. */

/**
 * True in browsers (and DOM emulations such as happy-dom), where a User-Agent header must not
 * be set: their navigator identifies as "Mozilla/…", while Node, Deno, Bun and Workers do not.
 */
export function isBrowserLike(): boolean {
  const userAgent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  return typeof userAgent === "string" && userAgent.startsWith("Mozilla/");
}
