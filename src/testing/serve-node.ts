/**
 * The Node server behind `serve()`, on the package's one Node adapter (`internal/node-listener.ts`).
 * `node:http` is fetched with `process.getBuiltinModule` when a server starts, never imported, so
 * bundles for Workers and browsers stay free of it. A fault that drops the connection destroys the
 * socket: the client sees a real reset.
 */
import { ErrorCodes } from "../error-codes.js";
import { createNodeListener } from "../internal/node-listener.js";
import { errorResponse, SimulatorApiError } from "./envelope.js";
import type { Listen } from "./serve.js";

type NodeHttp = typeof import("node:http");

function nodeHttp(): NodeHttp {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  if (!getBuiltinModule)
    throw new Error("serve() needs Node.js 22 or later, Deno or Bun: this runtime has no HTTP server to listen with.");
  return getBuiltinModule("node:http") as NodeHttp;
}

function unreadable(): Response {
  const message =
    "The request could not be read: its method (such as TRACE or CONNECT), a header value or its target is not one fetch accepts.";
  return errorResponse(
    new SimulatorApiError(
      400,
      ErrorCodes.invalidParameters,
      message,
      "Send a standard method with valid header values.",
    ),
    crypto.randomUUID(),
  );
}

/** Listens with `node:http`; the handler rejecting means "drop the connection". */
export const listenNode: Listen = (handler, port, hostname) =>
  new Promise((resolve, reject) => {
    // The URL of a request without a usable Host header (HTTP/1.0) names the listening address.
    let listeningHost = hostname;
    // The body is read whole first, and a request runs to its end even if its client goes away,
    // as the API does: a launch whose caller vanished during an injected delay is still performed.
    const listener = createNodeListener((request) => handler(request), {
      unreadable,
      requestBody: "whole",
      get fallbackHost() {
        return listeningHost;
      },
    });
    const server = nodeHttp().createServer(listener);
    server.once("error", reject);
    server.listen(port, hostname, () => {
      const address = server.address();
      const listeningPort = typeof address === "object" && address ? address.port : port;
      listeningHost = `${hostname.includes(":") ? `[${hostname}]` : hostname}:${listeningPort}`;
      resolve({
        port: listeningPort,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
