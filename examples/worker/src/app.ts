/**
 * The Worker's configuration, assembled once per env: the key, the upstream, the gateway, who
 * may write, CORS and rate limiting, all wired into one `createLambdaProxy` handler. Writes are
 * allowed only when some caller may write (a dashboard token, or Access with writers), and once
 * an authorizer is configured it guards reads too.
 */
import { createLambdaProxy, type ProxyHandler } from "lambda-cloud/proxy";
import { type Authorization, authorizationFrom } from "./authorizer.js";
import { commaList } from "./comma-list.js";
import { ConfigurationError } from "./configuration-error.js";
import type { Env } from "./env.js";
import { gatewayFor } from "./gateway.js";
import { keyFor } from "./key.js";
import { bootMsFrom, demoSimulator, readKeyForSimulator, SIMULATOR_BASE_URL } from "./simulator.js";
import { type Upstream, upstreamFrom } from "./upstream.js";

/** Everything a request needs, built from the env. */
export interface App {
  /** The proxy for `/api/v1/*`. */
  readonly proxy: ProxyHandler;
  /** Where API calls go. */
  readonly upstream: Upstream["kind"];
  /** Who may read and write. */
  readonly authorization: Authorization;
}

/** Apps by env object, so that an isolate configures itself once (a new env object just builds a new app). */
const apps = new WeakMap<Env, Promise<App>>();

/**
 * The app for this env, built on first use.
 * @throws {ConfigurationError} when a var or secret is unusable.
 */
export function appFor(env: Env): Promise<App> {
  let app = apps.get(env);
  if (!app) {
    app = buildApp(env);
    apps.set(env, app);
    app.catch(() => apps.delete(env));
  }
  return app;
}

async function buildApp(env: Env): Promise<App> {
  const { provider: apiKey, configured } = keyFor(env);
  const upstream = upstreamFrom(env, configured);
  const authorization = authorizationFrom(env);
  const gateway = gatewayFor(env, upstream);
  // Without a gateway, the simulator runs in this isolate; with one, inside the gateway object.
  const simulator =
    upstream.kind === "simulator" && !gateway
      ? demoSimulator(await readKeyForSimulator(apiKey), bootMsFrom(env))
      : undefined;
  try {
    const proxy = createLambdaProxy({
      apiKey,
      upstream: upstream.kind === "api" ? upstream.url : SIMULATOR_BASE_URL,
      allow: authorization.writable ? "read-write" : "read",
      authorize: authorization.authorize,
      cors: { origins: commaList(env.ALLOWED_ORIGINS) },
      rateLimit: env.RATE_LIMITER,
      // No trust.host: index.ts lets only a checked Host (host.ts) through, and a checked Host is
      // the proxy's own origin. Cloudflare's edge sets cf-connecting-ip itself; under `wrangler
      // dev` nothing does, so there a caller may set it and choose its own rate-limit bucket.
      trust: { clientAddressHeader: "cf-connecting-ip" },
      fetch: simulator?.fetch,
      gateway,
    });
    return { proxy, upstream: upstream.kind, authorization };
  } catch (error) {
    // createLambdaProxy checks its options and explains in a TypeError, e.g. "*" with writes.
    throw new ConfigurationError((error as Error).message);
  }
}
