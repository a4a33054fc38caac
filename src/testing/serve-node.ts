/**
 * The Node server behind `serve()`. `node:http` is fetched with `process.getBuiltinModule`
 * when a server starts, never imported, so bundles for Workers and browsers stay free of it.
 * A fault that drops the connection destroys the socket: the client sees a real reset.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ErrorCodes } from "../error-codes.js";
import { errorResponse, SimulatorApiError } from "./envelope.js";
import type { Listen } from "./serve.js";

type NodeHttp = typeof import("node:http");

function nodeHttp(): NodeHttp {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (!getBuiltinModule) throw new Error("serve() needs Node.js 22 or later, Deno or Bun: this runtime has no HTTP server to listen with.");
  return getBuiltinModule("node:http") as NodeHttp;
}

/** Reads the request, or `undefined` when the runtime's `Request` refuses it (a method such as TRACE, a bad header value). */
async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request | undefined> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? "GET";
  const chunks: Buffer[] = [];
  if (method !== "GET" && method !== "HEAD") for await (const chunk of incoming) chunks.push(chunk as Buffer);
  try {
    return new Request(new URL(incoming.url ?? "/", origin), { method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : null });
  } catch {
    return undefined;
  }
}

function unreadable(): Response {
  const message = "The request could not be read: its method (such as TRACE or CONNECT), a header value or its target is not one fetch accepts.";
  return errorResponse(new SimulatorApiError(400, ErrorCodes.invalidParameters, message, "Send a standard method with valid header values."), crypto.randomUUID());
}

async function send(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

/** Listens with `node:http`; the handler rejecting means "drop the connection". */
export const listenNode: Listen = (handler, port, hostname) =>
  new Promise((resolve, reject) => {
    const server = nodeHttp().createServer((incoming, outgoing) => {
      const origin = `http://${incoming.headers.host ?? `${hostname}:${port}`}`;
      toRequest(incoming, origin)
        .then((request) => (request ? handler(request) : unreadable()))
        .then((response) => send(response, outgoing))
        .catch(() => incoming.socket.destroy());
    });
    server.once("error", reject);
    server.listen(port, hostname, () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
