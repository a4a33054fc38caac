// The proxy's response-header allowlist, held against every header an upstream could send:
// the registered HTTP response headers, the sensitive and hop-by-hop ones, vendor x-* headers
// and random names. Exactly the allowlisted ones come back (with the proxy's own added); a
// header added to the allowlist by mistake, or a denylist in its place, fails here.
import { describe, expect, it } from "vitest";
import { proxyUnderTest } from "./helpers.js";

/** What the proxy passes back from the upstream: the only names this test expects to survive. */
const ALLOWLIST = [
  "content-type",
  "retry-after",
  "x-request-id",
  "ratelimit",
  "ratelimit-policy",
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
];

/** What the proxy adds to every answer of its own. */
const PROXY_HEADERS = ["cache-control", "x-content-type-options", "content-security-policy", "x-proxy-request-id"];

/** Response headers an upstream can send that must never reach the browser. */
const DROPPED = [
  // credentials, sessions and authentication challenges
  "www-authenticate",
  "proxy-authenticate",
  "authentication-info",
  "proxy-authentication-info",
  "set-cookie",
  "set-cookie2",
  "authorization",
  "proxy-authorization",
  "cookie",
  "x-api-key",
  "x-auth-token",
  "x-amz-security-token",
  "x-csrf-token",
  // navigation, refresh and links
  "location",
  "content-location",
  "refresh",
  "link",
  "sourcemap",
  "x-sourcemap",
  "origin",
  "referer",
  "referrer-policy",
  // caching and validators (the proxy's own no-store replaces them)
  "age",
  "expires",
  "etag",
  "last-modified",
  "pragma",
  "vary",
  "surrogate-control",
  "surrogate-key",
  "cdn-cache-control",
  "cloudflare-cdn-cache-control",
  "clear-site-data",
  "warning",
  // body framing and encoding, which the runtime recomputes
  "content-encoding",
  "content-length",
  "content-range",
  "content-language",
  "content-disposition",
  "content-md5",
  "content-digest",
  "repr-digest",
  "digest",
  "accept-ranges",
  "transfer-encoding",
  "trailer",
  "te",
  // hop-by-hop
  "connection",
  "keep-alive",
  "upgrade",
  "proxy-connection",
  "alt-svc",
  "alt-used",
  // CORS and browser security policy, which only the proxy decides
  "access-control-allow-origin",
  "access-control-allow-credentials",
  "access-control-allow-headers",
  "access-control-allow-methods",
  "access-control-expose-headers",
  "access-control-max-age",
  "access-control-allow-private-network",
  "timing-allow-origin",
  "content-security-policy-report-only",
  "cross-origin-resource-policy",
  "cross-origin-opener-policy",
  "cross-origin-embedder-policy",
  "permissions-policy",
  "feature-policy",
  "strict-transport-security",
  "public-key-pins",
  "expect-ct",
  "x-frame-options",
  "x-xss-protection",
  "x-permitted-cross-domain-policies",
  "x-dns-prefetch-control",
  "x-download-options",
  "origin-agent-cluster",
  "nel",
  "report-to",
  "reporting-endpoints",
  "accept-ch",
  "critical-ch",
  "supports-loading-mode",
  "service-worker-allowed",
  "speculation-rules",
  "no-vary-search",
  // about the upstream's software and path
  "server",
  "server-timing",
  "x-powered-by",
  "x-aspnet-version",
  "x-aspnetmvc-version",
  "x-runtime",
  "x-version",
  "via",
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
  "x-backend-server",
  "x-served-by",
  "x-cache",
  "x-cache-hits",
  "x-timer",
  "x-envoy-upstream-service-time",
  "x-amz-cf-id",
  "x-amz-cf-pop",
  "x-amz-request-id",
  "x-amz-id-2",
  "x-amzn-requestid",
  "x-amzn-trace-id",
  "x-cloud-trace-context",
  "traceparent",
  "tracestate",
  "x-b3-traceid",
  "cf-ray",
  "cf-cache-status",
  "cf-connecting-ip",
  "x-github-request-id",
  "x-debug",
  "x-debug-token",
  "x-debug-token-link",
  // methods and negotiation
  "allow",
  "accept",
  "accept-patch",
  "accept-post",
  "accept-encoding",
  "accept-language",
  "date",
  "expect",
  "host",
  "x-http-method-override",
  "x-content-type-options-upstream",
  "x-request-id-upstream",
  "ratelimit-remaining",
  "x-ratelimit-used",
  "x-ratelimit-resource",
  "x-rate-limit-remaining",
];

/** Names no list can foresee. */
const RANDOM = Array.from({ length: 32 }, () => `x-${crypto.randomUUID()}`).concat(
  Array.from({ length: 8 }, () => `h${crypto.randomUUID().replaceAll("-", "")}`),
);

describe("the response-header allowlist", () => {
  it.each([200, 204, 429, 503])(
    "passes back exactly the allowlisted upstream headers of a %i and drops every other one",
    async (status) => {
      const sent = new Headers();
      for (const name of [...ALLOWLIST, ...DROPPED, ...RANDOM]) sent.append(name, `value-of-${name}`);
      // Framing headers must be well-formed for the runtime to build the response.
      const body = status === 204 ? null : '{"data":[]}';
      sent.set("content-type", "application/json");
      sent.set("content-length", String(body?.length ?? 0));
      sent.delete("transfer-encoding");
      expect([...sent.keys()]).toHaveLength(ALLOWLIST.length + DROPPED.length + RANDOM.length - 1);
      const proxy = proxyUnderTest({}, () => new Response(body, { status, headers: sent }));
      const response = await proxy.call("/api/v1/instances");
      expect(response.status).toBe(status);
      expect([...response.headers.keys()].sort()).toEqual([...ALLOWLIST, ...PROXY_HEADERS].sort());
      for (const name of ALLOWLIST.filter((name) => name !== "content-type"))
        expect(response.headers.get(name)).toBe(`value-of-${name}`);
    },
  );
});
