// The bindings of the hostile-battery suite, set in vitest.config.ts.
declare namespace Cloudflare {
  interface Env {
    readonly HOSTILE_ORIGIN: string;
    readonly HOSTILE_KEY: string;
  }
}
