/**
 * `serve(sim)`: the simulator over real HTTP on 127.0.0.1, with the runtime's own server:
 * `Deno.serve` in Deno, `Bun.serve` in Bun, and `node:http` in Node (fetched at run time only
 * there, so that bundles for Workers and browsers never see it).
 */
import { checkHost } from "../proxy/host-check.js";
import { listenNode } from "./serve-node.js";
import type { Simulator } from "./simulator.js";

/** Options of {@link serve}. */
export interface ServeOptions {
  /** Port to listen on; `0` picks a free one. @default 0 */
  readonly port?: number | undefined;
  /** Address to listen on. @default "127.0.0.1" */
  readonly hostname?: string | undefined;
  /**
   * Host names to answer to besides IP addresses and `localhost`; any other `Host` gets 421,
   * so a page on a rebinding DNS name cannot reach the simulator. @default []
   */
  readonly hosts?: readonly string[] | undefined;
}

/** A simulator listening on a port. */
export interface ServedSimulator {
  /** The base URL to give the client, e.g. `"http://127.0.0.1:8788/api/v1"`. */
  readonly url: string;
  /** The origin, e.g. `"http://127.0.0.1:8788"`. */
  readonly origin: string;
  /** The port listened on. */
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** How a runtime's server listens: returns the port and a way to stop. A rejection of the handler means "drop the connection". */
export type Listen = (
  handler: (request: Request) => Promise<Response>,
  port: number,
  hostname: string,
) => Promise<{ port: number; close(): Promise<void> }>;

interface DenoServer {
  readonly addr: { readonly port: number };
  shutdown(): Promise<void>;
}
interface BunServer {
  readonly port: number;
  stop(closeActiveConnections?: boolean): Promise<void> | void;
}
interface RuntimeGlobals {
  Deno?: {
    serve?: (
      options: { port: number; hostname: string; onListen?: () => void },
      handler: (request: Request) => Promise<Response>,
    ) => DenoServer;
  };
  Bun?: {
    serve?: (options: { port: number; hostname: string; fetch: (request: Request) => Promise<Response> }) => BunServer;
  };
}

/**
 * A response that aborts while its body is sent. Deno's and Bun's servers give handlers no
 * socket to destroy, so this is how a dropped connection (`reset`, `after-commit`) is played there:
 * Bun resets the connection; Deno sends the status line and then cuts the body off.
 */
function droppedConnection(): Response {
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.error(new Error("connection dropped by an injected fault"));
      },
    }),
  );
}

const listenDeno: Listen = async (handler, port, hostname) => {
  const deno = (globalThis as RuntimeGlobals).Deno as Required<NonNullable<RuntimeGlobals["Deno"]>>;
  const server = deno.serve({ port, hostname, onListen: () => {} }, (request) =>
    handler(request).catch(droppedConnection),
  );
  return { port: server.addr.port, close: () => server.shutdown() };
};

const listenBun: Listen = async (handler, port, hostname) => {
  const bun = (globalThis as RuntimeGlobals).Bun as Required<NonNullable<RuntimeGlobals["Bun"]>>;
  const server = bun.serve({ port, hostname, fetch: (request) => handler(request).catch(droppedConnection) });
  return { port: server.port, close: async () => void (await server.stop(true)) };
};

/**
 * Serves a simulator over HTTP until `close()` is called.
 * @example
 * ```ts
 * const sim = createSimulator({ apiKeys: ["k"] });
 * const server = await serve(sim, { port: 8788 });
 * const client = new LambdaCloudClient({ apiKey: "k", baseUrl: server.url });
 * // …
 * await server.close();
 * ```
 */
export async function serve(sim: Simulator, options: ServeOptions = {}): Promise<ServedSimulator> {
  const { port = 0, hostname = "127.0.0.1", hosts = [] } = options;
  const runtime = globalThis as RuntimeGlobals;
  const listen: Listen = runtime.Deno?.serve ? listenDeno : runtime.Bun?.serve ? listenBun : listenNode;
  const server = await listen(async (request) => checkHost(request, hosts) ?? sim.fetch(request), port, hostname);
  const origin = `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${server.port}`;
  return { url: `${origin}${sim.settings.basePath}`, origin, port: server.port, close: server.close };
}
