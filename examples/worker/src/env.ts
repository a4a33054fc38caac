/**
 * The bindings of the sample Worker, as declared in wrangler.toml (vars, ratelimits, assets)
 * or set as secrets. Every one is optional: with none, the Worker serves a read-only dashboard
 * over the in-process simulator.
 */
import type { SecretsStoreBinding } from "lambda-cloud";

export interface Env {
  /** The dashboard's static files (wrangler.toml `[assets]`). */
  readonly ASSETS?: Fetcher;
  /** The Lambda Cloud API key (`wrangler secret put LAMBDA_API_KEY`, or `.dev.vars` locally). */
  readonly LAMBDA_API_KEY?: string;
  /** The API key in a Secrets Store (`[[secrets_store_secrets]]`); preferred over `LAMBDA_API_KEY`. */
  readonly LAMBDA_API_KEY_STORE?: SecretsStoreBinding;
  /** `"simulator"` for the in-process simulator, a URL for another API base, or empty for the real API. */
  readonly UPSTREAM?: string;
  /**
   * Host names the Worker answers to besides IP addresses, `localhost` and `*.workers.dev`,
   * comma-separated: a custom domain such as `dash.example.com` must be listed (`.example.com`
   * lists every name below it). Any other Host gets 421, against DNS rebinding.
   */
  readonly ALLOWED_HOSTS?: string;
  /** Exact origins allowed to call `/api/*` cross-origin, comma-separated. */
  readonly ALLOWED_ORIGINS?: string;
  /** Enables writes for requests sending `Authorization: Bearer <DASHBOARD_TOKEN>` (a secret). */
  readonly DASHBOARD_TOKEN?: string;
  /** Cloudflare Access team domain, e.g. `myteam.cloudflareaccess.com`; needs `ACCESS_AUD`. */
  readonly ACCESS_TEAM_DOMAIN?: string;
  /** The Access application's audience (AUD) tag; needs `ACCESS_TEAM_DOMAIN`. */
  readonly ACCESS_AUD?: string;
  /** Access users who may write, by email, comma-separated; every other Access user only reads. */
  readonly ACCESS_WRITER_EMAILS?: string;
  /** Access groups whose members may write, comma-separated, as the token's `groups` claim names them. */
  readonly ACCESS_WRITER_GROUPS?: string;
  /** Workers Rate Limiting binding (`[[ratelimits]]`), applied per caller when present. */
  readonly RATE_LIMITER?: RateLimit;
  /** The gateway Durable Object namespace (`[[durable_objects.bindings]]`, class `LambdaGateway`); without it the proxy forwards each request itself. */
  readonly LAMBDA_GATEWAY?: DurableObjectNamespace;
  /** A URL (keep it secret: `wrangler secret put WATCH_WEBHOOK_URL`) that gets a capacity watch's record as JSON when it launches, gives up or fails. */
  readonly WATCH_WEBHOOK_URL?: string;
  /** How long the simulator's instances take to boot, in milliseconds (simulator mode only). */
  readonly SIMULATOR_BOOT_MS?: string;
}
