/**
 * The options of `createLambdaProxy`, and their checking: every mistake is a `TypeError`
 * at creation that says what is wrong and what to do, never a surprise at request time.
 */
import type { KeyProvider } from "../auth/key-provider.js";
import type { OperationId } from "../operations.js";
import { type OperationRoute, operationRouteList, operationRoutes } from "../operations.js";
import type { Authorizer } from "./authorize.js";
import { type CorsOptions, type CorsPolicy, createCorsPolicy } from "./cors.js";
import type { Gateway } from "./gateway/contract.js";
import { createLogger, type LogOption } from "./log.js";
import { type RateLimitCheck, type RateLimitOption, toRateLimitCheck } from "./rate-limit.js";
import { createTrustPolicy, type TrustOptions, type TrustPolicy } from "./trust.js";

/** Which operations the proxy forwards: reads only, everything, or the operations listed. */
export type AllowOption = "read" | "read-write" | readonly OperationId[];

/** Options of `createLambdaProxy`. Only `apiKey` is required. */
export interface LambdaProxyOptions {
  /**
   * Where the key comes from: a key provider, or a function of the Worker's `env` returning
   * one (called on each request). Bad keys are refused by name of provider, never echoed.
   * @example apiKey: (env) => fromBinding(env)              // Workers secret LAMBDA_API_KEY
   * @example apiKey: fromEnv()                              // Node, Deno, Bun
   */
  readonly apiKey: KeyProvider | ((env: unknown) => KeyProvider);
  /**
   * The API to forward to, fixed by the server: it is never taken from the request. Plain
   * `http:` is accepted only for loopback hosts (a local simulator): elsewhere it would send
   * the key in clear text.
   * @default "https://cloud.lambda.ai/api/v1"
   */
  readonly upstream?: string | undefined;
  /**
   * The path under which the proxy serves the API; requests elsewhere get 404.
   * @default "/api/v1"
   */
  readonly basePath?: string | undefined;
  /**
   * `"read"` forwards the operations that change nothing; `"read-write"` forwards every
   * operation, destructive ones included; a list forwards exactly those operation ids.
   * Anything beyond reads requires `authorize`.
   * @default "read"
   * @example allow: ["listInstances", "getInstance", "launchInstance", "terminateInstance"]
   */
  readonly allow?: AllowOption | undefined;
  /** Decides whether each request may be forwarded; required when `allow` goes beyond reads. @default every request allowed (reads only) */
  readonly authorize?: Authorizer | undefined;
  /** Browser origins other than the proxy's own that may call it. @default none (same origin only) */
  readonly cors?: CorsOptions | undefined;
  /** Limits requests per caller: a Workers Rate Limiting binding, or a function of the caller's key and `env`. @default no limit */
  readonly rateLimit?: RateLimitOption | undefined;
  /**
   * What the platform in front of the proxy vouches for: the request's Host, and a header
   * naming the client's address. Leave it out unless a server you run sets them.
   * @default nothing is trusted that a caller could forge
   * @example trust: { host: true, clientAddressHeader: "cf-connecting-ip" } // on Cloudflare
   */
  readonly trust?: TrustOptions | undefined;
  /** The largest request body accepted, counted as it streams. @default 2_097_152 (2 MiB) */
  readonly maxBodyBytes?: number | undefined;
  /** The fetch used to reach the upstream, e.g. a simulator's. @default globalThis.fetch (looked up on each request) */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /**
   * Where the per-request records go: `false` for none, or a function receiving each record.
   * @default one JSON line per request with console.log
   */
  readonly log?: LogOption;
  /**
   * The gateway of the key (one per key, shared by every request): admission within the API's
   * limits, a shared cache, idempotent writes, the audit trail (`GET /api/audit`) and the live
   * feed (`GET /api/live/instances`). A function of `env` for Workers (e.g. a Durable Object's
   * stub). Without one, every allowed request is forwarded as it comes.
   * @default none
   * @example gateway: createMemoryGateway()
   */
  readonly gateway?: Gateway | ((env: unknown) => Gateway) | undefined;
}

/** The checked options, ready for the request pipeline. */
export interface ProxySettings {
  readonly keyProviderFor: (env: unknown) => KeyProvider;
  readonly upstream: string;
  readonly basePath: string;
  readonly allowed: readonly OperationRoute[];
  readonly authorize: Authorizer | undefined;
  readonly cors: CorsPolicy;
  readonly rateLimit: RateLimitCheck | undefined;
  readonly trust: TrustPolicy;
  readonly maxBodyBytes: number;
  readonly fetch: typeof globalThis.fetch;
  readonly log: ReturnType<typeof createLogger>;
  readonly gatewayFor: ((env: unknown) => Gateway) | undefined;
}

/** The Lambda Cloud API, where the proxy and its gateway send requests unless told otherwise. */
export const DEFAULT_UPSTREAM = "https://cloud.lambda.ai/api/v1";
const DEFAULT_BASE_PATH = "/api/v1";
const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Checks every option and fills the defaults.
 * @throws {TypeError} naming the option that is wrong and how to fix it.
 */
export function resolveProxyOptions(options: LambdaProxyOptions): ProxySettings {
  if (options === null || typeof options !== "object") {
    throw new TypeError("createLambdaProxy(options) needs an options object with at least apiKey.");
  }
  const allowed = allowedOperations(options.allow);
  const writesAllowed = allowed.some((operation) => operation.access !== "read");
  if (options.authorize !== undefined && typeof options.authorize !== "function") {
    throw new TypeError(
      "authorize must be a function (request, env, { operation, access }) => Promise<boolean | { id: string }>.",
    );
  }
  if (writesAllowed && options.authorize === undefined) {
    throw new TypeError(
      "The proxy allows operations beyond reads but has no authorize function: anyone could change your account. " +
        'Pass authorize (e.g. a token or Cloudflare Access check), or set allow: "read".',
    );
  }
  const fetchOption = options.fetch;
  if (fetchOption !== undefined && typeof fetchOption !== "function")
    throw new TypeError("fetch must be a fetch function.");
  return {
    keyProviderFor: keyProviderSource(options.apiKey),
    upstream: checkedUpstream(options.upstream ?? DEFAULT_UPSTREAM),
    basePath: checkedBasePath(options.basePath ?? DEFAULT_BASE_PATH),
    allowed,
    authorize: options.authorize,
    cors: createCorsPolicy(options.cors, {
      writesAllowed,
      methods: [...new Set(allowed.map((operation) => operation.method))],
      gateway: options.gateway !== undefined,
    }),
    rateLimit: toRateLimitCheck(options.rateLimit),
    trust: createTrustPolicy(options.trust),
    maxBodyBytes: checkedMaxBodyBytes(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
    fetch: (input, init) => (fetchOption ?? globalThis.fetch)(input, init),
    log: createLogger(options.log),
    gatewayFor: gatewaySource(options.gateway),
  };
}

function gatewaySource(gateway: LambdaProxyOptions["gateway"]): ((env: unknown) => Gateway) | undefined {
  if (gateway === undefined) return undefined;
  if (typeof gateway === "function") return gateway;
  if (gateway !== null && typeof gateway === "object" && typeof gateway.handle === "function") return () => gateway;
  throw new TypeError("gateway must be a Gateway (e.g. createMemoryGateway()) or a function of env returning one.");
}

function allowedOperations(allow: AllowOption | undefined): readonly OperationRoute[] {
  if (allow === undefined || allow === "read")
    return operationRouteList.filter((operation) => operation.access === "read");
  if (allow === "read-write") return operationRouteList;
  if (!Array.isArray(allow)) {
    throw new TypeError(
      'allow must be "read", "read-write", or a list of operation ids such as ["listInstances", "launchInstance"].',
    );
  }
  return allow.map((id: unknown) => {
    const operation =
      typeof id === "string" && Object.hasOwn(operationRoutes, id) ? operationRoutes[id as OperationId] : undefined;
    if (operation === undefined) {
      const known = operationRouteList.map((route) => route.id).join(", ");
      throw new TypeError(`allow lists ${JSON.stringify(id)}, which is not an operation id. Known ids: ${known}.`);
    }
    return operation;
  });
}

function keyProviderSource(apiKey: LambdaProxyOptions["apiKey"]): (env: unknown) => KeyProvider {
  if (typeof apiKey === "function") return apiKey;
  if (apiKey !== null && typeof apiKey === "object" && typeof apiKey.getKey === "function") return () => apiKey;
  throw new TypeError(
    "apiKey must be a KeyProvider (e.g. fromEnv()) or a function of env returning one (e.g. (env) => fromBinding(env)). " +
      "A bare string is not accepted: wrap it with inMemoryKey(key).",
  );
}

/**
 * Checks an upstream base URL and drops its trailing slashes.
 * @throws {TypeError} when it is not an absolute http(s) URL without query, fragment or credentials.
 */
export function checkedUpstream(upstream: string): string {
  let url: URL | undefined;
  try {
    url = new URL(upstream);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    throw new TypeError(
      'upstream must be an absolute http(s) URL without query, fragment or credentials, e.g. "https://cloud.lambda.ai/api/v1".',
    );
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new TypeError(
      `upstream ${url.origin} uses plain http: the API key would cross the network in clear text. ` +
        "Use https, or http only for a loopback address (127.0.0.1, [::1], localhost) such as a local simulator.",
    );
  }
  return url.href.replace(/\/+$/, "");
}

/** Loopback host names: 127.0.0.0/8, [::1] and localhost. */
export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function checkedBasePath(basePath: string): string {
  if (
    typeof basePath !== "string" ||
    !/^(\/[A-Za-z0-9._~-]+)*\/?$/.test(basePath) ||
    /(^|\/)\.\.?(\/|$)/.test(basePath)
  ) {
    throw new TypeError(
      'basePath must be a path such as "/api/v1" (letters, digits, ".", "_", "~", "-" between slashes), or "/".',
    );
  }
  return basePath.replace(/\/$/, "");
}

function checkedMaxBodyBytes(maxBodyBytes: number): number {
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) {
    throw new TypeError("maxBodyBytes must be a whole number of bytes, e.g. 2_097_152 for 2 MiB.");
  }
  return maxBodyBytes;
}
