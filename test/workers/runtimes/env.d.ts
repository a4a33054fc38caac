// The bindings of the runtime-matrix Worker, set in vitest.config.ts.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("./worker");
  }
  interface Env {
    readonly LAMBDA_API_KEY: string;
    readonly PROXY_TOKEN: string;
  }
}
