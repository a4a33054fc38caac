// The bindings the sample Worker's tests see: the Worker's own (examples/worker/src/env.ts),
// set by vitest.config.ts here, plus the test-only Secrets Store and rate-limit bindings.
declare namespace Cloudflare {
  interface GlobalProps {
    /** The Worker under test, so that `exports.default` from cloudflare:workers is typed. */
    mainModule: typeof import("../../../examples/worker/src/index");
  }
  interface Env {
    readonly ASSETS: Fetcher;
    readonly LAMBDA_API_KEY: string;
    readonly DASHBOARD_TOKEN: string;
    readonly UPSTREAM: string;
    readonly ALLOWED_ORIGINS: string;
    readonly ACCESS_TEAM_DOMAIN: string;
    readonly ACCESS_AUD: string;
    readonly ACCESS_WRITER_EMAILS: string;
    readonly ACCESS_WRITER_GROUPS: string;
    readonly RATE_LIMITER: RateLimit;
    /** Test-only: a Secrets Store binding, seeded by the tests and swapped in as LAMBDA_API_KEY_STORE. */
    readonly TEST_KEY_STORE: SecretsStoreSecret;
    /** Test-only: a 3-requests-per-minute limit, swapped in as RATE_LIMITER. */
    readonly TINY_RATE_LIMITER: RateLimit;
  }
}
