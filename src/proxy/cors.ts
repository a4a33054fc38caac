/**
 * Cross-origin policy: exact origins only, preflights answered locally, and requests from
 * other origins refused before anything is forwarded (which also stops cross-site form posts).
 * The proxy's own origin is never read from the request's Host alone: it is passed in by the
 * caller, from what the deployment vouches for (see `trust.ts`).
 */
import {
  CACHE_STATUS_HEADER,
  IDEMPOTENCY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  REFRESH_HEADER,
} from "./gateway/contract.js";

/** Which browser origins other than the proxy's own may call it. */
export interface CorsOptions {
  /**
   * Exact origins such as `"https://dash.example.com"` (scheme, host, optional port). `"*"`
   * admits every origin and is refused when the proxy allows more than reads.
   * @example { origins: ["https://dash.example.com", "http://localhost:5173"] }
   */
  readonly origins: readonly string[];
}

/** The CORS decisions for one proxy. */
export interface CorsPolicy {
  /** Whether the request may go on: it has no `Origin`, comes from `ownOrigin` (when known), or from an allowed one. */
  admits(request: Request, ownOrigin: string | undefined): boolean;
  /** Adds `Vary: Origin` and, for an allowed cross origin, the CORS response headers. */
  decorate(headers: Headers, request: Request, ownOrigin: string | undefined, preflight?: boolean): void;
}

/** Request headers a browser may send cross-origin: the forwarded ones, and `authorization` for `authorize`. */
const ALLOWED_REQUEST_HEADERS = "accept, authorization, content-type";
/** Response headers a browser script may read: what the client needs for errors and retries. */
const EXPOSED_HEADERS = "retry-after, x-proxy-request-id, x-request-id";
/** With a gateway, browsers may also send its request headers and read its answer headers. */
const GATEWAY_REQUEST_HEADERS = `, ${IDEMPOTENCY_HEADER}, ${REFRESH_HEADER}`;
const GATEWAY_EXPOSED_HEADERS = `, age, ${CACHE_STATUS_HEADER}, ${IDEMPOTENT_REPLAY_HEADER}`;
const PREFLIGHT_MAX_AGE_SECONDS = "600";

/**
 * Checks the `cors` option and builds the policy.
 * @throws {TypeError} when an origin is not exact, or is `"*"` while writes are allowed.
 */
export function createCorsPolicy(
  cors: CorsOptions | undefined,
  settings: { readonly writesAllowed: boolean; readonly methods: readonly string[]; readonly gateway?: boolean },
): CorsPolicy {
  const origins = checkOrigins(cors, settings.writesAllowed);
  const allowHeaders = ALLOWED_REQUEST_HEADERS + (settings.gateway ? GATEWAY_REQUEST_HEADERS : "");
  const exposeHeaders = EXPOSED_HEADERS + (settings.gateway ? GATEWAY_EXPOSED_HEADERS : "");
  const anyOrigin = origins.has("*");
  const allowMethods = settings.methods.join(", ");
  const crossOriginAllowed = (origin: string) => anyOrigin || origins.has(origin);

  return {
    admits(request, ownOrigin) {
      const origin = request.headers.get("origin");
      return origin === null || origin === ownOrigin || crossOriginAllowed(origin);
    },
    decorate(headers, request, ownOrigin, preflight = false) {
      if (cors === undefined) return;
      headers.append("vary", "Origin");
      const origin = request.headers.get("origin");
      if (origin === null || origin === ownOrigin || !crossOriginAllowed(origin)) return;
      headers.set("access-control-allow-origin", anyOrigin ? "*" : origin);
      if (preflight) {
        headers.set("access-control-allow-methods", allowMethods);
        headers.set("access-control-allow-headers", allowHeaders);
        headers.set("access-control-max-age", PREFLIGHT_MAX_AGE_SECONDS);
      } else {
        headers.set("access-control-expose-headers", exposeHeaders);
      }
    },
  };
}

function checkOrigins(cors: CorsOptions | undefined, writesAllowed: boolean): ReadonlySet<string> {
  if (cors === undefined) return new Set();
  if (cors === null || typeof cors !== "object" || !Array.isArray(cors.origins)) {
    throw new TypeError(
      'cors must be an object with a list of exact origins, e.g. { origins: ["https://dash.example.com"] }.',
    );
  }
  for (const [index, origin] of cors.origins.entries()) {
    if (origin === "*") {
      if (!writesAllowed) continue;
      throw new TypeError(
        'cors.origins may not contain "*" when the proxy allows more than reads: any website could then change your account. ' +
          'List the exact origins of your dashboard, e.g. "https://dash.example.com".',
      );
    }
    if (!isExactOrigin(origin)) {
      throw new TypeError(
        `cors.origins[${index}] must be an exact origin such as "https://dash.example.com" ` +
          "(http or https, host and optional port; no path, no trailing slash, no wildcard).",
      );
    }
  }
  return new Set(cors.origins);
}

function isExactOrigin(origin: unknown): boolean {
  if (typeof origin !== "string") return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === origin && !origin.includes("*");
  } catch {
    return false;
  }
}
