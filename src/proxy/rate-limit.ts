/**
 * Per-client rate limiting, with a Workers Rate Limiting binding or a function of your own.
 */
import { ProxyRejection } from "./errors.js";

/** A Cloudflare Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml). */
export interface RateLimitBinding {
  /** Counts one request for `key`; `success` is false when the key is over its limit. */
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/**
 * A rate limit: a Workers binding, or a function answering whether `key` may make one more
 * request (it also gets the request's `env`, where a Worker's bindings are). The key is the id
 * returned by `authorize`, else the client's address (from the server, or from the header named
 * by `trust.clientAddressHeader`; never from a header the deployment did not name), else
 * `"anonymous"`.
 * @example
 * rateLimit: env.PROXY_RATE_LIMIT // with `import { env } from "cloudflare:workers"`
 * rateLimit: async (key, env) => (await env.PROXY_RATE_LIMIT.limit({ key })).success
 * rateLimit: async (key) => (await counter.increment(key)) <= 60
 */
export type RateLimitOption = RateLimitBinding | ((key: string, env: unknown) => Promise<boolean> | boolean);

/** The check the pipeline runs: may `key` make one more request? */
export type RateLimitCheck = (key: string, env: unknown) => Promise<boolean>;

/** Seconds a client is told to wait: the shortest period a Workers rate limit can have. */
const RETRY_AFTER_SECONDS = "10";

/**
 * Turns the option into one check.
 * @throws {TypeError} when the option is neither a binding nor a function.
 */
export function toRateLimitCheck(option: RateLimitOption | undefined): RateLimitCheck | undefined {
  if (option === undefined) return undefined;
  if (typeof option === "function") return async (key, env) => (await option(key, env)) === true;
  if (option !== null && typeof option === "object" && typeof option.limit === "function") {
    return async (key) => (await option.limit({ key }))?.success === true;
  }
  throw new TypeError(
    "rateLimit must be a Workers Rate Limiting binding (an object with limit()) or a function (key, env) => Promise<boolean>.",
  );
}

/** The key a request is counted under: the authorized caller, else its trusted address, else `"anonymous"`. */
export function rateLimitKeyOf(authorizedId: string | undefined, clientAddress: string | undefined): string {
  return authorizedId ?? clientAddress ?? "anonymous";
}

/**
 * Counts the request and throws a 429 `proxy/rate-limited` rejection when it is over the limit.
 * A limiter that fails lets the request through, and the failure is returned for the log.
 */
export async function enforceRateLimit(check: RateLimitCheck, key: string, env: unknown): Promise<string | undefined> {
  let allowed: boolean;
  try {
    allowed = await check(key, env);
  } catch (error) {
    return `rate limiter failed (${(error as Error)?.name ?? typeof error}); request let through`;
  }
  if (allowed) return undefined;
  throw new ProxyRejection(
    429,
    "proxy/rate-limited",
    "Too many requests through this proxy.",
    `Wait ${RETRY_AFTER_SECONDS} seconds before trying again.`,
    { headers: { "retry-after": RETRY_AFTER_SECONDS } },
  );
}
