/**
 * Turning the client's options into what sends requests: the options checked, the key provider,
 * the base URL, the rate limiter and the transport. `LambdaCloudClient` and every resource group
 * built on its own (`new InstancesClient(options)`) start here, so both take the same options.
 */
import type { KeyProvider } from "./auth/key-provider.js";
import { toKeyProvider } from "./auth/to-key-provider.js";
import { resolveBaseUrl } from "./base-url.js";
import type { LambdaCloudClientOptions } from "./client.js";
import { checkClientOptions } from "./client-options.js";
import { isBrowserLike } from "./internal/runtime.js";
import { type ClientHooks, combineHooks } from "./transport/hooks.js";
import { hookFailureLogger, loggingHooks } from "./transport/logger.js";
import { createRateLimiter, type RateLimiter } from "./transport/rate-limiter.js";
import { Transport } from "./transport/transport.js";
import { VERSION } from "./version.js";

/** What a client is built on. */
export interface ClientSetup {
  readonly transport: Transport;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** Where the key comes from; `undefined` when `apiKey` is `false`. */
  readonly keyProvider: KeyProvider | undefined;
  /** `undefined` when `rateLimit` is `false`. */
  readonly rateLimiter: RateLimiter | undefined;
}

/**
 * Checks the options and builds the transport they describe.
 * @throws {ConfigurationError} when an option (or `LAMBDA_CLOUD_BASE_URL`) is invalid, unknown, or contradicts another.
 */
export function setUpClient(options: LambdaCloudClientOptions): ClientSetup {
  checkClientOptions(options);
  const keyProvider = options.apiKey === false ? undefined : toKeyProvider(options.apiKey);
  const baseUrl = resolveBaseUrl(options.baseUrl);
  const rateLimiter = options.rateLimit === false ? undefined : (options.rateLimiter ?? createRateLimiter());
  const transport = new Transport({
    baseUrl,
    keyProvider,
    authScheme: options.authScheme ?? "bearer",
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    rateLimiter,
    userAgent: userAgentFor(options.userAgent),
    validateResponses: options.validateResponses ?? true,
    hooks: observers(options),
  });
  return { transport, baseUrl, keyProvider, rateLimiter };
}

/** The user's hooks and the logger's, as one set for the transport, or `undefined` when nothing observes calls. */
function observers({ hooks, logger, logLevel }: LambdaCloudClientOptions): Required<ClientHooks> | undefined {
  const level = logLevel ?? (logger ? "warn" : "off");
  const logging = loggingHooks(logger ?? console, level);
  return hooks || logging ? combineHooks([logging, hooks], hookFailureLogger(logger ?? console, level)) : undefined;
}

function userAgentFor(option: string | false | undefined): string | undefined {
  if (option === false || isBrowserLike()) return undefined;
  return option ?? `lambda-cloud/${VERSION}`;
}
