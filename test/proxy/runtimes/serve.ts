// The runtime's own server for the proxy scripts in this folder, run by Deno or Bun: Deno.serve or
// Bun.serve on 127.0.0.1 at a free port, with checkHost in front (DNS rebinding) and the socket's
// address passed to the handler as { clientAddress }, as examples/deno-proxy.ts and bun-proxy.ts do.
import { checkHost } from "../../../src/proxy/index.js";

type Handler = (request: Request, env?: unknown, ctx?: unknown) => Promise<Response>;

/** A listening server. */
export interface Served {
  readonly runtime: "deno" | "bun";
  readonly port: number;
  stop(): Promise<void>;
}

const runtimes = globalThis as unknown as {
  Deno?: {
    env: { get(name: string): string | undefined };
    serve(
      options: { port: number; hostname: string; onListen?: () => void },
      handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Promise<Response> | Response,
    ): { addr: { port: number }; shutdown(): Promise<void> };
  };
  Bun?: {
    env: Record<string, string | undefined>;
    serve(options: {
      port: number;
      hostname: string;
      fetch: (
        request: Request,
        server: { requestIP(request: Request): { address: string } | null },
      ) => Promise<Response> | Response;
    }): { port: number; stop(force?: boolean): Promise<void> | void };
  };
};

/** An environment variable, read the runtime's way. */
export function envVar(name: string): string {
  return runtimes.Deno?.env.get(name) ?? runtimes.Bun?.env[name] ?? "";
}

/** Serves `handler` with the runtime's server. */
export function serve(handler: Handler): Served {
  const { Deno, Bun } = runtimes;
  if (Deno) {
    const server = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen: () => undefined },
      (request, info) => checkHost(request) ?? handler(request, undefined, { clientAddress: info.remoteAddr.hostname }),
    );
    return { runtime: "deno", port: server.addr.port, stop: () => server.shutdown() };
  }
  if (Bun) {
    const server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: (request, bun) =>
        checkHost(request) ?? handler(request, undefined, { clientAddress: bun.requestIP(request)?.address }),
    });
    return { runtime: "bun", port: server.port, stop: async () => void (await server.stop(true)) };
  }
  throw new Error("run this script with Deno or Bun");
}
