// The secret binding of the test Worker. `wrangler types` only sees secrets listed in .dev.vars
// or `secrets.required`; the tests set it through miniflare.bindings instead (a random value per
// run, see vitest.config.ts here), so it is declared by hand.
declare namespace Cloudflare {
  interface Env {
    /** A `wrangler secret put LAMBDA_API_KEY` secret (locally: a .dev.vars line). */
    LAMBDA_API_KEY: string;
  }
}

interface Env {
  /** A `wrangler secret put LAMBDA_API_KEY` secret (locally: a .dev.vars line). */
  LAMBDA_API_KEY: string;
}
