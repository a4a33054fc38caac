/**
 * Header hygiene in both directions: only allowlisted headers cross the proxy, the key is
 * added on the way out and removed from anything that comes back.
 */
import { redactText } from "../transport/redact.js";

/**
 * The only browser header sent upstream. Authorization, cookies, `cf-*`, `x-forwarded-*`, `forwarded` and `origin`
 * never are; a body's Content-Type is the proxy's own, since it forwards only JSON objects (`json-body.ts`).
 */
const FORWARDED_REQUEST_HEADER = "accept";

/** The only upstream headers passed back. `set-cookie`, `location`, caching and encoding headers never are. */
const PASSED_RESPONSE_HEADERS = [
  "content-type",
  "retry-after",
  "x-request-id",
  "ratelimit",
  "ratelimit-policy",
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
] as const;

/** The header carrying the proxy's own request id, also found in its logs and error bodies. */
export const REQUEST_ID_HEADER = "x-proxy-request-id";

/** The headers of the upstream request: the browser's Accept (JSON without one), JSON for a body, and the key as a Bearer token. */
export function upstreamRequestHeaders(key: string, hasBody: boolean, browser?: Headers): Headers {
  const headers = new Headers({ accept: browser?.get(FORWARDED_REQUEST_HEADER) ?? "application/json" });
  if (hasBody) headers.set("content-type", "application/json");
  headers.set("authorization", `Bearer ${key}`);
  return headers;
}

const PASSED = new Set<string>(PASSED_RESPONSE_HEADERS);

/** The allowlisted upstream response headers (and `extra` ones), with every form of the key removed from their values. */
export function passedResponseHeaders(
  upstream: Headers,
  secrets: readonly string[],
  extra: readonly string[] = [],
): Headers {
  const headers = new Headers();
  // One pass over the upstream's few headers: in workerd each `get` is a call into the runtime.
  upstream.forEach((value, name) => {
    if (PASSED.has(name) || extra.includes(name)) headers.set(name, redactText(value, secrets));
  });
  return headers;
}

/**
 * Adds what every answer of the proxy carries: no caching, no sniffing, a policy that lets no
 * answer run as a page on the proxy's origin (the dashboard's, often), and the request id.
 */
export function addProxyHeaders(headers: Headers, requestId: string): void {
  headers.set("cache-control", "no-store");
  headers.set("x-content-type-options", "nosniff");
  headers.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
  headers.set(REQUEST_ID_HEADER, requestId);
}
