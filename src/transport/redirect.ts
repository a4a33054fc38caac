/**
 * Redirects, which the client never follows (the transport sends with `redirect: "manual"`):
 * the Lambda Cloud API never redirects, so following one would trust another host's data as
 * the API's, and a 307 would replay a launch body there.
 */
import { DEFAULT_BASE_URL } from "../base-url.js";
import { RedirectError } from "../errors.js";

/** A 3xx, or the `opaqueredirect` answer browsers give for one under `redirect: "manual"`. */
export function isRedirect(response: Response): boolean {
  return isOpaqueRedirect(response) || (response.status >= 300 && response.status < 400);
}

/** Browsers' answer to a redirect under `redirect: "manual"` (a type that Workers' typings do not list). */
function isOpaqueRedirect(response: Response): boolean {
  return (response.type as string) === "opaqueredirect";
}

/** The error for a redirect answer: its target's origin only, and its headers without `location`. */
export function redirectError(response: Response, operationId: string): RedirectError {
  const location = locationOrigin(response);
  const headers = new Headers(response.headers);
  headers.delete("location"); // its path and query may hold tokens; the origin is in error.location
  const status = isOpaqueRedirect(response) ? "a redirect" : `${response.status}, a redirect`;
  return new RedirectError({
    status: response.status,
    code: `http/${response.status}`,
    message:
      `${operationId}: the server at baseUrl answered ${status}${location ? ` to ${location}` : ""}. ` +
      "The Lambda Cloud API never redirects, so the client did not follow it and sent nothing there. " +
      `Check the baseUrl option: it must point at the API (${DEFAULT_BASE_URL}) or at a proxy or simulator that answers itself.`,
    headers,
    location,
  });
}

/** The origin of the `Location` header (no path, query or credentials), resolved against the response URL. */
function locationOrigin(response: Response): string | undefined {
  const location = response.headers.get("location");
  if (!location) return undefined;
  if (!URL.canParse(location, response.url || undefined))
    return URL.canParse(location, "http://x") ? "a path on the same server" : undefined;
  return new URL(location, response.url || undefined).origin;
}
