/**
 * The `DASHBOARD_TOKEN` authorizer: a request may read and write when it sends
 * `Authorization: Bearer <DASHBOARD_TOKEN>`. The proxy replaces that header with the Lambda
 * Cloud key before forwarding, so the token never reaches the API.
 */
import type { Authorizer } from "./authorizer.js";

/** Tokens shorter than this are refused as configuration: they could be guessed. */
export const MIN_TOKEN_LENGTH = 32;

/**
 * Builds an authorizer that accepts `Authorization: Bearer <expected>`, comparing in
 * constant time (SHA-256 digests of both sides, compared byte by byte without early exit),
 * so neither the content nor the length of the token leaks through timing.
 * @example
 * const authorize = tokenAuthorizer(env.DASHBOARD_TOKEN);
 * await authorize(request); // { id: "dashboard-token", writes: true } or false
 */
export function tokenAuthorizer(expected: string): Authorizer {
  const expectedDigest = digest(expected);
  return async (request) => {
    const presented = bearerToken(request);
    if (presented === undefined) return false;
    return equalDigests(await digest(presented), await expectedDigest)
      ? { id: "dashboard-token", writes: true }
      : false;
  };
}

/** The credentials of an `Authorization: Bearer …` header, if the request has one. */
function bearerToken(request: Request): string | undefined {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1];
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** Compares two SHA-256 digests (always 32 bytes) without returning early. */
function equalDigests(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < a.length; index += 1) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}
