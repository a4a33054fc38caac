/** `LambdaCloudClient`: options in, transport built, one property per resource group. */
import type { ApiKeySource, KeyProvider } from "./auth/key-provider.js";
import { DEFAULT_BASE_URL } from "./base-url.js";
import type { CallArguments, CallResult } from "./client-call.js";
import { checkClientOptions } from "./client-options.js";
import { setUpClient } from "./client-setup.js";
import { RequestValidationError } from "./errors.js";
import { type OperationId, operations } from "./operation-schemas.js";
import { AuditEventsClient } from "./resources/audit-events.js";
import { ImagesClient, InstanceTypesClient, RegionsClient } from "./resources/catalog.js";
import { FilesystemsClient } from "./resources/filesystems.js";
import { FirewallRulesClient, FirewallRulesetsClient } from "./resources/firewall.js";
import { InstancesClient } from "./resources/instances.js";
import { SSHKeysClient } from "./resources/ssh-keys.js";
import { TicketsClient } from "./resources/tickets.js";
import type { ClientHooks } from "./transport/hooks.js";
import type { Logger, LogLevel } from "./transport/logger.js";
import type { RateLimiter } from "./transport/rate-limiter.js";
import type { CallInput, RequestOptions, Transport } from "./transport/transport.js";

export { DEFAULT_BASE_URL };

/** Options of {@link LambdaCloudClient}. Every option has a default. */
export interface LambdaCloudClientOptions {
  /**
   * The API key: a string, a key provider (see `fromEnv`, `fromBinding`, `fromSecretsStore`,
   * `chainKeys`), or a function returning the key. It is read on every request, so rotation
   * needs no new client. `false` sends no Authorization header at all: for a browser talking to
   * `lambda-cloud/proxy`, which adds the key at the edge.
   * @default fromEnv("LAMBDA_API_KEY")
   * @example
   * ```ts
   * // In a browser, through the proxy:
   * new LambdaCloudClient({ baseUrl: `${location.origin}/api/v1`, apiKey: false });
   * ```
   */
  readonly apiKey?: ApiKeySource | false | undefined;
  /**
   * Base URL of the API, or of a proxy or simulator that speaks it: an absolute http(s) URL up
   * to `/api/v1`, without credentials, query or fragment (else the constructor throws a
   * `ConfigurationError`). When the option is not given, the `LAMBDA_CLOUD_BASE_URL`
   * environment variable is used if set (read like `fromEnv` reads the key; under Deno only
   * with `--allow-env=LAMBDA_CLOUD_BASE_URL`, otherwise it is skipped), so scripts can be
   * pointed at a simulator without code changes. The option wins over the variable.
   * @default the LAMBDA_CLOUD_BASE_URL variable when set, else "https://cloud.lambda.ai/api/v1"
   * @example
   * ```ts
   * // LAMBDA_CLOUD_BASE_URL=http://127.0.0.1:8788/api/v1 node app.js
   * const client = new LambdaCloudClient(); // talks to the simulator
   * ```
   */
  readonly baseUrl?: string | undefined;
  /**
   * The fetch to send requests with, e.g. a simulator's `sim.fetch` in tests.
   * @default globalThis.fetch (looked up on each request)
   */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Timeout of each attempt in milliseconds. @default 30_000 */
  readonly timeoutMs?: number | undefined;
  /** Retries after a failed attempt (network errors, 408, 429, 5xx, `provider/*`; POST only on 429 and on connections that sent nothing). @default 2 */
  readonly maxRetries?: number | undefined;
  /** Space requests to the API's limits (1 request/s, 1 launch per 12 s). @default true */
  readonly rateLimit?: boolean | undefined;
  /**
   * A limiter to share between clients that use the same key; see `createRateLimiter`.
   * @default a limiter of this client's own (when `rateLimit` is not false)
   */
  readonly rateLimiter?: RateLimiter | undefined;
  /**
   * The User-Agent header, or `false` to send none. Never sent from browsers.
   * @default "lambda-cloud/<version>"
   */
  readonly userAgent?: string | false | undefined;
  /** Validate every response payload against its schema. @default true */
  readonly validateResponses?: boolean | undefined;
  /**
   * How the key is sent: `"bearer"` (`Authorization: Bearer <key>`, recommended) or
   * `"basic"` (HTTP Basic with the key as username and an empty password).
   * @default "bearer"
   */
  readonly authScheme?: "bearer" | "basic" | undefined;
  /**
   * Observers of every call: `onRequest`, `onResponse`, `onRetry` and `onError`, each given the
   * operation id, the attempt, the duration, the status and the API's request id, never the key.
   * A hook that throws is ignored (and logged at `warn` when logging is on). See docs/observability.md.
   * @default none
   * @example
   * ```ts
   * new LambdaCloudClient({ hooks: { onRetry: (e) => console.warn(`${e.operationId}: retry ${e.attempt}`) } });
   * ```
   */
  readonly hooks?: ClientHooks | undefined;
  /**
   * Where log lines go: `console`, or any object with `debug`, `info`, `warn` and `error`.
   * @default console (used only when `logLevel` is set)
   */
  readonly logger?: Logger | undefined;
  /**
   * How much is logged: `"debug"` (each attempt sent), `"info"` (each answer), `"warn"` (retries,
   * hooks that throw), `"error"` (failed calls) or `"off"`. Lines never hold the key.
   * @default "warn" when a `logger` is given, else "off"
   */
  readonly logLevel?: LogLevel | undefined;
}

/**
 * A client for the Lambda Cloud API: every operation, typed, validated, retried and rate
 * limited. Runs unchanged in Node 22+, Deno, Bun, Cloudflare Workers and browsers.
 * @example
 * ```ts
 * import { LambdaCloudClient } from "lambda-cloud";
 * const client = new LambdaCloudClient(); // reads LAMBDA_API_KEY
 * const types = await client.instanceTypes.list();
 * ```
 */
export class LambdaCloudClient {
  /** Instances: list, get, update, launch, restart, terminate, waitFor. */
  readonly instances: InstancesClient;
  /** The instance-type catalog with prices and capacity. */
  readonly instanceTypes: InstanceTypesClient;
  /** Regions the account can use. */
  readonly regions: RegionsClient;
  /** Machine images. */
  readonly images: ImagesClient;
  /** SSH keys. */
  readonly sshKeys: SSHKeysClient;
  /** Persistent filesystems. */
  readonly filesystems: FilesystemsClient;
  /** Legacy account-wide firewall rules. */
  readonly firewallRules: FirewallRulesClient;
  /** Regional firewall rulesets and the global ruleset. */
  readonly firewallRulesets: FirewallRulesetsClient;
  /** The audit log. */
  readonly auditEvents: AuditEventsClient;
  /** Support tickets and their attachments. */
  readonly tickets: TicketsClient;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  readonly #keySource: string;
  readonly #options: LambdaCloudClientOptions;
  readonly #keyProvider: KeyProvider | undefined;
  readonly #rateLimiter: RateLimiter | undefined;
  readonly #transport: Transport;

  /** @throws {ConfigurationError} when an option (or `LAMBDA_CLOUD_BASE_URL`) is invalid, unknown, or contradicts another. */
  /** Creates a client; every option has a default (the key comes from `LAMBDA_API_KEY`). */
  constructor(options: LambdaCloudClientOptions = {}) {
    const { transport, baseUrl, keyProvider, rateLimiter } = setUpClient(options);
    this.baseUrl = baseUrl;
    this.#options = { ...options };
    this.#keyProvider = keyProvider;
    this.#rateLimiter = rateLimiter;
    this.#keySource = keyProvider ? `<from ${keyProvider.name}>` : "<none: apiKey is false>";
    this.#transport = transport;
    this.instances = new InstancesClient(transport);
    this.instanceTypes = new InstanceTypesClient(transport);
    this.regions = new RegionsClient(transport);
    this.images = new ImagesClient(transport);
    this.sshKeys = new SSHKeysClient(transport);
    this.filesystems = new FilesystemsClient(transport);
    this.firewallRules = new FirewallRulesClient(transport);
    this.firewallRulesets = new FirewallRulesetsClient(transport);
    this.auditEvents = new AuditEventsClient(transport);
    this.tickets = new TicketsClient(transport);
  }

  /**
   * A client with some options changed that shares this one's key provider and rate limiter
   * (so the two together stay within the API's limits), its base URL and its other options.
   * Each override replaces the option (`hooks` too). Pass `rateLimit: false` or a `rateLimiter`
   * to stop sharing the limiter, `apiKey` for another key.
   * @throws {ConfigurationError} when an override is invalid.
   * @example
   * ```ts
   * const patient = client.withOptions({ timeoutMs: 120_000, maxRetries: 5 });
   * ```
   */
  withOptions(overrides: LambdaCloudClientOptions): LambdaCloudClient {
    checkClientOptions(overrides);
    const ownLimiter = overrides.rateLimit === false || overrides.rateLimiter !== undefined;
    const limiter: LambdaCloudClientOptions = this.#rateLimiter
      ? { rateLimiter: this.#rateLimiter }
      : { rateLimit: overrides.rateLimit ?? false };
    return new LambdaCloudClient({
      ...this.#options,
      apiKey: this.#keyProvider ?? false,
      baseUrl: this.baseUrl,
      ...(ownLimiter ? { rateLimit: undefined, rateLimiter: undefined } : limiter),
      ...overrides,
    });
  }

  /**
   * Calls any operation of the table by its id, through the same checks, rate limiter, retries,
   * hooks and validation as the resource methods. It sends that one operation as it is: the extras
   * of some methods (a launch's idempotency tag and reconciliation, paging, `waitFor`) are theirs.
   * @throws {RequestValidationError} before sending, when the id or the input is invalid.
   * @example
   * ```ts
   * const instance = await client.call("getInstance", { params: { id } });
   * const types = await client.call("listInstanceTypes");
   * ```
   */
  call<Id extends OperationId>(operationId: Id, ...[input, options]: CallArguments<Id>): Promise<CallResult<Id>> {
    if (!Object.hasOwn(operations, operationId)) {
      const problem = {
        path: "operationId",
        message: 'is not an operation of the API; see the operations table (such as "listInstances")',
      };
      return Promise.reject(new RequestValidationError(String(operationId), [problem]));
    }
    return this.#transport.call(
      operations[operationId],
      input as CallInput | undefined,
      options as RequestOptions | undefined,
    );
  }

  /** A safe summary for logs: the base URL and where the key comes from, never the key. */
  toJSON(): { baseUrl: string; apiKey: string } {
    return { baseUrl: this.baseUrl, apiKey: this.#keySource };
  }

  /** Shown by `console.log(client)` and `util.inspect(client)` in Node, Deno and Bun. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `LambdaCloudClient ${JSON.stringify(this.toJSON())}`;
  }
}
