/**
 * The name of a key's gateway object: a SHA-256 hash of the key, so that one key always reaches
 * the same object while the key itself is never a name, an id or a log field.
 */

/** Hashes by key, so that an isolate hashes its key once. */
const names = new Map<string, Promise<string>>();

/** Domain separation: the hash names a gateway object and is no general digest of the key. */
const PREFIX = "lambda-cloud-gateway:";

/**
 * The Durable Object name for `key`: 64 hex digits of SHA-256(`"lambda-cloud-gateway:" + key`).
 * @example namespace.get(namespace.idFromName(await gatewayObjectName(key)))
 */
export function gatewayObjectName(key: string): Promise<string> {
  let name = names.get(key);
  if (!name) {
    name = crypto.subtle
      .digest("SHA-256", new TextEncoder().encode(PREFIX + key))
      .then((digest) => [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join(""));
    // An isolate serves one key in practice; a rotation adds a second, so the map stays tiny.
    if (names.size >= 8) names.clear();
    names.set(key, name);
  }
  return name;
}
