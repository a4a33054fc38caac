/**
 * API key checks as the real API does them: `Authorization: Bearer <key>`, HTTP Basic with
 * the key as username (`base64("<key>:")`), or the raw `Basic <key>` the spec also lists.
 */

import { ErrorCodes } from "../error-codes.js";
import { SimulatorApiError } from "./envelope.js";

/** The key a request presents, or `undefined` when it has none. */
export function presentedKey(authorization: string | null): string | undefined {
  if (!authorization) return undefined;
  const [scheme = "", ...rest] = authorization.trim().split(/\s+/);
  const credential = rest.join(" ");
  if (!credential) return undefined;
  if (scheme.toLowerCase() === "bearer") return credential;
  if (scheme.toLowerCase() !== "basic") return undefined;
  try {
    const decoded = atob(credential);
    if (decoded.includes(":")) return decoded.slice(0, decoded.indexOf(":"));
  } catch {
    // not base64: the raw form `Basic <key>`
  }
  return credential;
}

const SUGGESTION = "Send the key as `Authorization: Bearer <key>`; create keys at https://cloud.lambda.ai/api-keys.";

/** The accepted key of a request, or a 401 `global/invalid-api-key` with the API's wording. */
export function authenticate(authorization: string | null, apiKeys: ReadonlySet<string>): string {
  const key = presentedKey(authorization);
  if (key === undefined)
    throw new SimulatorApiError(401, ErrorCodes.invalidApiKey, "No API key was provided.", SUGGESTION);
  if (!apiKeys.has(key))
    throw new SimulatorApiError(401, ErrorCodes.invalidApiKey, "API key was invalid, expired, or deleted.", SUGGESTION);
  return key;
}
